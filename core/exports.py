"""One way to export any back-office list as CSV or XLSX: the list's own rows (its current filters,
what the account may see), the columns it declares, cells made formula-safe.

A list view adds it in a few lines (docs/architecture.md, "Exports"):

    columns = [Column(_("Titel"), lambda e: e.title), Column(_("Beginn"), lambda e: e.start)]
    fmt = export_format(request)
    if fmt:
        record(actor=request.user, action="events.exported", target=None, details={"format": fmt, "rows": n})
        return download(fmt, columns, rows, filename="veranstaltungen", sheet=_("Veranstaltungen"))
    context["exports"] = export_links(request)       # and {% include "core/_export_links.html" %}

core imports nothing of ours, so the audit entry is the view's (every export is on record).
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("csv", "xlsx")
PARAM = "export"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], Any]


def safe(value):
    """Spreadsheets run cells that start like a formula; a leading apostrophe keeps them text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, int | float | str):
        return str(value)
    return safe(value)


def table(columns, rows):
    """Header and cells, every cell formula-safe."""
    yield [str(column.label) for column in columns]
    for row in rows:
        yield [_cell(column.value(row)) for column in columns]


def as_csv(lines) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(lines)
    # A byte-order mark, so spreadsheet programs on Windows read the umlauts right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(lines, *, sheet, title="") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    # A sheet's name may not hold []:*?/\ and has at most 31 characters.
    worksheet.title = re.sub(r"[\[\]:*?/\\]", "-", str(sheet))[:31]
    for line in lines:
        worksheet.append(line)
    worksheet.freeze_panes = "A2"
    workbook.properties.title = str(title or sheet)[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_format(request):
    """ "csv" or "xlsx" when the list was asked for as a download (`?export=…`), else None."""
    value = request.GET.get(PARAM, "")
    return value if value in FORMATS else None


def export_links(request):
    """The list's current query (filters kept, page dropped) with each format: for core/_export_links.html."""
    query = request.GET.copy()
    for name in (PARAM, "seite", "page"):
        query.pop(name, None)
    links = {}
    for fmt in FORMATS:
        query[PARAM] = fmt
        links[fmt] = "?" + query.urlencode()
    return links


def download(fmt, columns, rows, *, filename, sheet, title=""):
    lines = table(columns, rows)
    if fmt == "xlsx":
        response = HttpResponse(as_xlsx(lines, sheet=sheet, title=title), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(as_csv(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
