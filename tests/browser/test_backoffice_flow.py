"""A team member logs in with a TOTP code, copies last year's event and publishes it; axe on every back-office page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.testing import TEST_PASSWORD, make_user, totp_code
from events.models import Event
from events.testing import make_event
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.clock, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_team_member_copies_last_years_event_and_publishes_it(page):
    team = make_user("team", email="team-browser@example.org")
    last_year = make_event(title="Unterstützer_innenschulung Pirna", days_ahead=-364, status="held")

    page.goto(page.base_url + "/team/")
    assert "/konto/anmelden/" in page.url
    assert_no_axe_violations(page)
    log_in(page, team, start=None, on_code_page=assert_no_axe_violations)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Veranstaltungen", exact=True).click()
    page.get_by_label("Zeitraum").select_option("vergangen")
    page.get_by_role("button", name="Filtern").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Unterstützer_innenschulung Pirna").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Kopieren mit neuem Datum").click()
    assert_no_axe_violations(page)
    # Two weeks ahead: a copy dated "today 9:00" could not be published after 9 o'clock.
    new_start = timezone.localtime(last_year.start + timedelta(days=364 + 14))
    page.get_by_label("Neuer Beginn").fill(new_start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Titel der Kopie").fill("Unterstützer_innenschulung Pirna 2")
    page.get_by_role("button", name="Kopie anlegen").click()
    page.get_by_text("Die Kopie ist als Entwurf gespeichert").wait_for()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Veröffentlichen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    page.get_by_text("Die Veranstaltung ist veröffentlicht.").wait_for()
    copy = Event.objects.get(title="Unterstützer_innenschulung Pirna 2")
    assert copy.status == Event.Status.PUBLISHED and copy.copied_from_id == last_year.pk

    for path in (
        f"/team/veranstaltungen/{copy.pk}/bearbeiten/",
        f"/team/veranstaltungen/{copy.pk}/termine/neu/",
        f"/team/veranstaltungen/{copy.pk}/absagen/",
        "/konto/",
        "/konto/wiederherstellungscodes/",
        "/en/team/",
    ):
        page.goto(page.base_url + path)
        assert_no_axe_violations(page)


def test_first_login_set_up_and_admin_pages_have_no_axe_violations(page):
    admin = make_user("admin", email="admin-browser@example.org")
    make_event(title="Vernetzungstreffen Zittau", place="Zittau")
    page.goto(page.base_url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(admin.email)
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("body")).to_contain_text("E-Mail-Adresse oder Passwort stimmen nicht")
    assert_no_axe_violations(page)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/zwei-faktor-einrichten/**")
    expect(page.locator("svg.qr-code")).to_be_visible()
    assert_no_axe_violations(page)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.get_by_label("Code aus der App").fill(totp_code(device))
    page.get_by_role("button", name="Einrichtung abschließen").click()
    page.wait_for_url("**/wiederherstellungscodes/**")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_no_axe_violations(page)
    for path in ("/team/protokoll/", "/team/veranstaltungen/neu/", "/konto/passwort-aendern/"):
        page.goto(page.base_url + path)
        assert_no_axe_violations(page)
    page.goto(page.base_url + "/team/veranstaltungen/neu/")
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
