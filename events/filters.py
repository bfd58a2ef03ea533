"""The catalogue's filters: one GET form, forgiving with bad values.

Every filter lives in the query string so a filtered list can be shared and
subscribed to (the iCal and Atom feeds take the same parameters).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold
from events.models import Event, Language, TargetGroup, Topic
from regions.models import District
from regions.queries import distances_from, find_place

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
class Chip:
    label: str
    remove_url: str


@dataclass
class CatalogueQuery:
    """The result of reading the filter form: what to apply, and notes for the user."""

    form: CatalogueFilterForm
    values: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    distances: dict | None = None
    chips: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.values)

    def querystring(self, **overrides):
        params = {k: v for k, v in {**self.values, **overrides}.items() if v not in (None, "")}
        return urlencode(params)

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
    form = CatalogueFilterForm(
        {k: params.get(k, "") for k in FILTER_PARAMS},
        districts=District.objects.order_by("short_name"),
        topics=Topic.objects.all(),
        target_groups=TargetGroup.objects.all(),
        languages=Language.objects.all(),
    )
    form.is_valid()
    query = CatalogueQuery(form=form)
    for name in FILTER_PARAMS:
        raw = params.get(name, "").strip()
        if not raw:
            continue
        if name in form.errors:
            query.notes.append(
                _("Der Filter „%(label)s“ hatte einen ungültigen Wert und wurde nicht angewendet.")
                % {"label": form.fields[name].label}
            )
            continue
        query.values[name] = form.cleaned_data[name]
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
    name = query.values.get("ort")
    if not name:
        query.values.pop("umkreis", None)
        return
    lookup = find_place(name)
    if lookup.place is None:
        query.values.pop("ort")
        query.values.pop("umkreis", None)
        query.suggestions = lookup.suggestions
        query.notes.append(_("Wir kennen keine sächsische Gemeinde „%(name)s“.") % {"name": name})
        return
    query.values["ort"] = lookup.place.name
    query.values["umkreis"] = radius = radius or DEFAULT_RADIUS
    query.distances = distances_from(lookup.place, radius)


def _build_chips(query):
    form = query.form
    for name, value in query.values.items():
        if name == "umkreis":
            continue
        if name == "ort":
            label = _("bis %(km)s km um %(place)s") % {"km": query.values["umkreis"], "place": value}
            remove = query.querystring(ort="", umkreis="")
        else:
            field_ = form.fields[name]
            shown = dict(field_.choices).get(value, value) if hasattr(field_, "choices") else value
            if name in ("von", "bis"):
                shown = value.strftime("%d.%m.%Y")
            label = f"{field_.label}: {shown}"
            remove = query.querystring(**{name: ""})
        query.chips.append(Chip(label=label, remove_url="?" + remove if remove else "?"))
