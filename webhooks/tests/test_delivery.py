"""Webhooks end to end: a real HTTP receiver started by the test verifies the Standard Webhooks
signature (with the `standardwebhooks` package) and counts what arrives."""

from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook

from events.services import cancel_event, publish_event
from events.testing import make_event
from mail.testing import deliver_outbox
from registrations.services import cancel_registration
from registrations.testing import make_participant
from webhooks.models import Delivery, Subscription
from webhooks.signing import secret_for
from webhooks.testing import deliver_webhooks, make_subscription, start_receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    server, receiver = start_receiver()
    yield receiver
    server.shutdown()
    server.server_close()


def verify(subscription, message):
    """The package's own check of webhook-id, webhook-timestamp and webhook-signature; returns the payload."""
    headers = {name: message["headers"][name] for name in ("webhook-id", "webhook-timestamp", "webhook-signature")}
    return Webhook(secret_for(subscription)).verify(message["raw"], headers)


def test_a_published_event_is_delivered_once_and_signed(receiver, team):
    subscription = make_subscription(team, url=receiver.url, event_types=["event.published"])
    event = make_event(status="draft")
    publish_event(actor=team, event=event)
    deliver_webhooks()
    deliver_webhooks()  # nothing is sent twice
    assert len(receiver.received) == 1
    payload = verify(subscription, receiver.received[0])
    assert payload["type"] == "event.published" and payload["data"]["event"]["slug"] == event.slug
    delivery = Delivery.objects.get()
    assert delivery.status == "succeeded" and delivery.attempts == 1 and delivery.last_status_code == 204
    assert delivery.last_duration_ms is not None
    assert receiver.received[0]["headers"]["webhook-id"] == delivery.message_id


def test_a_tampered_body_fails_verification(receiver, team):
    subscription = make_subscription(team, url=receiver.url)
    publish_event(actor=team, event=make_event(status="draft"))
    deliver_webhooks()
    message = dict(receiver.received[0], raw=receiver.received[0]["raw"].replace(b"published", b"cancelled"))
    with pytest.raises(Exception, match="(?i)signature"):
        verify(subscription, message)


def test_a_500_is_retried_with_the_same_id_then_delivered(receiver, team):
    receiver.statuses = [500, 503]
    make_subscription(team, url=receiver.url, event_types=["event.cancelled"])
    event = make_event()
    cancel_event(actor=team, event=event)
    deliver_webhooks()
    ids = [m["headers"]["webhook-id"] for m in receiver.received]
    assert len(ids) == 3 and len(set(ids)) == 1
    delivery = Delivery.objects.get()
    assert delivery.status == "succeeded" and delivery.attempts == 3


def test_registrations_reach_only_subscribers_who_see_the_event(receiver, team, trainer_a, trainer_b):
    event = make_event()
    event.trainers.add(trainer_a)
    types = ["registration.confirmed", "registration.cancelled", "waitlist.promoted"]
    seeing = make_subscription(trainer_a, url=receiver.url, event_types=types)
    make_subscription(trainer_b, url=receiver.url, event_types=types)  # not their event: nothing
    booking = make_participant(event)
    cancel_registration(registration=booking.registration)
    deliver_webhooks()
    # Standard Webhooks promise no order; each message says what and when.
    assert sorted(m["body"]["type"] for m in receiver.received) == ["registration.cancelled", "registration.confirmed"]
    assert all(verify(seeing, m) for m in receiver.received)
    body = str([m["body"] for m in receiver.received])
    assert booking.registration.email not in body and booking.registration.name not in body  # no personal data


def test_waiting_list_promotion_is_announced(receiver, team):
    event = make_event(capacity=1)
    make_subscription(team, url=receiver.url, event_types=["waitlist.promoted"])
    first = make_participant(event)
    waiting = make_participant(event)
    cancel_registration(registration=first.registration)
    deliver_webhooks()
    (message,) = receiver.received
    assert message["body"]["data"]["bookings"][0]["id"] == waiting.pk


def test_a_receiver_that_keeps_failing_is_paused_with_a_mail(receiver, team, settings, smtp_server):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_DISABLE_AFTER = 3
    receiver.statuses = [500] * 10
    subscription = make_subscription(team, url=receiver.url, event_types=["event.published"])
    for _ in range(2):
        publish_event(actor=team, event=make_event(status="draft"))
    deliver_webhooks()
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.disabled_at is not None
    assert len(receiver.received) == 3  # paused after three failures in a row: nothing more is tried
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert mail.rcpt_tos == [team.email] and receiver.url in mail.text


def test_a_slow_receiver_never_blocks_a_registration(team, settings):
    """The registration only writes a row; nothing is sent inside its transaction."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    make_subscription(team, url="http://127.0.0.1:9/never", event_types=["registration.confirmed"])
    booking = make_participant(make_event())
    assert booking.status == "confirmed"
    assert Delivery.objects.get().status == "pending"


def test_private_addresses_are_refused_unless_allowed(team, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    make_subscription(team, url="http://127.0.0.1:9/hook", event_types=["event.published"])
    publish_event(actor=team, event=make_event(status="draft"))
    from mail.testing import run_jobs
    from webhooks import services

    for delivery_id in services.due_ids():
        services.enqueue(delivery_id)
    run_jobs()
    delivery = Delivery.objects.get()
    assert delivery.last_error == "address not allowed" and delivery.status == "pending"
    assert Subscription.objects.get().consecutive_failures == 1
    assert datetime.now(UTC) < delivery.next_attempt_at
