"""Rate limits trigger, and what they say reveals nothing about who is registered.

(Login lock-out after repeated failures: accounts/tests/test_login.py.)"""

import pytest
from django.test import Client

from events.testing import make_event
from mail.models import OutboxMessage
from registrations.models import Registration
from registrations.testing import register
from registrations.tests.conftest import hidden_fields
from registrations.tests.helpers import form_data

pytestmark = pytest.mark.django_db


def post_registration(client, event, **fields):
    hidden = hidden_fields(client.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode())
    return client.post(f"/veranstaltungen/{event.slug}/anmelden/", {**form_data(**fields), **hidden})


def test_registrations_from_one_address_are_limited(settings):
    settings.REGISTRATION_RATE_PER_IP, settings.REGISTRATION_RATE_PER_EMAIL = "3/h", "1000/h"
    event, client = make_event(), Client()
    for n in range(3):
        post_registration(client, event, email=f"bot{n}@example.org")
    page = post_registration(client, event, email="bot9@example.org").content.decode()
    assert "sehr viele Anmeldungen" in page
    assert Registration.objects.count() == 3


def test_registrations_for_one_e_mail_address_are_limited(settings):
    settings.REGISTRATION_RATE_PER_IP, settings.REGISTRATION_RATE_PER_EMAIL = "1000/h", "2/h"
    client = Client()
    for _ in range(2):
        post_registration(client, make_event(), email="opfer@example.org")
    page = post_registration(client, make_event(), email="opfer@example.org").content.decode()
    assert "Mit dieser Adresse wurden gerade sehr viele Anmeldungen geschickt" in page
    assert Registration.objects.filter(email="opfer@example.org").count() == 2


def test_lost_link_requests_are_limited_and_answer_the_same_for_known_and_unknown_addresses(settings):
    settings.REGISTRATION_RATE_PER_IP, settings.REGISTRATION_RATE_PER_EMAIL = "1000/h", "2/h"
    register(make_event(days_ahead=30), email="bekannt@example.org")
    OutboxMessage.objects.all().delete()
    client = Client()
    answers = [client.post("/anmeldung/link/", {"email": "bekannt@example.org"}).content for _ in range(4)]
    answers.append(client.post("/anmeldung/link/", {"email": "unbekannt@example.org"}).content)
    assert len(set(answers)) == 1  # identical page: known, unknown, limited
    assert OutboxMessage.objects.filter(to="bekannt@example.org").count() == 2  # no mail bombing
    assert not OutboxMessage.objects.filter(to="unbekannt@example.org").exists()


def test_the_honeypot_catches_bots_without_telling_them():
    event = make_event()
    client = Client()
    hidden = hidden_fields(client.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode())
    response = client.post(
        f"/veranstaltungen/{event.slug}/anmelden/", {**form_data(), **hidden, "company": "http://spam.example"}
    )
    assert response.status_code == 302  # looks like success
    assert not Registration.objects.exists()
