"""The public search "Multiplikator_innen in Ihrer Nähe": place and radius, topic, language."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FilterQuery, read_form
from regions.queries import distances_from, resolve_place_filter

FILTER_PARAMS = ("ort", "umkreis", "thema", "sprache")
RADII = (10, 20, 40, 80)
DEFAULT_RADIUS = 40


class SearchForm(forms.Form):
    ort = forms.CharField(label=gettext_lazy("Ort"), required=False, max_length=100)
    umkreis = forms.TypedChoiceField(label=gettext_lazy("Umkreis"), required=False, coerce=int, empty_value=None)
    thema = forms.ChoiceField(label=gettext_lazy("Thema"), required=False)
    sprache = forms.ChoiceField(label=gettext_lazy("Sprache"), required=False)

    def __init__(self, data, *, topics, languages):
        super().__init__(data)
        self.fields["umkreis"].choices = [("", _("ganz Sachsen"))] + [(str(r), f"{r} km") for r in RADII]
        self.fields["thema"].choices = [("", _("alle"))] + [(t.slug, t.name) for t in topics]
        self.fields["sprache"].choices = [("", _("alle"))] + [(lang.code, lang.name) for lang in languages]
        self.fields["ort"].widget.attrs.update({"list": "municipality-names", "autocomplete": "off"})


@dataclass
class SearchQuery(FilterQuery):
    distances: dict | None = None

    def arguments(self):
        return {
            "municipality_ids": list(self.distances) if self.distances is not None else None,
            "topic": self.values.get("thema"),
            "language": self.values.get("sprache"),
        }


def read_search(params, *, topics, languages):
    query = read_form(SearchQuery, SearchForm, params, FILTER_PARAMS, topics=topics, languages=languages)
    place = resolve_place_filter(query)
    if place is not None:
        radius = query.values.get("umkreis") or DEFAULT_RADIUS
        query.values["umkreis"] = radius
        query.distances = distances_from(place, radius)
    else:
        query.values.pop("umkreis", None)
    for name in query.values:
        query.add_field_chip(name, shown=f"{query.values[name]} km" if name == "umkreis" else None)
    return query
