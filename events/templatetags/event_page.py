from django import template
from django.utils.safestring import mark_safe

from core.registry import announce

register = template.Library()


@register.simple_tag
def event_page_boxes(event):
    """The boxes other apps add to an event's public page (hook `event_page_box`), e.g. registration."""
    # Each answer is a rendered template (escaped there), not text from a request.
    return mark_safe("".join(announce("event_page_box", event=event)))  # noqa: S308


@register.simple_tag
def event_page_related(event):
    """What other apps link from an event's public page (hook `event_page_related`), e.g. articles."""
    # Each answer is a rendered template (escaped there), not text from a request.
    return mark_safe("".join(announce("event_page_related", event=event)))  # noqa: S308
