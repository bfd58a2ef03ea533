"""The cohort matrix as XLSX through the one export mechanism (`core.exports`): values, never formulas."""

from django.utils.translation import gettext as _

from core.exports import as_xlsx, safe
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
