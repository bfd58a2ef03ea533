"""A team member sets up an event without the Django admin: agenda, registration, venue, material; axe on each page."""

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from events.models import AgendaItem, Material, Venue
from events.testing import make_event
from registrations.models import Question
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_team_member_sets_up_agenda_registration_venue_and_material(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = make_event(title="Schulung Riesa", place="Riesa", status="draft")
    log_in(page, make_user("team", email="team-setup@example.org"))

    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/")
    page.get_by_role("link", name="Ablauf bearbeiten").click()
    assert_no_axe_violations(page)
    page.locator("#id_ablauf-0-time").fill("09:30")
    page.locator("#id_ablauf-0-title").fill("Ankommen und Kaffee")
    page.locator("#id_ablauf-1-title").fill("Ohne Uhrzeit")
    page.get_by_role("button", name="Ablauf speichern").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_ablauf-1-time").fill("10:00")
    page.get_by_role("button", name="Ablauf speichern").click()
    page.get_by_text("Der Ablauf ist gespeichert.").wait_for()
    assert list(AgendaItem.objects.filter(event=event).values_list("title", flat=True)) == [
        "Ankommen und Kaffee",
        "Ohne Uhrzeit",
    ]

    page.get_by_role("link", name="Anmeldung einrichten").click()
    assert_no_axe_violations(page)
    page.get_by_label("bietet Kinderbetreuung an").check()
    page.locator("#id_fragen-0-label").fill("Welcher Workshop?")
    page.locator("#id_fragen-0-kind").select_option("choice")
    page.get_by_role("button", name="Anmeldung speichern").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_fragen-0-choices").fill("Recht\nGesundheit")
    page.get_by_role("button", name="Anmeldung speichern").click()
    page.get_by_text("Die Anmeldung ist eingerichtet.").wait_for()
    assert Question.objects.get(event=event).choices == "Recht\nGesundheit"

    page.get_by_role("link", name="Materialien hochladen oder entfernen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Titel").fill("Handreichung")
    page.get_by_label("Datei").set_input_files(
        files=[{"name": "handreichung.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 Handreichung"}]
    )
    page.get_by_role("button", name="Hochladen").click()
    page.get_by_text("„Handreichung“ ist hochgeladen.").wait_for()
    assert_no_axe_violations(page)
    assert Material.objects.filter(event=event, title="Handreichung").exists()

    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/bearbeiten/")
    page.get_by_role("link", name="Ort fehlt? Neuen Ort anlegen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Name des Ortes").fill("Kulturhaus Riesa")
    page.get_by_label("Straße und Hausnummer").fill("Hauptstraße 1")
    page.get_by_label("Postleitzahl").fill("01587")
    page.get_by_label("Gemeinde").fill("Risa")
    page.get_by_role("button", name="Ort speichern").click()
    assert "Meinten Sie" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Gemeinde").fill("Riesa")
    page.get_by_role("button", name="Ort speichern").click()
    page.wait_for_url(f"**/team/veranstaltungen/{event.pk}/bearbeiten/")
    assert Venue.objects.filter(name="Kulturhaus Riesa", municipality__name="Riesa").exists()

    page.get_by_role("link", name="Orte", exact=True).click()
    expect(page.get_by_role("link", name="Kulturhaus Riesa")).to_be_visible()
    assert_no_axe_violations(page)
