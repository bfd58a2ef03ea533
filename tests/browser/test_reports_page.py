"""The team opens the report page, compares with the year before, makes a mistake in the period and
downloads nothing until it is fixed. axe on the report (charts, map, tables) and on the form with errors."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.testing import make_user
from events.models import Event
from registrations.testing import register
from reports.testing import event_on, mark
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_team_reads_compares_and_corrects_the_report(page, clock):
    # The page opens with last year: the date is fixed to January 2027, the time of day stays the run's.
    clock.move_to(timezone.localtime().replace(year=2027, month=1, day=13))
    for day, place, people in ((date(2026, 3, 10), "Pirna", 3), (date(2026, 9, 1), "Görlitz", 2)):
        event = event_on(day, place=place)
        for _n in range(people):
            register(event, attended=True)
        mark(event, Event.Status.HELD)
    log_in(page, make_user("team", email="team-berichte@example.org"))

    page.get_by_role("link", name="Berichte").first.click()
    expect(page.get_by_role("heading", name="Bericht für Fördermittelgeber")).to_be_visible()
    expect(page.get_by_role("heading", name="Zeitraum 01.01.2026 bis 31.12.2026")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Vergleichen mit").select_option("vorjahr")
    page.get_by_role("button", name="Bericht anzeigen").click()
    expect(page.get_by_role("columnheader", name="Differenz").first).to_be_visible()
    assert_no_axe_violations(page)

    page.locator("#id_zeitraum").select_option("")  # "selbst wählen"
    page.locator("#id_von").fill("2026-12-31")
    page.locator("#id_bis").fill("2026-01-01")
    page.get_by_role("button", name="Bericht anzeigen").click()
    expect(page.locator(".error-summary")).to_contain_text("„Bis“ liegt vor „Von“.")
    expect(page.locator("#id_von")).to_have_value("2026-12-31")
    assert_no_axe_violations(page)
