from django import template
from django.urls import reverse

from backoffice.navigation import items_for

register = template.Library()


@register.inclusion_tag("backoffice/_nav.html", takes_context=True)
def backoffice_nav(context):
    request = context["request"]
    current = context.get("nav", "")
    items = [(item.label, reverse(item.url_name), item.key == current) for item in items_for(request.user)]
    return {"items": items, "user": request.user, "csrf_token": context.get("csrf_token")}


@register.filter
def percent_class(value):
    """A CSS class for the fill bar in steps of 10 (no inline styles under our CSP)."""
    if value is None:
        return "fill--none"
    return f"fill--{min(int(value) // 10 * 10, 100)}"
