"""A new installation run by the team alone, from an empty database (no seed_demo).

The first administrator comes from `create_first_admin`, sets a password and the second factor and
invites a team member (the mail goes through a real SMTP server). The team member accepts in a
browser of their own, keeps the Stammdaten (a topic, a partner, a venue and a contact person),
creates and publishes an event that then appears in the public catalogue, registers a person by
phone without an e-mail address and finds them on the Teilnahmeliste. Axe on every page on the way.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import User
from events.models import Contact, Event, Venue
from mail.testing import deliver_outbox
from registrations.models import Registration
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import _context
from tests.browser.test_accounts_flow import LINK_PATH, set_password_and_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.clock, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def invite_team_member(page, email):
    page.goto(page.base_url + "/team/konten/")
    page.get_by_role("link", name="Person einladen").click()
    page.get_by_label("Vorname").fill("Tina")
    page.get_by_label("Nachname").fill("Team")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Projektteam").check()
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.locator("body")).to_contain_text(f"Die Einladung ist unterwegs an {email}")


def create_reference_item(page, kind_link, fields, *, saved):
    page.goto(page.base_url + "/team/stammdaten/")
    page.get_by_role("link", name=kind_link, exact=True).click()
    page.get_by_role("link", name="Neuen Eintrag anlegen").click()
    assert_no_axe_violations(page)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text(f"„{saved}“ ist gespeichert.").wait_for()


def create_and_publish_event(page, title):
    start = timezone.localtime() + timedelta(days=21)
    start = start.replace(hour=10, minute=0)
    page.goto(page.base_url + "/team/veranstaltungen/neu/")
    assert_no_axe_violations(page)
    page.locator("#id_kind").select_option("schulung")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Grundlagen der Unterstützung im Asylverfahren.")
    page.locator("#id_start").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_end").fill((start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_registration_deadline").fill((start - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_capacity").fill("20")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.get_by_text("Der Entwurf ist gespeichert.").wait_for()
    event = Event.objects.get(title=title)

    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/bearbeiten/")
    page.get_by_role("link", name="Ort fehlt? Neuen Ort anlegen").click()
    page.get_by_label("Name des Ortes").fill("Bürgerhaus Plauen")
    page.get_by_label("Straße und Hausnummer").fill("Marktstraße 5")
    page.get_by_label("Postleitzahl").fill("08523")
    page.get_by_label("Gemeinde").fill("Plauen")
    page.get_by_role("button", name="Ort speichern").click()
    page.wait_for_url(f"**/team/veranstaltungen/{event.pk}/bearbeiten/")
    page.get_by_role("link", name="Ansprechperson fehlt? Neue Ansprechperson anlegen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Funktion").fill("Projektbüro Plauen")
    page.get_by_label("Büro-E-Mail").fill("plauen@example.org")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/team/veranstaltungen/{event.pk}/bearbeiten/")

    page.locator("#id_venue").select_option(str(Venue.objects.get(name="Bürgerhaus Plauen").pk))
    page.locator("#id_contact").select_option(str(Contact.objects.get(role="Projektbüro Plauen").pk))
    page.get_by_label("Arbeitsmarkt").check()
    page.get_by_label("Initiative Plauen hilft").check()
    page.get_by_role("button", name="Änderungen speichern").click()
    page.get_by_text("Die Änderungen sind gespeichert.").wait_for()
    assert_no_axe_violations(page)

    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/")
    page.get_by_role("link", name="Veröffentlichen").click()
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    page.get_by_text("Die Veranstaltung ist veröffentlicht.").wait_for()
    assert_no_axe_violations(page)
    return event


def register_by_phone_without_email(page, event):
    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/")
    page.get_by_role("link", name="Teilnehmer_innen ansehen").click()
    page.get_by_role("link", name="Person von Hand anmelden").click()
    page.get_by_label("Name der Person").fill("Paula Telefon")
    page.get_by_label("Ehrenamtlich engagiert").check()
    page.get_by_label("Gemeinde der Person in Sachsen").fill("Plauen")
    page.get_by_label("Die Person hat am Telefon der Datenschutzerklärung zugestimmt.").check()
    page.get_by_role("button", name="Anmeldung speichern").click()
    page.get_by_text("Ohne E-Mail-Adresse bekommt die Person keine E-Mails").wait_for()
    assert_no_axe_violations(page)
    assert Registration.objects.get(name="Paula Telefon").email == ""


def test_a_new_installation_from_the_first_admin_to_a_published_event_and_its_list(
    page, browser, live_server, smtp_server
):
    assert not User.objects.exists() and not Event.objects.exists()  # no demo data

    out = io.StringIO()
    call_command("create_first_admin", "--email", "leitung@example.org", stdout=out)
    set_password_and_second_factor(
        page, LINK_PATH.search(out.getvalue()).group(1), "leitung@example.org", "Leitung-2026-Sachsen"
    )
    invite_team_member(page, "tina@example.org")
    deliver_outbox()
    (mail,) = smtp_server.messages_to("tina@example.org")

    context = _context(browser, viewport={"width": 1280, "height": 900})
    try:
        tina = context.new_page()
        tina.base_url = live_server.url
        set_password_and_second_factor(
            tina, LINK_PATH.search(mail.text).group(1), "tina@example.org", "Tina-2026-Plauen"
        )

        create_reference_item(
            tina, "Themen", {"Name (deutsch)": "Arbeitsmarkt", "Name (englisch)": "Labour market"}, saved="Arbeitsmarkt"
        )
        create_reference_item(
            tina, "Kooperationspartner_innen", {"Name": "Initiative Plauen hilft"}, saved="Initiative Plauen hilft"
        )
        event = create_and_publish_event(tina, "Unterstützer_innenschulung Plauen")

        tina.goto(tina.base_url + "/veranstaltungen/")
        expect(tina.locator("#results")).to_contain_text("Unterstützer_innenschulung Plauen")
        assert_no_axe_violations(tina)

        register_by_phone_without_email(tina, event)
        tina.goto(tina.base_url + f"/team/veranstaltungen/{event.pk}/")
        with tina.expect_download() as download:
            tina.get_by_role("link", name="Teilnahmeliste herunterladen (PDF)").click()
        pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
        text = "\n".join(page_.extract_text() for page_ in pdf.pages)
        assert "Paula Telefon" in text and "Unterstützer_innenschulung Plauen" in text
    finally:
        context.close()
    context.problems.check()
