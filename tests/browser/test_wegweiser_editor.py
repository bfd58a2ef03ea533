"""A team member keeps the Wegweiser up to date in the back office; axe on every editor page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.testing import make_user
from directory.models import Organization, Service
from directory.testing import make_agency
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_team_member_changes_opening_hours_and_sees_them_on_the_public_page(page):
    service = make_agency(name="Migrationsberatung Riesa", place="Riesa", hours=(("MO,TU", "09:00", "12:00"),))
    Service.objects.filter(pk=service.pk).update(last_modified=timezone.now() - timedelta(days=400))
    log_in(page, make_user("team", email="team-wegweiser@example.org"))

    expect(page.get_by_role("heading", name="Wegweiser-Einträge prüfen")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Alle ungeprüften Einträge").click()
    expect(page.get_by_role("link", name="Migrationsberatung Riesa")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Migrationsberatung Riesa").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Migrationsberatung Riesa")
    assert_no_axe_violations(page)
    page.locator("#id_zeiten-0-closes_at").fill("08:00")
    page.get_by_role("button", name="Angebot speichern").click()
    expect(page.locator(".error-summary")).to_contain_text("Die Schließzeit muss nach der Öffnungszeit liegen.")
    assert_no_axe_violations(page)

    page.locator("#id_zeiten-0-closes_at").fill("15:30")
    page.locator("#id_zeiten-1-days_4").check()  # Freitag
    page.locator("#id_zeiten-1-opens_at").fill("10:00")
    page.locator("#id_zeiten-1-closes_at").fill("13:00")
    page.get_by_role("button", name="Angebot speichern").click()
    expect(page.get_by_text("Das Angebot „Migrationsberatung Riesa“ ist gespeichert.")).to_be_visible()
    expect(page.locator("body")).to_contain_text(f"Zuletzt geprüft am {timezone.localdate():%d.%m.%Y}.")

    page.get_by_role("link", name="Öffentliche Seite ansehen").click()
    hours = page.locator("table.data")
    expect(hours.get_by_role("row", name="Montag")).to_contain_text("09:00–15:30 Uhr")
    expect(hours.get_by_role("row", name="Freitag")).to_contain_text("10:00–13:00 Uhr")
    expect(hours.get_by_role("row", name="Mittwoch")).to_contain_text("geschlossen")

    page.goto(page.base_url + "/team/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    assert "Wegweiser-Einträge prüfen" not in page.content()


def test_every_other_editor_page_passes_axe(page):
    service = make_agency(name="Beratung Zittau", place="Zittau")
    empty = Organization.objects.create(name="Verein ohne Angebote")
    log_in(page, make_user("admin", email="admin-wegweiser@example.org"))

    page.get_by_role("navigation", name="Back Office").get_by_role("link", name="Wegweiser").click()
    page.get_by_role("link", name="Neues Angebot anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neues Angebot anlegen")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Angebot speichern").click()
    expect(page.locator(".error-summary")).to_contain_text("Geben Sie den Namen des Angebots ein.")
    assert_no_axe_violations(page)

    page.goto(page.base_url + "/team/wegweiser/organisationen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Neue Organisation anlegen").click()
    page.get_by_role("button", name="Organisation speichern").click()
    expect(page.locator(".error-summary")).to_contain_text("Geben Sie den Namen der Organisation ein.")
    assert_no_axe_violations(page)

    page.goto(page.base_url + f"/team/wegweiser/organisationen/{service.organization_id}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Organisation löschen").click()
    expect(page.locator(".error-summary")).to_contain_text("Beratung Zittau")
    assert_no_axe_violations(page)

    page.goto(page.base_url + f"/team/wegweiser/organisationen/{empty.pk}/loeschen/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(page.get_by_text("Die Organisation „Verein ohne Angebote“ ist gelöscht.")).to_be_visible()

    page.goto(page.base_url + f"/team/wegweiser/angebote/{service.pk}/")
    page.get_by_role("button", name="Geprüft: Angaben stimmen").click()
    expect(page.get_by_text("„Beratung Zittau“ ist als geprüft vermerkt.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Angebot löschen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(page.get_by_text("Das Angebot „Beratung Zittau“ ist gelöscht.")).to_be_visible()
    assert not Service.objects.filter(pk=service.pk).exists()
