"""The event's funding line (events.FundingLine, kept on the Stammdaten pages) is printed on the
Teilnahmeliste and the Teilnahmebescheinigung; without one, the general line from the settings."""

import io

import pytest
from pypdf import PdfReader

from events.models import Event, FundingLine
from events.testing import make_event
from participants import services as participants
from registrations.testing import make_participant
from registrations.tokens import personal_token

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

LINE = "Gefördert im Rahmen des Programms Weltoffenes Sachsen durch das Land."


def pdf_text(body):
    assert body.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def funded_event(**fields):
    event = make_event(title="Schulung Freiberg", days_ahead=-1, hours=3, **fields)
    funding = FundingLine.objects.create(name="Weltoffenes Sachsen", text=LINE, text_en="Funded by the state.")
    Event.objects.filter(pk=event.pk).update(funding_line=funding)
    event.refresh_from_db()
    return event


def test_teilnahmeliste_and_certificate_print_the_events_funding_line(client, team, login_as, settings):
    settings.FUNDING_LINE = "Allgemeine Förderzeile (Test)."
    login_as(team)
    event = funded_event()
    booking = make_participant(event, name="Frida Fleißig")
    participants.check_in(actor=team, booking=booking)
    text = pdf_text(client.get(f"/team/veranstaltungen/{event.pk}/teilnahmeliste.pdf").content)
    assert LINE in text and "Allgemeine Förderzeile" not in text
    token = personal_token(booking.registration)
    text = pdf_text(client.get(f"/anmeldung/{token}/bescheinigung/{booking.pk}.pdf").content)
    assert LINE in text and "Frida Fleißig" in text and "Allgemeine Förderzeile" not in text


def test_english_certificate_prints_the_english_funding_line(client, team, login_as):
    login_as(team)
    event = funded_event()
    booking = make_participant(event, name="Jane Doe", language="en")
    participants.check_in(actor=team, booking=booking)
    token = personal_token(booking.registration)
    text = pdf_text(client.get(f"/en/anmeldung/{token}/bescheinigung/{booking.pk}.pdf").content)
    assert "Funded by the state." in text


def test_without_a_funding_line_the_general_line_is_printed(client, team, login_as, settings):
    settings.FUNDING_LINE = "Allgemeine Förderzeile (Test)."
    login_as(team)
    event = make_event(title="Ohne Förderlinie")
    make_participant(event, name="Anna Albrecht")
    text = pdf_text(client.get(f"/team/veranstaltungen/{event.pk}/teilnahmeliste.pdf").content)
    assert "Allgemeine Förderzeile (Test)." in text
