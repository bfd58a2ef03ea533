"""The event hub in a browser: the team opens it from the dashboard, follows its links to the
participants, adds a phone registration without e-mail (printable confirmation), opens the
Teilnahmeliste; axe-core on the hub and the new pages. On a phone (390×844) the check-in's first
"Anwesend" button is visible without scrolling."""

import io
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.testing import make_user
from events.models import Session
from events.testing import make_event
from mail.models import OutboxMessage
from registrations.models import Booking, Registration
from registrations.testing import make_participant
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_from_the_dashboard_through_the_hub_to_a_phone_registration_without_email(page):
    team = make_user("team", email="hub@example.org")
    event = make_event(title="Schulung Asylrecht Meißen", place="Meißen", days_ahead=10, capacity=10)
    make_participant(event, name="Anna Netz", email="anna.netz@example.org")
    log_in(page, team, start="/team/")

    page.get_by_role("link", name="Schulung Asylrecht Meißen").first.click()
    page.get_by_role("heading", name="Schulung Asylrecht Meißen", level=1).wait_for()
    expect(page.get_by_role("heading", name="Am Tag der Veranstaltung")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Teilnehmer_innen ansehen").click()
    page.get_by_role("link", name="Person von Hand anmelden").click()
    assert_no_axe_violations(page)
    page.get_by_label("Name der Person").fill("Otto Ohnemail")
    expect(page.get_by_label("E-Mail-Adresse der Person (freiwillig)")).to_have_value("")
    page.get_by_label("Ehrenamtlich engagiert").check()
    page.get_by_label("Gemeinde der Person in Sachsen").fill("Meißen")
    page.get_by_label("Die Person hat am Telefon der Datenschutzerklärung zugestimmt.").check()
    page.get_by_role("button", name="Anmeldung speichern").click()
    page.get_by_text("Ohne E-Mail-Adresse bekommt die Person keine E-Mails").wait_for()
    expect(page.get_by_text("ohne E-Mail-Adresse", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    registration = Registration.objects.get(name="Otto Ohnemail")
    assert registration.email == "" and Booking.objects.get(registration=registration).status == "confirmed"
    assert not OutboxMessage.objects.filter(belongs_to=registration.outbox_key).exists()

    otto = page.get_by_role("row").filter(has_text="Otto Ohnemail")
    otto.get_by_role("link", name="Bestätigung drucken").click()
    page.get_by_role("heading", name="Anmeldebestätigung").wait_for()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.locator(".bo-nav")).to_be_hidden()
    expect(page.get_by_text("Schulung Asylrecht Meißen").last).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Zurück zu „Schulung Asylrecht Meißen“").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Teilnahmeliste herunterladen (PDF)").click()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages)
    assert "Otto Ohnemail" in text and "Anna Netz" in text


@pytest.mark.parametrize("role", ["team", "admin"])
@pytest.mark.parametrize("with_sessions", [False, True])
def test_the_first_present_button_of_the_check_in_is_visible_on_a_phone_without_scrolling(phone, role, with_sessions):
    user = make_user(role, email="einlass@example.org")
    event = make_event(title="Vernetzungstreffen Bautzen", place="Bautzen", days_ahead=0, hours=5, capacity=30)
    if with_sessions:
        for n, hours in enumerate((0, 2), start=1):
            start = event.start + timedelta(hours=hours)
            Session.objects.create(event=event, title=f"Block {n}", start=start, end=start + timedelta(hours=2))
    for n in range(12):
        make_participant(event, name=f"Person Nummer {n:02d}")
    log_in(phone, user, start="/team/")
    phone.goto(phone.base_url + f"/team/veranstaltungen/{event.pk}/einlass/")
    button = phone.get_by_role("button", name="Anwesend: Person Nummer 00")
    expect(button).to_be_visible()
    assert phone.evaluate("window.scrollY") == 0
    box = button.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert_no_axe_violations(phone)
