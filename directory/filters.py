"""The search form of "Wer hilft hier?": one GET form, forgiving with bad values.

All filters live in the query string (ort, kreis, thema, sprache, seite) so a search can be
shared. Invalid values are dropped with a note, never an error page.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FilterQuery, read_form
from directory.queries import language_choices, topic_choices
from regions.models import District
from regions.queries import Place, resolve_place_filter

FILTER_PARAMS = ("ort", "kreis", "thema", "sprache")

LANGUAGE_NAMES = {
    "de": gettext_lazy("Deutsch"),
    "en": gettext_lazy("Englisch"),
    "ar": gettext_lazy("Arabisch"),
    "fa": gettext_lazy("Persisch (Farsi)"),
    "ps": gettext_lazy("Paschtu"),
    "ru": gettext_lazy("Russisch"),
    "uk": gettext_lazy("Ukrainisch"),
    "tr": gettext_lazy("Türkisch"),
    "ku": gettext_lazy("Kurdisch"),
    "ti": gettext_lazy("Tigrinya"),
    "fr": gettext_lazy("Französisch"),
    "so": gettext_lazy("Somali"),
    "vi": gettext_lazy("Vietnamesisch"),
    "pl": gettext_lazy("Polnisch"),
    "cs": gettext_lazy("Tschechisch"),
}


def language_label(code, fallback=""):
    return str(LANGUAGE_NAMES.get(code, fallback or code))


class SearchForm(forms.Form):
    ort = forms.CharField(
        label=gettext_lazy("Gemeinde oder Stadt"),
        help_text=gettext_lazy("Zum Beispiel Freital, Görlitz oder Plauen."),
        required=False,
        max_length=100,
    )
    kreis = forms.ChoiceField(label=gettext_lazy("Landkreis / Stadt"), required=False)
    thema = forms.ChoiceField(label=gettext_lazy("Thema"), required=False)
    sprache = forms.ChoiceField(label=gettext_lazy("Sprache der Beratung"), required=False)

    def __init__(self, data, *, districts, topics, languages):
        super().__init__(data)
        anything = [("", _("alle"))]
        self.fields["kreis"].choices = anything + [(d.slug, d.short_name) for d in districts]
        self.fields["thema"].choices = anything + [(t.code, t.localized_name) for t in topics]
        self.fields["sprache"].choices = anything + [(code, language_label(code, name)) for code, name in languages]
        self.fields["ort"].widget.attrs.update({"list": "municipality-names", "autocomplete": "address-level2"})


@dataclass
class SearchQuery(FilterQuery):
    place: Place | None = None
    district: District | None = None
    topic: object = None

    @property
    def ready(self):
        """A search needs a place: a municipality or a district."""
        return self.place is not None or self.district is not None


def read_search(params):
    districts = list(District.objects.order_by("short_name"))
    topics = topic_choices()
    query = read_form(
        SearchQuery,
        SearchForm,
        params,
        FILTER_PARAMS,
        max_length=200,
        districts=districts,
        topics=topics,
        languages=language_choices(),
    )
    if query.values.get("thema"):
        query.topic = next(t for t in topics if t.code == query.values["thema"])
    if query.values.get("kreis"):
        query.district = next(d for d in districts if d.slug == query.values["kreis"])
    query.place = resolve_place_filter(query)
    if query.place is not None:
        # A municipality is more precise than a district; the district filter would only repeat it.
        query.values.pop("kreis", None)
        query.district = None
    return query
