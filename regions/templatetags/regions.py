from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join

from regions.queries import municipality_names

register = template.Library()


@lru_cache(maxsize=4)
def _datalist(element_id, names):
    options = format_html_join("", '<option value="{}">', ((name,) for name in names))
    return format_html('<datalist id="{}">{}</datalist>', element_id, options)


@register.simple_tag
def municipality_datalist(element_id="municipality-names"):
    """All municipality names as a <datalist>: type-ahead that needs no JavaScript."""
    return _datalist(element_id, tuple(municipality_names()))
