"""Filters for the public article list: a plain GET form, forgiving with bad values."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filters import FilterQuery, read_form
from core.text import fold
from knowledge.models import LANGUAGES, Article

FILTER_PARAMS = ("q", "thema", "sprache")
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 8


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Stichwort"), required=False)
    thema = forms.ChoiceField(label=gettext_lazy("Thema"), required=False)
    sprache = forms.ChoiceField(label=gettext_lazy("Sprache"), required=False)

    def __init__(self, data, *, topics):
        super().__init__(data)
        self.fields["q"].widget.input_type = "search"
        self.fields["thema"].choices = [("", _("alle"))] + [(t.slug, t.localized_name) for t in topics]
        self.fields["sprache"].choices = [("", _("alle"))] + [(code, label) for code, label in LANGUAGES]


@dataclass
class ArticleQuery(FilterQuery):
    def filter(self, queryset):
        values = self.values
        if values.get("thema"):
            tagged = Article.topics.through.objects.filter(topic__slug=values["thema"])
            queryset = queryset.filter(id__in=tagged.values("article"))
        if values.get("sprache"):
            queryset = queryset.filter(language=values["sprache"])
        for word in fold(values.get("q", "")).split()[:MAX_QUERY_WORDS]:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


def read_filters(params, *, topics) -> ArticleQuery:
    """Parse GET parameters; invalid values are dropped with a note, never an error page."""
    query = read_form(ArticleQuery, ArticleFilterForm, params, FILTER_PARAMS, max_length=200, topics=topics)
    text = " ".join(str(query.values.pop("q", "")).split())[:MAX_QUERY_LENGTH]
    if text:
        query.values["q"] = text
    for name in query.values:
        query.add_field_chip(name)
    return query
