"""Filters for the public initiative list: a plain GET form, forgiving with bad values."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold
from regions.queries import find_place

FILTER_PARAMS = ("q", "kreis", "ort")
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Schwerpunkt oder Stichwort"), required=False)
    kreis = forms.ChoiceField(label=gettext_lazy("Landkreis / Stadt"), required=False)
    ort = forms.CharField(label=gettext_lazy("Gemeinde"), required=False, max_length=100)

    def __init__(self, data, *, districts):
        super().__init__(data)
        self.fields["kreis"].choices = [("", _("alle"))] + [(d.slug, d.short_name) for d in districts]
        self.fields["ort"].widget.attrs.update({"list": "municipality-names", "autocomplete": "off"})
        self.fields["q"].widget.input_type = "search"


@dataclass
class Chip:
    label: str
    remove_url: str


@dataclass
class InitiativeQuery:
    form: InitiativeFilterForm
    values: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    municipality_id: int | None = None
    chips: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.values)

    def querystring(self, **overrides):
        params = {k: v for k, v in {**self.values, **overrides}.items() if v not in (None, "")}
        return urlencode(params)

    def filter(self, queryset):
        if self.values.get("kreis"):
            queryset = queryset.filter(municipality__district__slug=self.values["kreis"])
        if self.municipality_id is not None:
            queryset = queryset.filter(municipality_id=self.municipality_id)
        for word in fold(self.values.get("q", "")).split()[:MAX_QUERY_WORDS]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def read_filters(params, *, districts) -> InitiativeQuery:
    """Parse GET parameters; invalid values are dropped with a note, never an error page."""
    form = InitiativeFilterForm({k: params.get(k, "") for k in FILTER_PARAMS}, districts=districts)
    form.is_valid()
    query = InitiativeQuery(form=form)
    for name in FILTER_PARAMS:
        if not params.get(name, "").strip():
            continue
        if name in form.errors:
            query.notes.append(
                _("Der Filter „%(label)s“ hatte einen ungültigen Wert und wurde nicht angewendet.")
                % {"label": form.fields[name].label}
            )
            continue
        query.values[name] = form.cleaned_data[name]
    text = " ".join(str(query.values.pop("q", "")).split())[:MAX_QUERY_LENGTH]
    if text:
        query.values["q"] = text
    _resolve_place(query)
    _build_chips(query)
    return query


def _resolve_place(query):
    name = query.values.get("ort")
    if not name:
        return
    lookup = find_place(name)
    if lookup.place is None:
        query.values.pop("ort")
        query.suggestions = lookup.suggestions
        query.notes.append(_("Wir kennen keine sächsische Gemeinde „%(name)s“.") % {"name": name})
        return
    query.values["ort"] = lookup.place.name
    query.municipality_id = lookup.place.id


def _build_chips(query):
    for name, value in query.values.items():
        field_ = query.form.fields[name]
        shown = dict(field_.choices).get(value, value) if hasattr(field_, "choices") else value
        remove = query.querystring(**{name: ""})
        query.chips.append(Chip(label=f"{field_.label}: {shown}", remove_url="?" + remove if remove else "?"))
