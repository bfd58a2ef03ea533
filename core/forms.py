"""Form rendering for every app (settings.FORM_RENDERER) and a helper for staff forms.

A form that comes back with an error keeps what was typed (UI.md). A date, number or URL input
cannot hold every text, though: `<input type="date" value="gestern">` is invalid HTML and the
browser shows an empty box, so the typed value would be lost on screen. Such a value is shown in
a plain text box instead; the field's error message says what to enter.
"""

import re
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.renderers import DjangoTemplates


def _iso(parse, pattern):
    pattern = re.compile(pattern)

    def check(text):
        if not pattern.fullmatch(text):
            return False
        try:
            parse(text.replace(" ", "T") if parse is datetime.fromisoformat else text)
        except ValueError:
            return False
        return True

    return check


def _url(text):
    try:
        URLValidator()(text)
    except ValidationError:
        return False
    return True


# What each input type's value attribute may hold (HTML's syntax for it).
VALUE_SYNTAX = {
    "date": _iso(date.fromisoformat, r"\d{4}-\d{2}-\d{2}"),
    "datetime-local": _iso(datetime.fromisoformat, r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "time": _iso(time.fromisoformat, r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "number": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?").fullmatch,
    "range": re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?").fullmatch,
    "url": _url,
}
# Attributes a text input does not take.
TYPED_ONLY_ATTRS = ("min", "max", "step")


def holds(widget, value):
    """Whether the widget's input type can carry `value` as its value attribute."""
    check = VALUE_SYNTAX.get(getattr(widget, "input_type", None))
    if check is None:
        return True
    shown = widget.format_value(value)
    return shown in (None, "") or bool(check(str(shown)))


def as_text_input(widget):
    text = forms.TextInput(attrs={k: v for k, v in widget.attrs.items() if k not in TYPED_ONLY_ATTRS})
    text.is_localized = widget.is_localized
    return text


def no_autofill(fields):
    """Staff type other people's data: the browser must not offer the staff member's own.

    Radio buttons and checkboxes take no autocomplete attribute (invalid HTML), so they are skipped."""
    for field in fields:
        if getattr(field.widget, "input_type", None) not in ("radio", "checkbox"):
            field.widget.attrs["autocomplete"] = "off"


class BoundField(forms.BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if not holds(widget, self.value()):
            widget = as_text_input(widget)
        return super().as_widget(widget, attrs, only_initial)


class FormRenderer(DjangoTemplates):
    bound_field_class = BoundField
