""" "Kontakt aufnehmen" on an initiative page: relay through the outbox, guards, no traces."""

import logging

import pytest
from django.apps import apps
from django.db import connection, models

from core import guards
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from network.testing import make_initiative

pytestmark = pytest.mark.django_db

MESSAGE = "Hallo, ich kann dienstags Deutsch unterrichten. Kennwort Zitronenfalter-4711."


def started():
    return guards.issue_token()  # what the form page would carry


def contact(**overrides):
    data = {
        "sender_name": "Robin Muster",
        "sender_email": "robin.privat@example.net",
        "message": MESSAGE,
        "company": "",
        "started": started(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def initiative():
    return make_initiative(name="Deutsch-Treff Pirna", contact_email="treff-vorstand@example.org")


def test_message_without_permission_arrives_without_sender_address(client, initiative, smtp_server):  # noqa: F811
    response = client.post(initiative.get_absolute_url(), contact())

    assert response.status_code == 302
    assert response["Location"] == f"/initiativen/{initiative.slug}/nachricht-gesendet/"
    page = client.get(response["Location"]).content.decode()
    assert "Ihre Nachricht ist unterwegs" in page and "Deutsch-Treff Pirna" in page
    assert "treff-vorstand@example.org" not in page

    deliver_outbox()
    (mail,) = smtp_server.messages_to("treff-vorstand@example.org")
    assert MESSAGE in mail.text
    assert b"robin.privat@example.net" not in mail.raw


def test_message_with_permission_carries_reply_to(client, initiative, smtp_server):  # noqa: F811
    client.post(initiative.get_absolute_url(), contact(share_address="on"))
    deliver_outbox()

    (mail,) = smtp_server.messages_to("treff-vorstand@example.org")
    assert mail.reply_to == "robin.privat@example.net"
    assert "robin.privat@example.net" in mail.text


def test_message_body_is_stored_nowhere_after_sending(client, initiative, smtp_server, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    client.post(initiative.get_absolute_url(), contact())
    deliver_outbox()
    assert len(smtp_server.messages) == 1

    hits = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        kinds = models.CharField | models.TextField | models.JSONField
        text_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)]
        for row in model.objects.values(*text_fields) if text_fields else []:
            hits += [(model.__name__, k) for k, v in row.items() if "Zitronenfalter" in str(v)]
    assert hits == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in ("Zitronenfalter", "robin.privat@example.net", "treff-vorstand@example.org", "Robin Muster"):
        assert secret not in logged


def test_bad_input_keeps_the_text_and_says_what_to_fix(client, initiative):
    response = client.post(initiative.get_absolute_url(), contact(sender_email="robin-at-example", message=MESSAGE))
    empty = client.post(initiative.get_absolute_url(), contact(message="   "))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an." in page
    assert MESSAGE in page and 'value="robin-at-example"' in page and 'value="Robin Muster"' in page
    assert "Bitte schreiben Sie eine Nachricht." in empty.content.decode()
    assert 'value="robin.privat@example.net"' in empty.content.decode()
    assert OutboxMessage.objects.count() == 0


def test_forged_or_missing_token_is_refused_and_keeps_text(client, initiative):
    forged = client.post(initiative.get_absolute_url(), contact(started="12345"))
    missing = client.post(initiative.get_absolute_url(), contact(started=""))

    for response in (forged, missing):
        assert "Das Formular war zu lange geöffnet" in response.content.decode()
        assert MESSAGE in response.content.decode()
    assert OutboxMessage.objects.count() == 0


def test_honeypot_pretends_success_and_sends_nothing(client, initiative):
    response = client.post(initiative.get_absolute_url(), contact(company="Spam GmbH"))

    assert response.status_code == 302
    assert OutboxMessage.objects.count() == 0


def test_rate_limit_per_sender_address(client, initiative, settings):
    settings.RELAY_RATE_PER_SENDER = "2/h"
    for n in range(2):
        assert client.post(initiative.get_absolute_url(), contact(message=f"Nachricht {n}")).status_code == 302

    response = client.post(initiative.get_absolute_url(), contact(sender_email="ROBIN.privat@example.net"))

    assert response.status_code == 429
    assert "bitte senden Sie sie in einer Stunde noch einmal" in response.content.decode()
    assert MESSAGE in response.content.decode()
    assert OutboxMessage.objects.count() == 2


def test_rate_limit_per_ip(client, initiative, settings):
    settings.RELAY_RATE_PER_IP = "3/h"
    for n in range(3):
        client.post(initiative.get_absolute_url(), contact(sender_email=f"person{n}@example.net"))

    response = client.post(initiative.get_absolute_url(), contact(sender_email="noch-jemand@example.net"))

    assert response.status_code == 429
    assert OutboxMessage.objects.count() == 3


def test_no_contact_form_for_unapproved_initiative(client):
    hidden = make_initiative(status="proposed", contact_email="versteckt@example.org")

    response = client.post(hidden.get_absolute_url(), contact())

    assert response.status_code == 404
    assert OutboxMessage.objects.count() == 0
