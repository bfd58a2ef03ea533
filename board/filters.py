"""Filters for the public board and its Atom feed: a plain GET form, forgiving with bad values."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from board.models import Category, Kind
from core.filters import FilterQuery, read_form
from core.text import fold
from regions.queries import distances_from, resolve_place_filter

FILTER_PARAMS = ("q", "art", "kategorie", "kreis", "ort", "umkreis")
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8
DEFAULT_RADIUS = 25
MAX_RADIUS = 200


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Stichwort"), required=False)
    art = forms.ChoiceField(label=gettext_lazy("Suche oder Biete"), required=False)
    kategorie = forms.ChoiceField(label=gettext_lazy("Bereich"), required=False)
    kreis = forms.ChoiceField(label=gettext_lazy("Landkreis / Stadt"), required=False)
    ort = forms.CharField(label=gettext_lazy("Gemeinde"), required=False, max_length=100)
    umkreis = forms.IntegerField(label=gettext_lazy("Umkreis in km"), required=False, min_value=1)

    def __init__(self, data, *, districts):
        super().__init__(data)
        self.fields["art"].choices = [("", _("Suche und Biete"))] + list(Kind.choices)
        self.fields["kategorie"].choices = [("", _("alle Bereiche"))] + list(Category.choices)
        self.fields["kreis"].choices = [("", _("alle"))] + [(d.slug, d.short_name) for d in districts]
        self.fields["ort"].widget.attrs.update({"list": "municipality-names", "autocomplete": "off"})
        self.fields["q"].widget.input_type = "search"


@dataclass
class BoardQuery(FilterQuery):
    distances: dict | None = None

    def filter(self, queryset):
        if self.values.get("art"):
            queryset = queryset.filter(kind=self.values["art"])
        if self.values.get("kategorie"):
            queryset = queryset.filter(category=self.values["kategorie"])
        if self.values.get("kreis"):
            queryset = queryset.filter(municipality__district__slug=self.values["kreis"])
        if self.distances is not None:
            queryset = queryset.filter(municipality_id__in=list(self.distances))
        for word in fold(self.values.get("q", "")).split()[:MAX_QUERY_WORDS]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def read_filters(params, *, districts) -> BoardQuery:
    """Parse GET parameters; invalid values are dropped with a note, never an error page."""
    query = read_form(BoardQuery, BoardFilterForm, params, FILTER_PARAMS, max_length=200, districts=districts)
    text = " ".join(str(query.values.pop("q", "")).split())[:MAX_QUERY_LENGTH]
    if text:
        query.values["q"] = text
    radius = query.values.get("umkreis")
    if radius is not None and radius > MAX_RADIUS:
        query.values["umkreis"] = radius = MAX_RADIUS
        query.notes.append(_("Der Umkreis wurde auf %(km)s km begrenzt.") % {"km": MAX_RADIUS})
    place = resolve_place_filter(query)
    if place is None:
        query.values.pop("umkreis", None)
    else:
        query.values["umkreis"] = radius = radius or DEFAULT_RADIUS
        query.distances = distances_from(place, radius)
    for name, value in query.values.items():
        if name == "umkreis":
            continue
        if name == "ort":
            label = _("bis %(km)s km um %(place)s") % {"km": query.values["umkreis"], "place": value}
            query.add_chip(label, ort="", umkreis="")
        else:
            query.add_field_chip(name)
    return query
