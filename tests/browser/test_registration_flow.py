"""Register on a phone, confirm from the mail (link, then button), get the calendar, cancel; the next moves up."""

from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect

from events.testing import make_event
from mail.testing import deliver_outbox
from registrations import services
from registrations.models import Booking
from registrations.tests.helpers import register
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.clock, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_register_confirm_calendar_cancel_and_the_next_person_moves_up(phone, smtp_server):
    event = make_event(title="Schulung Heidenau", place="Heidenau", capacity=1)
    phone.goto(phone.base_url + event.get_absolute_url())
    expect(phone.locator("body")).to_contain_text("noch 1 Platz frei")
    phone.get_by_role("link", name="Jetzt anmelden").click()
    assert_no_axe_violations(phone)

    # First try with mistakes: the summary names them and the typed values stay.
    phone.get_by_label("Vor- und Nachname").fill("Erika Beispiel")
    phone.get_by_label("E-Mail-Adresse").fill("erika(at)example.org")
    phone.get_by_label("Ihre Gemeinde in Sachsen").fill("Heidenaau")
    phone.get_by_role("button", name="Jetzt anmelden").click()
    summary = phone.locator(".error-summary")
    assert "Meinten Sie: Heidenau" in summary.inner_text()
    assert phone.get_by_label("Vor- und Nachname").input_value() == "Erika Beispiel"
    assert_no_axe_violations(phone)

    phone.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    phone.get_by_label("Ihre Gemeinde in Sachsen").fill("Heidenau")
    phone.get_by_label("Ehrenamtlich engagiert").check()
    phone.locator("#id_privacy_consent").check()
    phone.get_by_role("button", name="Jetzt anmelden").click()
    expect(phone.locator("body")).to_contain_text("Bitte schauen Sie in Ihr E-Mail-Postfach")
    waiting = register(event, email="wartend@example.org")  # someone else, now on the waiting list
    services.confirm_address(registration=waiting)

    deliver_outbox()
    (mail,) = smtp_server.messages_to("erika@example.org")
    confirm_path = next(p for p in mail.paths if "/bestaetigen/" in p)
    phone.goto(phone.base_url + confirm_path)
    assert_no_axe_violations(phone)
    # Opening the link (as a mail scanner would) confirmed nothing; the button does.
    assert Booking.objects.get(registration__email="erika@example.org").status == Booking.Status.HELD
    phone.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(phone.locator("body")).to_contain_text("Ihre E-Mail-Adresse ist bestätigt")
    expect(phone.locator("body")).to_contain_text("Platz bestätigt")
    assert_no_axe_violations(phone)

    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Kalenderdatei herunterladen (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Schulung Heidenau"

    phone.get_by_role("link", name="Anmeldung absagen").click()
    phone.get_by_role("button", name="Ja, Anmeldung absagen").click()
    expect(phone.locator("body")).to_contain_text("Ihre Anmeldung ist storniert")
    assert waiting.bookings.get().status == Booking.Status.CONFIRMED
    deliver_outbox()
    assert any("nachgerückt" in m.subject for m in smtp_server.messages_to("wartend@example.org"))
    assert any("Absage" in m.subject for m in smtp_server.messages_to("erika@example.org"))
