""" "Kontakt aufnehmen" on a service page: the same relay as for initiatives, to the agency's office address."""

import pytest

from core import guards
from directory.models import Organization
from directory.testing import make_agency
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.django_db

MESSAGE = "Meine Nachbarin hat einen Brief vom Bundesamt bekommen. Können wir vorbeikommen?"


def contact(**overrides):
    data = {
        "sender_name": "Kim Beispiel",
        "sender_email": "kim.privat@example.net",
        "message": MESSAGE,
        "company": "",
        "started": guards.issue_token(),
    }
    return {**data, **overrides}


def test_relay_message_reaches_the_agency_without_the_senders_address(client, smtp_server):  # noqa: F811
    service = make_agency(name="Asylverfahrensberatung Freital", place="Freital", email="beratung@example.org")
    url = service.get_absolute_url()
    assert "Kontakt aufnehmen" in client.get(url).content.decode()

    response = client.post(url, contact())
    assert response["Location"] == f"{url}nachricht-gesendet/"
    assert "Asylverfahrensberatung Freital" in client.get(response["Location"]).content.decode()
    deliver_outbox()
    (mail,) = smtp_server.messages_to("beratung@example.org")
    assert MESSAGE in mail.text
    assert b"kim.privat@example.net" not in mail.raw
    assert OutboxMessage.objects.get().text == ""  # the body is erased once sent


def test_the_senders_address_goes_along_only_when_allowed(client, smtp_server):  # noqa: F811
    service = make_agency(place="Freital", email="beratung@example.org")
    client.post(service.get_absolute_url(), contact(share_address="on"))
    deliver_outbox()
    (mail,) = smtp_server.messages_to("beratung@example.org")
    assert mail.message["Reply-To"] == "kim.privat@example.net"


def test_bad_input_keeps_the_text_and_says_what_to_fix(client):
    service = make_agency(place="Freital", email="beratung@example.org")
    page = client.post(service.get_absolute_url(), contact(sender_email="kein-at-zeichen")).content.decode()
    assert MESSAGE in page and "E-Mail" in page and "error-summary" in page
    assert OutboxMessage.objects.count() == 0


def test_without_any_office_address_there_is_no_form(client):
    service = make_agency(place="Freital")
    Organization.objects.filter(pk=service.organization_id).update(email="")
    assert "Kontakt aufnehmen" not in client.get(service.get_absolute_url()).content.decode()
    assert client.post(service.get_absolute_url(), contact()).status_code == 404
