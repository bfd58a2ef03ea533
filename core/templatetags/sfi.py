from django import template
from django.utils.html import format_html

from core import dates

register = template.Library()


@register.filter
def span(event):
    """Date and time range of anything with start and end."""
    return dates.format_span(event.start, event.end)


@register.filter
def day(value):
    return dates.format_day(value) if value else ""


@register.filter
def clock(value):
    return dates.format_time(value) if value else ""


@register.filter
def lang_attr(text):
    """` lang="de"` on the element of a German fallback on an English page (core.text.localized), else nothing."""
    lang = getattr(text, "lang", "")
    return format_html(' lang="{}"', lang) if lang else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None or "" removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
