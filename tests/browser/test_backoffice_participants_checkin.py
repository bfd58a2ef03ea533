"""At the door on a phone: a team member logs in with a TOTP code, checks in three people and adds
a walk-in; downloads the Teilnahmeliste (PDF text checked); sends certificates, which arrive at a
real SMTP server. axe-core on every participant, check-in, certificate and feedback page."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.testing import make_user
from events.testing import make_event
from feedback.models import Answer, Invitation
from feedback.tokens import token_hash
from mail.testing import deliver_outbox
from participants.models import CheckIn, WalkIn
from registrations.models import Booking
from registrations.testing import make_participant
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_check_in_on_a_phone_walk_in_attendance_list_and_certificates_by_mail(phone, smtp_server):
    team = make_user("team", email="tuer@example.org")
    event = make_event(title="Erste Hilfe im Asylverfahren", days_ahead=0, hours=6, capacity=20)
    names = ["Amira Haddad", "Bernd Krause", "Chiara Rossi", "Dana Wolff"]
    bookings = [make_participant(event, name=n, email=f"{n.split()[0].lower()}@example.org") for n in names]
    log_in(phone, team, start="/team/")

    phone.goto(phone.base_url + f"/team/veranstaltungen/{event.pk}/teilnehmende/")
    expect(phone.get_by_text("Personenbezogene Daten:")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Einlass (Check-in)").click()
    phone.get_by_text("0 von 4 anwesend").wait_for()
    assert_no_axe_violations(phone)

    # Search, tick: htmx swaps the row and the counts in place.
    for n, name in enumerate(names[:3], start=1):
        phone.get_by_label("Name suchen").fill(name.split()[1])
        phone.get_by_role("button", name="Suchen").click()
        phone.get_by_role("button", name=f"Anwesend: {name}").click()
        phone.get_by_role("button", name=f"Rückgängig: {name}").wait_for()
        phone.get_by_text(f"{n} von 4 anwesend").wait_for()
    assert_no_axe_violations(phone)
    # A wrong tick is undone.
    phone.get_by_role("button", name=f"Rückgängig: {names[2]}").click()
    phone.get_by_text("2 von 4 anwesend").wait_for()
    phone.get_by_role("button", name=f"Anwesend: {names[2]}").click()
    phone.get_by_text("3 von 4 anwesend").wait_for()
    assert CheckIn.objects.filter(booking__in=bookings[:3]).count() == 3
    assert not CheckIn.objects.filter(booking=bookings[3]).exists()

    phone.get_by_role("link", name="Person ohne Anmeldung eintragen").click()
    phone.get_by_role("button", name="Eintragen und anwesend").click()
    expect(phone.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_label("Vor- und Nachname").fill("Emil Spontan")
    phone.get_by_label("Gemeinde").fill("Freital")
    phone.get_by_label("E-Mail-Adresse").fill("emil@example.org")
    phone.get_by_role("button", name="Eintragen und anwesend").click()
    phone.get_by_text("Person ohne Anmeldung erfasst.").wait_for()
    phone.get_by_text("4 von 5 anwesend").wait_for()
    assert_no_axe_violations(phone)
    walk_in = WalkIn.objects.select_related("registration").get()
    assert walk_in.registration.name == "Emil Spontan"
    assert Booking.objects.get(registration=walk_in.registration).attended is True

    # The Teilnahmeliste.
    phone.get_by_role("link", name="Zur Liste der Teilnehmer_innen").click()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Teilnahmeliste herunterladen (PDF)").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Teilnahmeliste: Erste Hilfe im Asylverfahren" in text
    for name in [*names, "Emil Spontan"]:
        assert name in text
    assert "Unterschrift" in text and "Seite 1 von" in text

    # Certificates for everyone present, through the worker and a real SMTP server.
    phone.get_by_role("link", name="Teilnahmebescheinigungen").click()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Bescheinigungen an 4 Personen verschicken").click()
    phone.get_by_text("4 Bescheinigungen werden erstellt und verschickt.").wait_for()
    assert_no_axe_violations(phone)
    deliver_outbox()
    received = {
        address: [m for m in smtp_server.messages_to(address) if "Teilnahmebescheinigung" in m.subject]
        for address in ("amira@example.org", "bernd@example.org", "chiara@example.org", "emil@example.org")
    }
    assert all(len(mails) == 1 for mails in received.values()), received
    assert not [m for m in smtp_server.messages_to("dana@example.org") if "Teilnahmebescheinigung" in m.subject]
    ((_, mimetype, body),) = received["emil@example.org"][0].attachments
    certificate = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert mimetype == "application/pdf" and "Emil Spontan" in certificate and "6 Stunden" in certificate
    phone.reload()
    phone.get_by_text("Der Versand ist abgeschlossen.").wait_for()


def test_other_participant_pages_have_no_axe_violations(page):
    team = make_user("team", email="buero@example.org")
    event = make_event(title="Vernetzungstreffen Zittau", place="Zittau", capacity=1, days_ahead=-1, hours=3)
    first = make_participant(event, name="Anna Albrecht", email="anna@example.org")
    waiting = make_participant(event, name="Wanda Warte", email="wanda@example.org")
    Answer.objects.create(event=event, overall=4, usefulness=5, improve="Mehr Pausen <b>bitte</b>")
    log_in(page, team, start="/team/")
    base = f"/team/veranstaltungen/{event.pk}/"
    for path in (
        base + "teilnehmende/?status=waiting",
        base + "teilnehmende/neu/",
        base + f"teilnehmende/{first.pk}/bearbeiten/",
        base + f"teilnehmende/{first.pk}/absagen/",
        base + f"teilnehmende/{waiting.pk}/nachruecken/",
        base + "feedback/",
        "/team/feedback/",
        "/en" + base + "teilnehmende/",
    ):
        page.goto(page.base_url + path)
        assert_no_axe_violations(page)
    page.goto(page.base_url + base + "teilnehmende/neu/")
    page.get_by_role("button", name="Anmeldung speichern").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(page.base_url + base + "teilnehmende/schreiben/")
    assert_no_axe_violations(page)
    page.get_by_label("Alle auf der Warteliste").check()
    page.get_by_label("Betreff").fill("Platz frei?")
    page.get_by_label("Nachricht").fill("Wir melden uns.")
    page.get_by_role("button", name="Nachricht verschicken").click()
    page.get_by_text("1 E-Mail ist in der Warteschlange.").wait_for()
    assert_no_axe_violations(page)

    # The public, anonymous survey behind a single-use link.
    Invitation.objects.create(token_hash=token_hash("demo-token-123"), event=event)
    page.goto(page.base_url + "/feedback/demo-token-123/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Feedback abschicken").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("4 – gut").first.check()
    page.locator("input[name=usefulness][value='5']").check()
    page.get_by_role("button", name="Feedback abschicken").click()
    page.get_by_role("heading", name="Danke für Ihr Feedback").wait_for()
    assert_no_axe_violations(page)
