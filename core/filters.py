"""Forgiving GET filter forms: a bad value is dropped with a note, never an error page.

Every filter lives in the query string so a filtered list can be shared (and, for the
catalogue, subscribed to). An app declares a plain form with one field per URL parameter
and a `FilterQuery` subclass that knows how to filter its queryset, then calls `read_form`.
Looking up a typed place is `regions.queries.resolve_place_filter` (core knows no regions).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _


@dataclass
class Chip:
    """One applied filter, shown as a link that removes it."""

    label: str
    remove_url: str


@dataclass
class FilterQuery:
    """The result of reading a filter form: the values to apply, and notes for the user."""

    form: forms.Form
    values: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    chips: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.values)

    def querystring(self, **overrides):
        params = {k: v for k, v in {**self.values, **overrides}.items() if v not in (None, "")}
        return urlencode(params)

    def add_chip(self, label, **removed):
        """A chip whose link keeps every filter except the parameters named in `removed`."""
        self.chips.append(Chip(label=label, remove_url="?" + self.querystring(**removed)))

    def add_field_chip(self, name, shown=None):
        """ "<field label>: <value>" (the choice's label for choice fields); removes just this filter."""
        field_ = self.form.fields[name]
        value = self.values[name]
        if shown is None:
            shown = dict(field_.choices).get(value, value) if hasattr(field_, "choices") else value
        self.add_chip(f"{field_.label}: {shown}", **{name: ""})


def read_form(query_class, form_class, params, names, *, max_length=None, **form_kwargs):
    """Bind `form_class` to the GET parameters `names` and keep the given values that are valid.

    An invalid value is left out with a note naming the filter; the page still shows results.
    `max_length` cuts overlong raw values before validation.
    """
    data = {name: params.get(name, "")[:max_length] for name in names}
    form = form_class(data, **form_kwargs)
    form.is_valid()
    query = query_class(form=form)
    for name in names:
        if not data[name].strip():
            continue
        if name in form.errors:
            query.notes.append(
                _("Der Filter „%(label)s“ hatte einen ungültigen Wert und wurde nicht angewendet.")
                % {"label": form.fields[name].label}
            )
            continue
        query.values[name] = form.cleaned_data[name]
    if form.errors:
        # The form on the page shows the filters as applied: a dropped value is named in the notes,
        # not put back into its field (a date or number input could not even hold it).
        query.form = form_class({k: v for k, v in data.items() if k not in form.errors}, **form_kwargs)
        query.form.is_valid()
    return query
