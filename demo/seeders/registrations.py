"""Fictional registrations ("Demo Teilnehmer_in N", @example.org) for a few upcoming offers,
including one full event with a waiting list. Written through the real services, so places,
waiting positions and outbox mails are exactly what a real rush would leave behind."""

import secrets

from django.utils import timezone

from events.models import Event
from privacy.consent import Consent
from regions.models import Municipality
from registrations import services
from registrations.models import Registration

ROLES = ["volunteer", "volunteer", "volunteer", "professional", "administration", "other"]


def _register(event, n, municipalities):
    key = secrets.token_urlsafe(24)
    person = {
        "name": f"Demo Teilnehmer_in {n}",
        "email": f"demo.teilnehmerin{n}@example.org",
        "organisation": "Demo-Initiative",
        "role": ROLES[n % len(ROLES)],
        "municipality_id": municipalities[n % len(municipalities)],
    }
    services.register(
        event=event, person=person, consent=Consent(None, timezone.now()), submission_key=key, language="de"
    )
    registration = Registration.objects.get(submission_key=key)
    if n % 4:  # most confirm their address, some have not yet
        services.confirm_address(registration=registration)
    return registration


def seed_registrations():
    """Returns the number of registrations made."""
    now = timezone.now()
    upcoming = list(
        Event.objects.listed()
        .filter(status=Event.Status.PUBLISHED, start__gt=now, capacity__isnull=False, kind=Event.Kind.TRAINING)
        .exclude(registration_deadline__lt=now)
        .order_by("start")[:4]
    )
    if not upcoming:
        return 0
    municipalities = list(Municipality.objects.order_by("name").values_list("id", flat=True)[::25])
    made, n = 0, 0
    full = min(upcoming, key=lambda event: event.capacity)  # the smallest one fills up
    others = [event for event in upcoming if event != full]
    for _ in range(full.capacity + 5):  # fills every seat and puts five people on the waiting list
        n += 1
        _register(full, n, municipalities)
        made += 1
    for event in others:
        for _ in range(min(3, event.capacity)):
            n += 1
            _register(event, n, municipalities)
            made += 1
    return made
