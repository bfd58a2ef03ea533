"""The survey results as a download (core.exports): the figures, the spread, the per-event table
and the written answers, as the results pages show them; one line per figure or answer."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Column

COLUMNS = [
    Column(gettext_lazy("Abschnitt"), lambda line: line[0]),
    Column(gettext_lazy("Veranstaltung"), lambda line: line[1]),
    Column(gettext_lazy("Angabe"), lambda line: line[2]),
    Column(gettext_lazy("Gesamteindruck"), lambda line: line[3]),
    Column(gettext_lazy("Nutzen"), lambda line: line[4]),
]


def _average(value):
    return round(value, 1) if value is not None else ""


def lines(result, texts, *, event_title="", events=()):
    """[(section, event, label, overall, usefulness)]: what the page shows, top to bottom."""
    figures = _("Übersicht")
    yield (figures, event_title, _("Antworten"), result["count"], result["count"])
    yield (
        figures,
        event_title,
        _("Durchschnitt (von 5)"),
        _average(result["avg_overall"]),
        _average(result["avg_usefulness"]),
    )
    usefulness = dict(result["usefulness_spread"])
    for rating, overall in result["overall_spread"]:
        yield (_("Verteilung der Bewertungen"), event_title, rating, overall, usefulness[rating])
    for event in events:
        yield (
            _("Nach Veranstaltung"),
            event.title,
            _("Antworten: %(n)s") % {"n": event.n_answers},
            _average(event.avg_overall),
            _average(event.avg_usefulness),
        )
    for answer in texts:
        if answer.improve:
            yield (_("Was können wir besser machen?"), answer.event.title, answer.improve, "", "")
    for answer in texts:
        if answer.topics_wanted:
            yield (_("Gewünschte Themen"), answer.event.title, answer.topics_wanted, "", "")
