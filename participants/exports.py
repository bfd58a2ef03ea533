"""Participant exports as CSV and XLSX (openpyxl): the same columns, cells made formula-safe."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports


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


def _lines(bookings):
    yield header()
    for row in rows(bookings):
        yield [exports.safe(value) for value in row]


def as_csv(bookings):
    return exports.as_csv(_lines(bookings))


def as_xlsx(bookings, title):
    return exports.as_xlsx(_lines(bookings), sheet=_("Teilnehmende"), title=title)
