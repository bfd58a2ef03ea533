"""Filters for the public initiative list: a plain GET form, forgiving with bad values."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FilterQuery, read_form
from core.text import fold
from regions.queries import resolve_place_filter

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
class InitiativeQuery(FilterQuery):
    municipality_id: int | None = None

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
    query = read_form(InitiativeQuery, InitiativeFilterForm, params, FILTER_PARAMS, districts=districts)
    text = " ".join(str(query.values.pop("q", "")).split())[:MAX_QUERY_LENGTH]
    if text:
        query.values["q"] = text
    place = resolve_place_filter(query)
    query.municipality_id = place.id if place else None
    for name in query.values:
        query.add_field_chip(name)
    return query
