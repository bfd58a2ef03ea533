"""Writes of the webhooks app: subscriptions (made, paused and removed by their own account, each
audited), the deliveries an event causes, and the record of every attempt.

A delivery row is written in the transaction of the change it reports (the hook is announced
inside it); its job is enqueued when that transaction commits, so a rollback sends nothing and a
registration never waits for a receiver."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from audit.services import record
from events.models import Event
from mail.services import queue_mail
from webhooks.models import Delivery, EventType, Subscription
from webhooks.queries import subscribers

DELIVER_TASK = "webhooks.tasks.deliver"


def enqueue(delivery_id, run_after=None):
    job = import_string(DELIVER_TASK)
    job = job.using(run_after=run_after) if run_after else job
    return job.enqueue(delivery_id=delivery_id)


# --- Subscriptions ---------------------------------------------------------------------------


@transaction.atomic
def create_subscription(*, actor, url, event_types, request=None):
    subscription = Subscription.objects.create(user=actor, url=url, event_types=sorted(event_types))
    record(
        actor=actor,
        action="webhook.created",
        target=subscription,
        details={"events": subscription.event_types},
        request=request,
    )
    return subscription


@transaction.atomic
def set_active(*, actor, subscription, active, request=None):
    """Pause or resume; resuming starts the failure count afresh."""
    Subscription.objects.filter(pk=subscription.pk).update(
        is_active=active, consecutive_failures=0, disabled_at=None if active else timezone.now()
    )
    record(actor=actor, action="webhook.resumed" if active else "webhook.paused", target=subscription, request=request)


@transaction.atomic
def delete_subscription(*, actor, subscription, request=None):
    record(actor=actor, action="webhook.deleted", target=subscription, request=request)
    subscription.delete()


# --- Events → deliveries ---------------------------------------------------------------------


def event_data(event):
    """What every payload says about the event: public facts only."""
    return {
        "id": event.pk,
        "slug": event.slug,
        "title": event.title,
        "status": event.status,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
    }


def _create(event_type, event, data):
    created = []
    now = timezone.now()
    for subscription in subscribers(event_type, event):
        payload = {"type": str(event_type), "timestamp": now.isoformat(), "data": data}
        created.append(
            Delivery.objects.create(
                subscription=subscription,
                message_id="msg_" + uuid.uuid4().hex,
                event_type=event_type,
                payload=payload,
                next_attempt_at=now,
            )
        )
    ids = [delivery.pk for delivery in created]
    if ids:
        transaction.on_commit(lambda: [enqueue(pk) for pk in ids])
    return created


def _bookings_data(bookings):
    """Ids and statuses only: names and addresses come through the API (participants:read, audited)."""
    return [{"id": b.pk, "registration": b.registration_id, "status": b.status} for b in bookings]


def _for_bookings(event_type, bookings):
    by_event = {}
    for booking in bookings:
        by_event.setdefault(booking.event_id, (booking.event, []))[1].append(booking)
    for event, rows in by_event.values():
        _create(event_type, event, {"event": event_data(event), "bookings": _bookings_data(rows)})


def on_event_status_changed(*, event):
    """Events announce publishing and "held" alike; subscribers hear of the publishing."""
    if event.status == Event.Status.PUBLISHED:
        _create(EventType.EVENT_PUBLISHED, event, {"event": event_data(event)})


def on_event_changed(*, event):
    _create(EventType.EVENT_CHANGED, event, {"event": event_data(event)})
    return 0  # how many people were told: none by us


def on_event_cancelled(*, event):
    _create(EventType.EVENT_CANCELLED, event, {"event": event_data(event)})
    return 0


def on_registration_confirmed(*, bookings):
    _for_bookings(EventType.REGISTRATION_CONFIRMED, bookings)


def on_registration_cancelled(*, bookings):
    _for_bookings(EventType.REGISTRATION_CANCELLED, bookings)


def on_waitlist_promoted(*, bookings):
    _for_bookings(EventType.WAITLIST_PROMOTED, bookings)


# --- Attempts --------------------------------------------------------------------------------


def claim(delivery_id, now=None):
    """Take a due delivery for one attempt; only one worker gets it (conditional UPDATE)."""
    now = now or timezone.now()
    if not Subscription.objects.filter(is_active=True, deliveries=delivery_id).exists():
        return None  # paused or deleted
    # Only the delivery's own columns in the WHERE: a join would make Django update through a
    # subquery, which PostgreSQL does not re-check after waiting for the row lock (two winners).
    taken = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now).update(
        status=Delivery.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now
    )
    if not taken:
        return None
    return Delivery.objects.select_related("subscription__user").get(pk=delivery_id)


def back_off(attempts):
    seconds = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.WEBHOOK_RETRY_MAX_SECONDS))


@transaction.atomic
def record_attempt(*, delivery, ok, status_code, duration_ms, error="", now=None):
    """The outcome of one attempt: delivered; or retried later with back-off; or given up after
    WEBHOOK_MAX_ATTEMPTS. A subscription failing WEBHOOK_DISABLE_AFTER times in a row is paused
    and its owner gets a mail. Counts only for this attempt's own claim."""
    now = now or timezone.now()
    mine = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING, claimed_at=delivery.claimed_at)
    fields = {"last_status_code": status_code, "last_duration_ms": duration_ms, "last_error": error[:200]}
    subscription = Subscription.objects.select_for_update().get(pk=delivery.subscription_id)
    if ok:
        mine.update(status=Delivery.Status.SUCCEEDED, delivered_at=now, **fields)
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        return "succeeded"
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        mine.update(status=Delivery.Status.FAILED, **fields)
        outcome = "failed"
    else:
        next_at = now + back_off(delivery.attempts)
        mine.update(status=Delivery.Status.PENDING, next_attempt_at=next_at, **fields)
        transaction.on_commit(lambda: enqueue(delivery.pk, run_after=next_at))
        outcome = "retry"
    failures = subscription.consecutive_failures + 1
    Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=failures)
    if subscription.is_active and failures >= settings.WEBHOOK_DISABLE_AFTER:
        Subscription.objects.filter(pk=subscription.pk).update(is_active=False, disabled_at=now)
        owner = delivery.subscription.user
        queue_mail(
            to=owner.email,
            template="webhooks/mail/disabled",
            context={"subscription": subscription, "failures": failures, "url": subscription.url},
            language=settings.LANGUAGE_CODE,
        )
        record(
            actor=None,
            action="webhook.disabled",
            target=subscription,
            details={"failures": failures},
        )
        outcome = "disabled"
    return outcome


def requeue_stuck(now=None):
    """Attempts whose worker died (still `sending` after WEBHOOK_SENDING_TIMEOUT) wait again."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.WEBHOOK_SENDING_TIMEOUT)
    return Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=limit).update(
        status=Delivery.Status.PENDING, next_attempt_at=now
    )


def due_ids(now=None, grace_seconds=0):
    """Pending deliveries due for `grace_seconds` already (their own job should have run by then)."""
    limit = (now or timezone.now()) - timedelta(seconds=grace_seconds)
    return list(
        Delivery.objects.filter(
            status=Delivery.Status.PENDING, next_attempt_at__lte=limit, subscription__is_active=True
        ).values_list("pk", flat=True)[:500]
    )
