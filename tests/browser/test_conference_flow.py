"""A Fachtag: register on a phone choosing three workshops (one full: the second choice), swap one
later through the personal link; the team plans the programme and checks people in per workshop."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from conferences.badges import check_in_url
from conferences.models import Choice, Conference, Reimbursement
from conferences.testing import make_conference, register_with_wishes, workshops
from mail.testing import deliver_outbox
from registrations.models import Booking
from registrations.tokens import personal_token
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.clock, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_register_with_three_workshops_one_full_then_swap_on_a_phone(phone, smtp_server):
    conference = make_conference(slots=3, workshops=4, capacity=1)
    slots = workshops(conference)
    register_with_wishes(conference, (slots[1][0], None))  # workshop 2.1 is now full
    event = conference.event

    phone.goto(phone.base_url + event.get_absolute_url())
    phone.get_by_role("link", name="Programm ansehen").click()
    expect(phone.locator("h1")).to_contain_text("Programm")
    assert_no_axe_violations(phone)
    phone.goto(phone.base_url + f"/veranstaltungen/{event.slug}/anmelden/")
    phone.get_by_label("Vor- und Nachname").fill("Erika Beispiel")
    phone.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    phone.get_by_label("Ihre Gemeinde in Sachsen").fill("Meißen")
    phone.get_by_label("Ehrenamtlich engagiert").check()
    phone.get_by_label("Workshop 1.2 (Raum 2) – 1 Plätze frei").check()
    phone.get_by_label("Workshop 2.1 (Raum 1) – ausgebucht, Warteliste").check()
    phone.locator(f"#id_workshop_{slots[1][0].slot_id}_second").select_option(str(slots[1][3].pk))
    phone.get_by_label("Workshop 3.3 (Raum 3) – 1 Plätze frei").check()
    assert_no_axe_violations(phone)
    phone.locator("#id_privacy_consent").check()
    phone.get_by_role("button", name="Jetzt anmelden").click()
    expect(phone.locator("body")).to_contain_text("Bitte schauen Sie in Ihr E-Mail-Postfach")

    deliver_outbox()
    (mail,) = smtp_server.messages_to("erika@example.org")
    phone.goto(phone.base_url + next(p for p in mail.paths if "/bestaetigen/" in p))
    phone.get_by_role("button", name="Anmeldung bestätigen").click()
    phone.get_by_role("link", name="Mein Programm und meine Workshops").click()
    body = phone.locator("main")
    expect(body).to_contain_text("Workshop 2.4")
    expect(body).to_contain_text("Ihre zweite Wahl: die erste war voll.")
    assert_no_axe_violations(phone)

    # Swap slot 1 from 1.2 to 1.3 while it has a free place.
    form = phone.locator(f"form[action$='/{slots[0][0].slot_id}/wechseln/']")
    form.get_by_label("Workshop wechseln").select_option(str(slots[0][2].pk))
    form.get_by_role("button", name="Workshop wechseln").click()
    expect(phone.locator("body")).to_contain_text("Sie sind jetzt im Workshop „Workshop 1.3“.")
    chosen = Choice.objects.active().filter(registration__email="erika@example.org").order_by("slot__start")
    assert [c.session.title for c in chosen] == ["Workshop 1.3", "Workshop 2.4", "Workshop 3.3"]


def test_team_plans_the_programme_and_checks_in_per_workshop(page):
    conference = make_conference(slots=1, workshops=2, capacity=5)
    first = workshops(conference)[0][0]
    register_with_wishes(conference, (first, None), name="Jonas Muster")
    event = conference.event
    log_in(page, make_user("team"))
    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/")
    page.get_by_role("link", name="Programm und Workshops").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Programmpunkt hinzufügen").click()
    page.get_by_label("Titel", exact=True).fill("Kaffeepause")
    page.get_by_label("Art").select_option("break")
    page.get_by_label("Zeitfenster").select_option(str(first.slot_id))
    page.get_by_label("Raum").select_option(str(first.room_id))
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".error-summary")).to_contain_text("findet zur selben Zeit „Workshop 1.1“ statt")
    assert_no_axe_violations(page)
    page.get_by_label("Raum").select_option("")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Kaffeepause")

    page.get_by_role("link", name="Einlass je Workshop").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Workshop 1.1").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Jonas Muster").click()
    expect(page.locator("main")).to_contain_text("1 von 1 anwesend")

    # Deleting the break asks first, on a page of its own.
    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/programm/")
    page.get_by_role("link", name="Kaffeepause").click()
    page.get_by_role("button", name="Löschen …").click()
    expect(page.locator("h1")).to_contain_text("„Kaffeepause“ löschen?")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Programmpunkt endgültig löschen").click()
    expect(page.locator("main")).not_to_contain_text("Kaffeepause")


def test_team_prints_badges_and_checks_in_by_scanning_a_badge(page):
    conference = make_conference(slots=1, workshops=1, capacity=5)
    person = register_with_wishes(conference, (workshops(conference)[0][0], None), name="Jonas Muster")
    event = conference.event
    log_in(page, make_user("team"))
    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/programm/namensschilder/")
    assert_no_axe_violations(page)
    page.get_by_label("Etiketten 105 × 74 mm, 8 pro A4-Bogen").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Namensschilder als PDF herunterladen").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    # The phone camera opens the URL in the badge's QR code.
    url = check_in_url(event, person)
    page.goto(page.base_url + "/" + url.split("://", 1)[1].split("/", 1)[1])
    expect(page.locator("h1")).to_contain_text("Jonas Muster")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Als anwesend eintragen").click()
    expect(page.locator("main")).to_contain_text("Ist als anwesend eingetragen.")
    page.get_by_role("button", name="Im Workshop anwesend").click()
    assert Choice.objects.get(registration=person).checked_in_at is not None


def test_reimbursement_with_a_receipt_is_submitted_on_a_phone_and_approved(phone, page, settings, tmp_path):
    settings.REIMBURSEMENT_RECEIPTS_ROOT = tmp_path / "receipts"
    conference = make_conference(slots=1, workshops=1)
    Conference.objects.filter(pk=conference.pk).update(offers_reimbursement=True)
    person = register_with_wishes(conference, (workshops(conference)[0][0], None), name="Erika Beispiel")
    Booking.objects.filter(registration=person).update(attended=True)
    phone.goto(phone.base_url + f"/anmeldung/{personal_token(person)}/")
    phone.get_by_role("link", name="Fahrtkosten erstatten lassen").click()
    assert_no_axe_violations(phone)
    phone.get_by_label("Strecke").fill("Zittau – Dresden und zurück")
    phone.get_by_label("Bahn, Bus, Straßenbahn").check()
    phone.get_by_label("Betrag in Euro").fill("23,40")
    phone.get_by_label("Kontoinhaber_in").fill("Erika Beispiel")
    phone.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 01")  # a typo
    receipt = tmp_path / "fahrkarte.pdf"
    receipt.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    phone.get_by_label("Beleg", exact=True).set_input_files(str(receipt))
    phone.get_by_role("button", name="Antrag absenden").click()
    expect(phone.locator(".error-summary")).to_contain_text("Diese IBAN ist nicht gültig")
    assert phone.get_by_label("Strecke").input_value() == "Zittau – Dresden und zurück"
    assert_no_axe_violations(phone)
    phone.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 00")
    phone.get_by_label("Beleg", exact=True).set_input_files(str(receipt))  # files are never kept by a browser
    phone.get_by_role("button", name="Antrag absenden").click()
    expect(phone.locator("main")).to_contain_text("eingereicht")

    log_in(page, make_user("team"))
    page.goto(page.base_url + f"/team/veranstaltungen/{person.event.pk}/programm/fahrtkosten/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Erika Beispiel").click()
    assert_no_axe_violations(page)
    page.get_by_label("in voller Höhe bewilligen").check()
    page.get_by_role("button", name="Entscheidung speichern und Person benachrichtigen").click()
    expect(page.locator("main")).to_contain_text("bewilligt")
    assert Reimbursement.objects.get().status == "approved"

    # The SEPA file for the bank; paid only once the team confirms the bank executed it.
    settings.REIMBURSEMENT_DEBTOR_IBAN = "DE02120300000000202051"
    settings.REIMBURSEMENT_DEBTOR_BIC = "BYLADEM1001"
    page.get_by_role("button", name="Neue SEPA-Datei (pain.001) erstellen").click()
    expect(page.locator("main")).to_contain_text("SEPA-Datei Nr. 1 mit 1 Überweisungen erstellt")
    assert Reimbursement.objects.get().status == "exported"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Datei Nr. 1 als ausgezahlt bestätigen").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Als ausgezahlt bestätigen").click()
    expect(page.locator("main")).to_contain_text("ausgezahlt am")
    assert Reimbursement.objects.get().status == "paid"
