"""Demo API token and webhook for the demo team login (fictional receiver, invented deliveries),
so the tokens page and the delivery log show something."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from api.services import create_token
from events.models import Event
from webhooks.models import Delivery, EventType, Subscription
from webhooks.services import event_data


def seed_interfaces():
    """Returns the demo token's secret (printed once by seed_demo), or "" without the team login."""
    team = User.objects.filter(email="team@example.org").first()
    if team is None:
        return ""
    _token, secret = create_token(
        actor=team, name="Demo: Kalender auf der Website", scopes=["events:read", "participants:read"], days=365
    )
    # Paused: the receiver is invented, so nothing the demo does is sent anywhere.
    now = timezone.now()
    subscription = Subscription.objects.create(
        user=team,
        url="https://kalender.example.org/webhooks/sfi",
        event_types=list(EventType.values),
        is_active=False,
        disabled_at=now,
    )
    now = timezone.now()
    events = list(Event.objects.filter(status=Event.Status.PUBLISHED).order_by("start")[:3])
    outcomes = [
        (Delivery.Status.SUCCEEDED, 204, ""),
        (Delivery.Status.SUCCEEDED, 200, ""),
        (Delivery.Status.FAILED, 503, ""),  # none pending: the demo worker must not call the invented receiver
    ]
    for n, (event, (status, code, error)) in enumerate(zip(events, outcomes, strict=False)):
        Delivery.objects.create(
            subscription=subscription,
            message_id=f"msg_demo{n:04d}",
            event_type=EventType.EVENT_PUBLISHED,
            payload={"type": "event.published", "timestamp": now.isoformat(), "data": {"event": event_data(event)}},
            status=status,
            attempts=1 if status == Delivery.Status.SUCCEEDED else 8,
            last_status_code=code,
            last_duration_ms=40 + 30 * n,
            last_error=error,
            created_at=now - timedelta(hours=n + 1),
            next_attempt_at=now + timedelta(minutes=5),
            delivered_at=now - timedelta(hours=n + 1) if status == Delivery.Status.SUCCEEDED else None,
        )
    return secret
