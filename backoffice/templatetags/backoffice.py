from django import template
from django.urls import reverse

from accounts.models import User
from accounts.permissions import role_of
from core import registry

register = template.Library()


@register.inclusion_tag("backoffice/_nav.html", takes_context=True)
def backoffice_nav(context):
    """The top navigation: every app's declared MENU entries this account may use, in their order."""
    request = context["request"]
    current = context.get("nav", "")
    entries = [entry for entry in registry.menu_entries() if entry.allowed(request.user)]
    items = [(entry.label, reverse(entry.url_name), entry.key == current) for entry in entries]
    role = role_of(request.user)  # a superuser acts as admin, whatever its role field says
    return {
        "items": items,
        "role": User.Role(role).label if role else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def percent_class(value):
    """A CSS class for the fill bar in steps of 10 (no inline styles under our CSP)."""
    if value is None:
        return "fill--none"
    return f"fill--{min(int(value) // 10 * 10, 100)}"
