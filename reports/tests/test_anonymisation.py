"""The promise of the reports: a year's figures stay identical after the retention jobs have
anonymised (and later removed) every participant's personal data."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from events.models import Event
from multipliers.testing import attend, enrol, make_course
from privacy.retention import apply_retention
from registrations.models import Registration
from registrations.services import cancel_registration
from registrations.testing import register
from reports.exports import xlsx_file
from reports.queries import Scope, build_report
from reports.testing import event_on, mark

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

YEAR = Scope(date(2026, 1, 1), date(2026, 12, 31))
PLACES = ["Pirna", "Görlitz", "Leipzig", "Bautzen", "Zittau", "Freital"]
ROLES = ["volunteer", "professional", "administration", "other"]


def build_a_year():
    regulars = [f"stamm{n}@example.org" for n in range(6)]
    mark(register(event_on(date(2025, 6, 1)), email=regulars[0], attended=True).event, Event.Status.HELD)
    for month in range(1, 13):
        event = event_on(date(2026, month, 10), hours=3 + month % 4, capacity=8, place=PLACES[month % len(PLACES)])
        people = [*regulars[: month % 6 + 1], *(f"neu{month}-{n}@example.org" for n in range(month % 5 + 3))]
        for n, email in enumerate(people):
            place = PLACES[(month + n) % len(PLACES)]
            registration = register(event, email=email, role=ROLES[n % 4], place=place, attended=n % 3 != 0)
            if n == 1 and month % 4 == 0:
                cancel_registration(registration=registration, now=event.start - timedelta(days=6))
        mark(event, Event.Status.HELD if month != 7 else Event.Status.CANCELLED)
    days = (date(2026, 5, 1) - date(2027, 1, 13)).days
    course = make_course(modules=3, days_ahead=days, every=14)
    for n in range(4):
        attend(enrol(course, email=regulars[n]), 1, 2, 3 if n % 2 else 1)
    mark(course, Event.Status.HELD)


def sheets(content):
    book = load_workbook(io.BytesIO(content))
    return {name: [tuple(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def test_every_figure_is_identical_after_retention_and_no_personal_field_is_left():
    build_a_year()
    before = build_report(YEAR)
    before_xlsx = sheets(xlsx_file(before))
    assert before.figure("people").value > 20 and before.figure("first_timers").value < before.figure("people").value
    assert before.figure("waiting_demand").value > 0 and before.figure("cancellations").value > 0

    # Past retention (12 months) and past the funders' attendance list (10 years).
    apply_retention(now=datetime(2027, 12, 31, 12, tzinfo=UTC))
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()
    assert build_report(YEAR).values() == before.values()
    apply_retention(now=datetime(2037, 12, 31, 12, tzinfo=UTC))

    after = build_report(YEAR)
    assert after.values() == before.values()
    assert sheets(xlsx_file(after)) == before_xlsx
    personal = Registration.objects.exclude(name="", organisation="", phone="", accessibility_needs="", diet="")
    assert not personal.exists()
    assert not Registration.objects.exclude(email__endswith="@anonymised.invalid").exists()
    assert not Registration.objects.exclude(answers={}).exists()
