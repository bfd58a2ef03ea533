"""Registering through the form: double opt-in, waiting list, bad input, abuse."""

import icalendar
import pytest

from events.testing import make_event
from mail.testing import deliver_outbox
from registrations.models import Booking, Registration
from registrations.tests.conftest import hidden_fields
from registrations.tests.helpers import form_data, register

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def post(client, event, data, prefix=""):
    return client.post(f"{prefix}/veranstaltungen/{event.slug}/anmelden/", data)


def test_form_shows_seats_left_and_register_sends_confirmation_link(client, open_form, smtp_server):
    event = make_event(title="Schulung Pirna", capacity=3)
    page = client.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode()
    assert "noch 3 Plätze frei" in page
    assert 'list="municipality-names"' in page and '<option value="Pirna">' in page

    response = post(client, event, {**form_data(), **open_form(event)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Bitte schauen Sie in Ihr E-Mail-Postfach" in page

    registration = Registration.objects.get()
    assert registration.email == "erika@example.org" and registration.municipality.name == "Pirna"
    assert registration.privacy_consented_at is not None
    assert [b.status for b in registration.bookings.all()] == [Booking.Status.HELD]

    deliver_outbox()
    (mail,) = smtp_server.messages_to("erika@example.org")
    assert "Bitte bestätigen" in mail.subject
    assert "noch nicht bestätigt" not in mail.text
    confirm_path = next(p for p in mail.paths if "/bestaetigen/" in p)
    assert "erika" not in confirm_path

    assert "Anmeldung bestätigen" in client.get(confirm_path).content.decode()  # opening the link only asks
    assert registration.bookings.get().status == Booking.Status.HELD
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert "Ihre E-Mail-Adresse ist bestätigt" in client.get(response["Location"]).content.decode()
    assert registration.bookings.get().status == Booking.Status.CONFIRMED

    deliver_outbox()
    confirmed = smtp_server.messages_to("erika@example.org")[-1]
    assert "Ihr Platz ist bestätigt" in confirmed.subject
    ((filename, mimetype, content),) = confirmed.attachments
    assert mimetype == "text/calendar"
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["summary"]) == "Schulung Pirna"

    # The link stays valid: pressing the button again changes nothing and sends nothing.
    client.post(confirm_path)
    deliver_outbox()
    assert len(smtp_server.messages_to("erika@example.org")) == 2


def test_full_event_puts_people_on_the_waiting_list_with_their_position(client, open_form, smtp_server):
    event = make_event(capacity=1)
    register(event)
    page = client.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode()
    assert "Sie kommen auf die Warteliste" in page and "Auf die Warteliste setzen" in page

    register(event, email="zweite@example.org")
    post(client, event, {**form_data(), **open_form(event)})
    registration = Registration.objects.get(email="erika@example.org")
    assert registration.bookings.get().status == Booking.Status.WAITING

    client.post(
        next(
            p
            for p in (deliver_outbox(), smtp_server.messages_to("erika@example.org")[0])[1].paths
            if "bestaetigen" in p
        )
    )
    deliver_outbox()
    waiting_mail = smtp_server.messages_to("erika@example.org")[-1]
    assert "Warteliste" in waiting_mail.subject
    assert "Warteliste, Platz 2" in waiting_mail.text


def test_event_filled_while_the_form_was_open_says_so(client, open_form):
    event = make_event(capacity=1)
    hidden = open_form(event)  # a seat was free when the form was shown
    register(event)
    response = post(client, event, {**form_data(), **hidden})
    assert response["Location"].endswith("?voll=1")
    page = client.get(response["Location"]).content.decode()
    assert "wurden die letzten Plätze vergeben" in page
    assert Registration.objects.get(email="erika@example.org").bookings.get().status == Booking.Status.WAITING


def test_double_submit_creates_one_registration(client, open_form):
    event = make_event()
    data = {**form_data(), **open_form(event)}
    first, second = post(client, event, data), post(client, event, data)
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1 and Booking.objects.count() == 1


def test_same_address_twice_gives_one_registration_and_a_mail_with_the_existing_link(client, open_form, smtp_server):
    event = make_event()
    first = post(client, event, {**form_data(), **open_form(event)})
    second = post(client, event, {**form_data(name="Erika B."), **open_form(event)})
    other = post(client, event, {**form_data(email="neu@example.org"), **open_form(event)})
    assert first["Location"] == second["Location"] == other["Location"]
    assert client.get(first["Location"]).content == client.get(second["Location"]).content
    assert Registration.objects.filter(email="erika@example.org").count() == 1

    deliver_outbox()
    mails = smtp_server.messages_to("erika@example.org")
    (confirm,) = [m for m in mails if "Bitte bestätigen" in m.subject]
    (again,) = [m for m in mails if m is not confirm]
    assert "bereits angemeldet" in again.subject
    personal = [p for p in again.paths if p.startswith("/anmeldung/") and "bestaetigen" not in p]
    assert personal and personal[0] in confirm.paths


def test_honeypot_pretends_success_and_stores_nothing(client, open_form, smtp_server):
    event = make_event()
    response = post(client, event, {**form_data(company="http://spam.example"), **open_form(event)})
    assert response.status_code == 302
    assert Registration.objects.count() == 0
    deliver_outbox()
    assert smtp_server.messages == []


def test_a_forged_form_token_asks_to_send_again_and_keeps_answers(client, open_form):
    event = make_event()
    data = {**form_data(organisation="Bunte Nachbarschaft"), **open_form(event), "started": "12345"}
    page = post(client, event, data).content.decode()
    assert "Das Formular war zu lange geöffnet" in page
    assert 'value="Bunte Nachbarschaft"' in page
    assert Registration.objects.count() == 0
    assert post(client, event, {**data, **hidden_fields(page)}).status_code == 302  # the page's fresh token works


def test_every_field_error_says_what_to_do_and_keeps_what_was_typed(client, open_form):
    event = make_event()
    data = {
        **form_data(name="", email="erika(at)example", municipality="Pirrna", privacy_consent=""),
        **open_form(event),
    }
    page = post(client, event, data).content.decode()
    assert "Bitte geben Sie Ihren Namen an." in page
    assert "Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein." in page
    assert "Meinten Sie: Pirna" in page
    assert "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben." in page
    assert 'value="erika(at)example"' in page
    assert Registration.objects.count() == 0


def test_deadline_passed_while_form_open_keeps_answers(client, open_form):
    event = make_event()
    hidden = open_form(event)
    event.registration_deadline = event.created_at.replace(year=2000)
    event.save()
    response = post(client, event, {**form_data(organisation="Bunte Nachbarschaft"), **hidden})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Der Anmeldeschluss ist vorbei" in page and 'value="Bunte Nachbarschaft"' in page
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("change", [{"status": "cancelled"}, {"days_ahead": -3}])
def test_cancelled_or_past_event_has_no_form(client, change):
    event = make_event(**change)
    page = client.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode()
    assert "Eine Anmeldung ist nicht mehr möglich" in page
    assert "Jetzt anmelden" not in page


def test_rate_limit_per_ip(client, open_form, settings):
    settings.REGISTRATION_RATE_PER_IP = "2/h"
    event = make_event()
    for n in range(2):
        post(client, event, {**form_data(email=f"p{n}@example.org"), **open_form(event)})
    page = post(client, event, {**form_data(email="p3@example.org"), **open_form(event)}).content.decode()
    assert "sehr viele Anmeldungen" in page
    assert Registration.objects.count() == 2


def test_event_specific_questions_and_needs(client, open_form):
    from registrations.models import Question, RegistrationSettings

    event = make_event()
    RegistrationSettings.objects.create(event=event, offers_childcare=True, offers_diet=False)
    q_text = Question.objects.create(event=event, kind="text", label="Was erwarten Sie?", required=False)
    q_choice = Question.objects.create(
        event=event, kind="choice", label="Welcher Workshop?", choices="Recht\nSprache", required=True
    )
    q_yes = Question.objects.create(event=event, kind="yesno", label="Brauchen Sie eine Übernachtung?", required=True)
    page = client.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode()
    assert "Kinderbetreuung" in page and "Ernährung" not in page and "Welcher Workshop?" in page

    page = post(client, event, {**form_data(), **open_form(event)}).content.decode()
    assert page.count("Bitte beantworten Sie diese Frage.") >= 2

    data = {**form_data(childcare_needs="1 Kind, 4 Jahre"), **open_form(event)}
    data.update({f"q{q_text.pk}": "Austausch", f"q{q_choice.pk}": "Sprache", f"q{q_yes.pk}": "nein"})
    post(client, event, data)
    registration = Registration.objects.get()
    assert registration.childcare_needs == "1 Kind, 4 Jahre"
    assert registration.answers == {str(q_text.pk): "Austausch", str(q_choice.pk): "Sprache", str(q_yes.pk): "nein"}


def test_english_form_and_mail_in_english(client, open_form, smtp_server):
    event = make_event()
    page = client.get(f"/en/veranstaltungen/{event.slug}/anmelden/").content.decode()
    assert "Register now" in page
    post(client, event, {**form_data(), **open_form(event, "/en")}, prefix="/en")
    assert Registration.objects.get().language == "en"
    deliver_outbox()
    (mail,) = smtp_server.messages_to("erika@example.org")
    assert "Please confirm" in mail.subject
    assert any(p.startswith("/en/anmeldung/") for p in mail.paths)


def test_the_public_form_still_requires_an_email_address(client, open_form):
    """Only the team may enter someone without an address (participants' phone form, walk-ins)."""
    event = make_event()
    page = post(client, event, {**form_data(email=""), **open_form(event)}).content.decode()
    assert "Bitte geben Sie Ihre E-Mail-Adresse an" in page
    assert Registration.objects.count() == 0
    with pytest.raises(ValueError):
        register(event, email="")
    assert Registration.objects.count() == 0
