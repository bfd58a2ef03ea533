"""The cohort matrix as XLSX (openpyxl); cells written as values, never formulas."""

import io

from django.utils.translation import gettext as _

from multipliers import queries


def status_labels():
    return {
        queries.ATTENDED: _("anwesend"),
        queries.MADE_UP: _("nachgeholt"),
        queries.EXCUSED: _("entschuldigt"),
        queries.OPEN: _("kommt noch"),
        queries.MISSING: _("fehlt"),
    }


def _text(value):
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def cohort_xlsx(cohort):
    from openpyxl import Workbook

    labels = status_labels()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Kohorte")[:31]
    sheet.append(
        [
            _("Name"),
            *[_text(m.title) for m in cohort.modules],
            _("Besucht"),
            _("Abgeschlossen"),
            _("Kann noch abschließen"),
        ]
    )
    yes, no = _("ja"), _("nein")
    for row in cohort.rows:
        sheet.append(
            [
                _text(row.registration.name),
                *[labels[cell.status] for cell in row.cells],
                row.counted,
                yes if row.completed else no,
                yes if row.can_complete else no,
            ]
        )
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
