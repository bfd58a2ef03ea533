"""The cohort matrix as XLSX through the one export mechanism (`core.exports`): values, never formulas."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Column, as_xlsx, safe
from multipliers import queries


def status_labels():
    return {
        queries.ATTENDED: _("anwesend"),
        queries.MADE_UP: _("nachgeholt"),
        queries.EXCUSED: _("entschuldigt"),
        queries.OPEN: _("kommt noch"),
        queries.MISSING: _("fehlt"),
    }


def cohort_xlsx(cohort):
    labels = status_labels()
    yes, no = _("ja"), _("nein")
    header = [
        _("Name"),
        *[m.title for m in cohort.modules],
        _("Besucht"),
        _("Abgeschlossen"),
        _("Kann noch abschließen"),
    ]
    rows = [
        [
            row.registration.name,
            *[labels[cell.status] for cell in row.cells],
            row.counted,
            yes if row.completed else no,
            yes if row.can_complete else no,
        ]
        for row in cohort.rows
    ]
    return as_xlsx([[safe(value) for value in line] for line in [header, *rows]], sheet=_("Kohorte"))


TOTALS_COLUMNS = [
    Column(gettext_lazy("Tabelle"), lambda line: line[0]),
    Column(gettext_lazy("Eintrag"), lambda line: line[1]),
    Column(gettext_lazy("Anzahl"), lambda line: line[2]),
]


def totals_lines(totals):
    """The consultation totals as the team's page shows them, table by table (counts only, no names)."""
    yield (_("Beratungen"), _("alle"), totals["total"])
    for row in totals["by_district"]:
        yield (_("Nach Landkreis"), row["district__name"], row["n"])
    for row in totals["by_topic"]:
        yield (_("Nach Thema"), row["topics__name"] or "–", row["n"])
    for row in totals["by_agency"]:
        yield (_("Weiterverwiesen an"), row["agency__name"], row["n"])
    if totals["other_agency"]:
        yield (_("Weiterverwiesen an"), _("Andere (nicht im Wegweiser)"), totals["other_agency"])
    for row in totals["by_advised"]:
        yield (_("Beraten wurde"), row["label"], row["n"])
