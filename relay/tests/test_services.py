"""The relay service: mail through the real outbox and worker to a real SMTP server."""

import pytest

from mail.models import OutboxMessage
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from relay.services import send_relay_message

pytestmark = pytest.mark.django_db

MESSAGE = "Wir möchten beim Sprachcafé mithelfen. Wann trefft ihr euch? Gruß aus Freital"


def send(share_address):
    send_relay_message(
        recipient_email="initiative-privat@example.org",
        recipient_label="Willkommensbündnis Freital",
        sender_name="Alex Beispiel",
        sender_email="alex.sender@example.net",
        share_address=share_address,
        message=MESSAGE,
        language="de",
    )


def test_shared_address_goes_to_recipient_as_reply_to_and_in_text(smtp_server):  # noqa: F811
    send(share_address=True)
    deliver_outbox()

    (mail,) = smtp_server.messages_to("initiative-privat@example.org")
    assert mail.reply_to == "alex.sender@example.net"
    assert "Willkommensbündnis Freital" in mail.subject
    assert MESSAGE in mail.text and "Alex Beispiel" in mail.text
    assert "E-Mail-Adresse weitergeben: alex.sender@example.net" in mail.text
    assert "alex.sender@example.net" in mail.html
    assert smtp_server.messages_to("alex.sender@example.net") == []  # no copy to the sender


def test_unshared_address_never_reaches_the_recipient(smtp_server):  # noqa: F811
    send(share_address=False)
    deliver_outbox()

    (mail,) = smtp_server.messages_to("initiative-privat@example.org")
    assert b"alex.sender@example.net" not in mail.raw
    assert "alex.sender" not in mail.reply_to
    assert MESSAGE in mail.text and "Alex Beispiel" in mail.text
    assert "Sie können deshalb nicht direkt antworten" in mail.text
    assert "nicht direkt antworten" in mail.html


def test_body_is_in_the_outbox_only_until_sent(smtp_server):  # noqa: F811
    send(share_address=False)
    queued = OutboxMessage.objects.get()
    assert MESSAGE in queued.text and queued.erase_body_after_send
    assert queued.reply_to == ""

    deliver_outbox()

    sent = OutboxMessage.objects.get()
    assert sent.status == OutboxMessage.Status.SENT
    assert (sent.subject, sent.text, sent.html) == ("", "", "")


def test_english_mail_when_asked(smtp_server):  # noqa: F811
    send_relay_message(
        recipient_email="multiplier@example.org",
        recipient_label="Kim",
        sender_name="Sam",
        sender_email="sam@example.net",
        share_address=False,
        message="Hello!",
        language="en",
    )
    deliver_outbox()

    (mail,) = smtp_server.messages_to("multiplier@example.org")
    assert "You therefore cannot reply directly" in mail.text
