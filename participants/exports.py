"""Participant exports as CSV and XLSX (openpyxl): the same columns, cells made formula-safe."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Spreadsheets run cells that start like a formula; a leading apostrophe keeps them text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _when(value):
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def header():
    return [
        _("Nr."),
        _("Name"),
        _("E-Mail-Adresse"),
        _("Telefon"),
        _("Organisation/Initiative"),
        _("Rolle"),
        _("Gemeinde"),
        _("Landkreis"),
        _("Stand"),
        _("Angemeldet am"),
        _("E-Mail bestätigt"),
        _("Anwesend"),
        _("Ohne Anmeldung gekommen"),
        _("Barrierefreiheit"),
        _("Kinderbetreuung"),
        _("Sprachmittlung"),
        _("Ernährung"),
    ]


def rows(bookings):
    yes, no = _("ja"), _("nein")
    for number, booking in enumerate(bookings, start=1):
        registration = booking.registration
        municipality = registration.municipality
        address = registration.email if registration.has_address else ""
        yield [
            number,
            registration.name,
            address,
            registration.phone,
            registration.organisation,
            registration.get_role_display(),
            municipality.name if municipality else "",
            municipality.district.name if municipality else "",
            booking.get_status_display(),
            _when(registration.created_at),
            yes if registration.email_confirmed_at and address else no,
            yes if booking.attended else no,
            yes if hasattr(registration, "walk_in") else no,
            registration.accessibility_needs,
            registration.childcare_needs,
            registration.interpretation_language,
            registration.diet,
        ]


def as_csv(bookings):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in rows(bookings):
        writer.writerow([_safe(value) for value in row])
    # A byte-order mark, so spreadsheet programs on Windows read the umlauts right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(bookings, title):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Teilnehmende")[:31]
    sheet.append(header())
    for row in rows(bookings):
        sheet.append([_safe(value) for value in row])
    sheet.freeze_panes = "A2"
    workbook.properties.title = title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
