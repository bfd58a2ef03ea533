"""Reads of the webhooks app: who hears of an event, an account's subscriptions and their log."""

from django.db.models import Count, Q

from events.permissions import events_visible_to
from webhooks.models import Delivery, EventType, Subscription

# Public facts: every subscriber hears of them for public events. The rest only where the
# subscribing account sees the event in the back office.
PUBLIC_TYPES = {EventType.EVENT_PUBLISHED, EventType.EVENT_CHANGED, EventType.EVENT_CANCELLED}


def acting(user):
    """The account as it acts for its subscription: made in a code-confirmed session, so it counts as one."""
    user.is_verified = lambda: True
    return user


def subscribers(event_type, event):
    """Active subscriptions to `event_type` that may hear about `event` (one query per subscription
    for the back-office rule; subscriptions are few)."""
    candidates = Subscription.objects.filter(is_active=True).select_related("user", "user__partner_organisation")
    chosen = []
    for subscription in candidates:
        if event_type not in subscription.event_types or not subscription.user.is_active:
            continue
        public = event_type in PUBLIC_TYPES and event.status != "draft" and event.course_id is None
        if public or events_visible_to(acting(subscription.user)).filter(pk=event.pk).exists():
            chosen.append(subscription)
    return chosen


def subscriptions_of(user):
    return (
        Subscription.objects.filter(user=user)
        .annotate(
            succeeded=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SUCCEEDED)),
            failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        )
        .order_by("-created_at", "-id")
    )


def recent_deliveries(subscription, limit=50):
    return Delivery.objects.filter(subscription=subscription).order_by("-created_at", "-id")[:limit]
