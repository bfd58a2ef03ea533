"""A report as files: XLSX (one sheet per table, numbers stored as numbers, a definitions sheet),
CSV per table (through core.exports) and PDF (WeasyPrint, laid out as an annex to the Sachbericht)."""

import io

from django.conf import settings
from django.utils.translation import gettext as _

from core.exports import as_csv, safe
from documents.pdf import render_pdf

FIGURES_KEY = "kennzahlen"


def _cell(value):
    if value is None:
        return ""
    if not isinstance(value, int | float | str):
        value = str(value)  # lazy labels
    return safe(value)


def _figure_lines(report, comparison=None):
    header = [_("Kennzahl"), _("Wert")]
    if comparison:
        header += [_("Vergleich"), _("Differenz")]
    yield [*header, _("Definition")]
    compared = {figure.key: (then, diff) for figure, then, diff in comparison or ()}
    for figure in report.figures():
        extra = list(compared.get(figure.key, ("", ""))) if comparison else []
        yield [str(figure.label), figure.value, *extra, str(figure.definition)]


def table_lines(table):
    yield [str(table.first), *(str(column) for column in table.columns)]
    for row in table.rows:
        yield [row.label, *row.values]


def lines_for(report, key, comparison=None):
    """The rows of one CSV: the figures ("kennzahlen") or one table by its key."""
    if key == FIGURES_KEY:
        return _figure_lines(report, comparison)
    return table_lines(report.table(key))


def csv_file(report, key, comparison=None) -> bytes:
    return as_csv([[_cell(value) for value in line] for line in lines_for(report, key, comparison)])


def _sheet_name(title, used):
    name = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31]
    while name in used:
        name = name[:28] + f" {len(used)}"
    used.add(name)
    return name


def xlsx_file(report, comparison=None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    used = set()
    sheet = workbook.active
    sheet.title = _sheet_name(_("Kennzahlen"), used)
    for line in _figure_lines(report, comparison):
        sheet.append([_cell(value) for value in line])
    for table in report.tables():
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        for line in table_lines(table):
            sheet.append([_cell(value) for value in line])
    definitions = workbook.create_sheet(_sheet_name(_("Definitionen"), used))
    definitions.append([_("Kennzahl oder Tabelle"), _("Definition")])
    for figure in report.figures():
        definitions.append([str(figure.label), str(figure.definition)])
    for table in report.tables():
        definitions.append([str(table.title), str(table.definition)])
    scope = report.scope
    definitions.append([])
    definitions.append([_("Zeitraum"), f"{scope.start:%d.%m.%Y} – {scope.end:%d.%m.%Y}"])
    for worksheet in workbook.worksheets:
        worksheet.freeze_panes = "A2"
    workbook.properties.title = _("Bericht %(start)s – %(end)s") % {
        "start": f"{scope.start:%d.%m.%Y}",
        "end": f"{scope.end:%d.%m.%Y}",
    }
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_file(
    report, *, sections, comparison=None, charts=(), district_map=None, other_scope=None, computed_at=None
) -> bytes:
    context = {
        "report": report,
        "sections": sections,
        "computed_at": computed_at,
        "comparison": comparison,
        "other_scope": other_scope,
        "charts": charts,
        "district_map": district_map,
        "funding_line": settings.FUNDING_LINE,
        "project": settings.PROJECT_NAME,
        "organiser": settings.ORGANISER_NAME,
    }
    return render_pdf("reports/report_pdf.html", context)
