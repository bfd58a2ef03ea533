"""The personal link: view, change, cancel, calendar; lost links; broken links."""

import icalendar
import pytest
from django.test import Client

from events.testing import make_event
from mail.testing import deliver_outbox
from registrations import services, tokens
from registrations.models import Registration
from registrations.tests.helpers import register

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def personal_path(registration, suffix=""):
    return f"/anmeldung/{tokens.personal_token(registration)}/{suffix}"


def test_personal_page_shows_status_per_module_and_waiting_position(client):
    course = make_event(kind="fortbildung", title="Multiplikator_innen-Kurs", capacity=None)
    make_event(course=course, title="Modul 1", capacity=1, days_ahead=20)
    make_event(course=course, title="Modul 2", capacity=5, days_ahead=30)
    services.confirm_address(registration=register(course))
    registration = register(course, name="Erika Beispiel")
    services.confirm_address(registration=registration)

    token = tokens.personal_token(registration)
    assert "erika" not in token.lower() and str(registration.pk) != token
    page = client.get(personal_path(registration)).content.decode()
    assert "Modul 1" in page and "Warteliste, Platz 1" in page
    assert "Modul 2" in page and "Platz bestätigt" in page
    assert "Erika Beispiel" in page


def test_tampered_or_unknown_links_reveal_nothing_and_offer_a_new_link(client):
    registration = register(make_event())
    token = tokens.personal_token(registration)
    response = client.get(f"/anmeldung/{token[:-2]}xx/")
    assert response.status_code == 404
    assert registration.name not in response.content.decode()

    response = client.get(f"/anmeldung/bestaetigen/{token}/")  # a personal token is no confirm token
    page = response.content.decode()
    assert response.status_code == 404 and "Neuen Link anfordern" in page
    assert Registration.objects.get().email_confirmed_at is None


def test_expired_confirm_link_says_so(client, settings):
    registration = register(make_event())
    link = f"/anmeldung/bestaetigen/{tokens.confirm_token(registration)}/"
    settings.REGISTRATION_CONFIRM_HOURS = -1
    page = client.get(link).content.decode()
    assert "abgelaufen" in page and "Neuen Link anfordern" in page


def test_change_answers_keeps_the_address(client):
    registration = register(make_event(), organisation="Alt")
    page = client.get(personal_path(registration, "aendern/")).content.decode()
    assert 'value="Alt"' in page and 'name="email"' not in page
    response = client.post(
        personal_path(registration, "aendern/"),
        {"name": "Erika Neu", "organisation": "Neu", "role": "professional", "municipality": "Heidenau"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.organisation, registration.municipality.name) == (
        "Erika Neu",
        "Neu",
        "Heidenau",
    )

    page = client.post(personal_path(registration, "aendern/"), {"name": "", "municipality": "Xyzzy"})
    assert "Bitte geben Sie Ihren Namen an." in page.content.decode()


def test_cancel_needs_a_confirmation_page_then_frees_the_place(client, smtp_server):
    event = make_event(capacity=1)
    registration = register(event)
    waiting = register(event, email="wartend@example.org")
    page = client.get(personal_path(registration, "absagen/")).content.decode()
    assert "wirklich absagen" in page
    assert registration.bookings.get().status == "held"

    response = client.post(personal_path(registration, "absagen/"))
    assert "Ihre Anmeldung ist storniert" in client.get(response["Location"]).content.decode()
    assert registration.bookings.get().status == "cancelled"
    assert waiting.bookings.get().status == "held"
    deliver_outbox()
    assert any("nachgerückt" in m.subject for m in smtp_server.messages_to("wartend@example.org"))


def test_calendar_download(client):
    registration = register(make_event(title="Schulung Bautzen", place="Bautzen"))
    response = client.get(personal_path(registration, "kalender.ics"))
    assert response["Content-Type"].startswith("text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]) == "Schulung Bautzen" and "Bautzen" in str(vevent["location"])


def test_lost_link_answers_the_same_whether_or_not_the_address_is_known(client, smtp_server):
    register(make_event(title="Schulung Zittau"), email="bekannt@example.org")
    known = client.post("/anmeldung/link/", {"email": "Bekannt@example.org"})
    unknown = client.post("/anmeldung/link/", {"email": "fremd@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content

    deliver_outbox()
    assert smtp_server.messages_to("fremd@example.org") == []
    lost = [m for m in smtp_server.messages_to("bekannt@example.org") if "Links" in m.subject]
    assert len(lost) == 1 and "Schulung Zittau" in lost[0].text
    assert client.get(lost[0].paths[0]).status_code == 200


def test_personal_page_leads_to_the_self_service_data_page():
    registration = register(make_event())
    token = tokens.personal_token(registration)
    body = Client().get(f"/anmeldung/{token}/").content.decode()
    assert f'href="/datenschutz/meine-daten/{token}/"' in body
    assert registration.name in Client().get(f"/datenschutz/meine-daten/{token}/").content.decode()
