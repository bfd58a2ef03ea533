"""The catalogue's filters: one GET form, forgiving with bad values.

Every filter lives in the query string so a filtered list can be shared and
subscribed to (the iCal and Atom feeds take the same parameters).
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FilterQuery, read_form
from core.text import fold
from events.models import Event, Language, TargetGroup, Topic
from regions.models import District
from regions.queries import distances_from, resolve_place_filter

MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8
RADIUS_CHOICES = [5, 10, 20, 30, 50, 100]
DEFAULT_RADIUS = 20
MAX_RADIUS = 200
FILTER_PARAMS = ("q", "kreis", "ort", "umkreis", "von", "bis", "art", "thema", "zielgruppe", "sprache")


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Suchbegriff"), required=False)
    kreis = forms.ChoiceField(label=gettext_lazy("Landkreis / Stadt"), required=False)
    ort = forms.CharField(label=gettext_lazy("In der Nähe von (Gemeinde)"), required=False, max_length=100)
    umkreis = forms.IntegerField(label=gettext_lazy("Umkreis in km"), required=False, min_value=1)
    von = forms.DateField(label=gettext_lazy("Von (Datum)"), required=False)
    bis = forms.DateField(label=gettext_lazy("Bis (Datum)"), required=False)
    art = forms.ChoiceField(label=gettext_lazy("Art"), required=False)
    thema = forms.ChoiceField(label=gettext_lazy("Thema"), required=False)
    zielgruppe = forms.ChoiceField(label=gettext_lazy("Zielgruppe"), required=False)
    sprache = forms.ChoiceField(label=gettext_lazy("Sprache"), required=False)

    def __init__(self, data, *, districts, topics, target_groups, languages):
        super().__init__(data)
        anything = [("", _("alle"))]
        self.fields["kreis"].choices = anything + [(d.slug, d.short_name) for d in districts]
        self.fields["art"].choices = anything + list(Event.Kind.choices)
        self.fields["thema"].choices = anything + [(t.slug, t.localized_name) for t in topics]
        self.fields["zielgruppe"].choices = anything + [(t.slug, t.localized_name) for t in target_groups]
        self.fields["sprache"].choices = anything + [(lang.code, lang.localized_name) for lang in languages]
        self.fields["von"].widget.input_type = "date"
        self.fields["bis"].widget.input_type = "date"
        self.fields["ort"].widget.attrs.update({"list": "municipality-names", "autocomplete": "off"})
        self.fields["umkreis"].widget.attrs.update({"list": "radius-choices", "max": MAX_RADIUS})
        self.fields["q"].widget.input_type = "search"


@dataclass
class CatalogueQuery(FilterQuery):
    """The read filter form (core.filters) plus the distances of a place search."""

    distances: dict | None = None

    def filter(self, queryset):
        v = self.values
        if v.get("kreis"):
            queryset = queryset.filter(venue__municipality__district__slug=v["kreis"])
        if self.distances is not None:
            queryset = queryset.filter(venue__municipality_id__in=list(self.distances))
        if v.get("von"):
            queryset = queryset.filter(end__date__gte=v["von"])
        if v.get("bis"):
            queryset = queryset.filter(start__date__lte=v["bis"])
        if v.get("art"):
            queryset = queryset.filter(kind=v["art"])
        # Many-to-many filters as subqueries: no join, so no duplicate rows and no DISTINCT.
        if v.get("thema"):
            topics = Event.topics.through.objects.filter(topic__slug=v["thema"])
            queryset = queryset.filter(id__in=topics.values("event"))
        if v.get("zielgruppe"):
            groups = Event.target_groups.through.objects.filter(targetgroup__slug=v["zielgruppe"])
            queryset = queryset.filter(id__in=groups.values("event"))
        if v.get("sprache"):
            languages = Event.languages.through.objects.filter(language__code=v["sprache"])
            queryset = queryset.filter(id__in=languages.values("event"))
        for word in fold(v.get("q", "")).split()[:MAX_QUERY_WORDS]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def read_filters(params):
    """Parse GET parameters; invalid values are dropped or corrected with a note, never an error."""
    query = read_form(
        CatalogueQuery,
        CatalogueFilterForm,
        params,
        FILTER_PARAMS,
        districts=District.objects.order_by("short_name"),
        # Archived reference data is no filter any more (its events still show it).
        topics=Topic.objects.filter(archived=False),
        target_groups=TargetGroup.objects.filter(archived=False),
        languages=Language.objects.filter(archived=False),
    )
    _normalise_text(query)
    _normalise_dates(query)
    _resolve_place(query)
    _build_chips(query)
    return query


def _normalise_text(query):
    text = " ".join(str(query.values.get("q", "")).split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        query.notes.append(
            _("Der Suchbegriff war zu lang und wurde auf %(n)s Zeichen gekürzt.") % {"n": MAX_QUERY_LENGTH}
        )
    if text:
        query.values["q"] = text
    else:
        query.values.pop("q", None)


def _normalise_dates(query):
    start, end = query.values.get("von"), query.values.get("bis")
    if start and end and start > end:
        query.values["von"], query.values["bis"] = end, start
        query.notes.append(_("Das Anfangsdatum lag nach dem Enddatum; wir haben die beiden getauscht."))


def _resolve_place(query):
    radius = query.values.get("umkreis")
    if radius is not None and radius > MAX_RADIUS:
        query.values["umkreis"] = radius = MAX_RADIUS
        query.notes.append(_("Der Umkreis wurde auf %(km)s km begrenzt.") % {"km": MAX_RADIUS})
    place = resolve_place_filter(query)
    if place is None:
        query.values.pop("umkreis", None)
        return
    query.values["umkreis"] = radius = radius or DEFAULT_RADIUS
    query.distances = distances_from(place, radius)


def _build_chips(query):
    for name, value in query.values.items():
        if name == "umkreis":
            continue
        if name == "ort":
            label = _("bis %(km)s km um %(place)s") % {"km": query.values["umkreis"], "place": value}
            query.add_chip(label, ort="", umkreis="")
        elif name in ("von", "bis"):
            query.add_field_chip(name, shown=value.strftime("%d.%m.%Y"))
        else:
            query.add_field_chip(name)
