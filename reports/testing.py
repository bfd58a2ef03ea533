"""Builders for report tests: events at a given day, registered and marked held the way the team does."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import Event
from events.testing import make_event


def event_on(day, *, hours=6, status=Event.Status.PUBLISHED, **fields):
    """An event starting at 9:00 on `day` (a date), lasting `hours`."""
    start = timezone.make_aware(datetime.combine(day, time(9)))
    return make_event(
        start=start,
        end=start + timedelta(hours=hours),
        registration_deadline=start - timedelta(days=3),
        status=status,
        **fields,
    )


def mark(event, status):
    """Set the state after the registrations (closed events take none)."""
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    return event
