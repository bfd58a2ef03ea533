"""A participant on a phone: reads the privacy notice, opens their data from the personal link,
downloads it, erases it; a team member handles a request by e-mail. Zero axe violations."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from events.testing import make_event
from registrations.models import Registration
from registrations.testing import register
from registrations.tokens import personal_token
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_participant_downloads_and_erases_their_data_on_a_phone(phone):
    registration = register(make_event(title="Schulung in Bautzen", days_ahead=30), name="Mira Browser")
    phone.goto(phone.base_url + "/datenschutz/")
    expect(phone.get_by_role("heading", name="Datenschutzerklärung")).to_be_visible()
    assert_no_axe_violations(phone)

    phone.goto(phone.base_url + f"/anmeldung/{personal_token(registration)}/")
    phone.goto(phone.base_url + f"/datenschutz/meine-daten/{personal_token(registration)}/")
    expect(phone.locator("body")).to_contain_text("Mira Browser")
    expect(phone.locator("body")).to_contain_text("Schulung in Bautzen")
    assert_no_axe_violations(phone)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Daten herunterladen (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["anmeldungen"][0]["name"] == "Mira Browser"

    phone.get_by_role("link", name="Meine Daten löschen").click()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Ja, meine Daten jetzt löschen").click()
    expect(phone.get_by_role("heading", name="Ihre Daten wurden gelöscht")).to_be_visible()
    assert Registration.objects.get(pk=registration.pk).name == ""


def test_team_member_answers_a_request_by_e_mail(page):
    register(make_event(title="Fachtag Chemnitz", days_ahead=30), name="Jonas Anfrage", email="jonas@example.org")
    user = make_user("team")
    log_in(page, user, start="/team/datenschutz/anfragen/", lands="**/team/datenschutz/anfragen/")
    page.get_by_label("E-Mail-Adresse der anfragenden Person").fill("jonas@example.org")
    page.get_by_role("button", name="Daten suchen").click()
    expect(page.locator("body")).to_contain_text("Jonas Anfrage")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Daten löschen …").click()
    page.get_by_label("Ich habe geprüft, dass die Anfrage von dieser Adresse kommt.").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Jetzt endgültig löschen").click()
    expect(page.locator("body")).to_contain_text("2 Einträge anonymisiert oder beendet")
    assert not Registration.objects.filter(email="jonas@example.org").exists()
