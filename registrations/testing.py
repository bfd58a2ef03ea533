"""Builders for registrations: real rows made through the real registrations services."""

import itertools
import secrets
from datetime import timedelta

from django.utils import timezone

from privacy.consent import Consent
from regions.testing import municipality
from registrations import services
from registrations.models import Booking, Registration

_counter = itertools.count(1)
_private = itertools.count(1)


def make_participant(event, *, name=None, email=None, confirm=True, place="Pirna", language="de", **fields):
    """Register one person through the registrations service (mails included) and confirm the address.

    Returns the person's booking for `event` (status confirmed, held or waiting as the service decided)."""
    n = next(_counter)
    person = {
        "name": name or f"Teilnehmer_in Nr. {n}",
        "email": email or f"teilnehmer{n}@example.org",
        "organisation": fields.pop("organisation", "Willkommensinitiative Pirna"),
        "role": fields.pop("role", "volunteer"),
        "municipality_id": municipality(place).pk if place else None,
        **fields,
    }
    key = secrets.token_urlsafe(24)
    # Past events: register as if it were a week before the start (the service refuses late sign-ups).
    now = min(timezone.now(), event.start - timedelta(days=7)) if event.start else None
    consent = Consent(version=None, at=now or timezone.now())
    services.register(event=event, person=person, consent=consent, submission_key=key, language=language, now=now)
    registration = Registration.objects.get(submission_key=key)
    if confirm:
        services.confirm_address(registration=registration, now=now)
    return Booking.objects.select_related("registration").get(registration=registration, event=event)


def register(event, *, confirm=True, attended=None, days_before=10, place="Pirna", **fields):
    """One person registers `days_before` the event starts (and confirms, unless told not to), with
    every optional field filled (phone, needs, newsletter): what privacy and retention tests look for."""
    n = next(_private)
    at = event.start - timedelta(days=days_before)
    person = {
        "name": f"Privat Person {n}",
        "email": f"privat{n}@example.org",
        "phone": f"0351 555 {n:04d}",
        "organisation": "Willkommensinitiative",
        "role": "volunteer",
        "municipality_id": municipality(place).pk,
        "accessibility_needs": "Rollstuhl",
        "diet": "vegan",
        "answers": {},
        "newsletter_consent": True,
        **fields,
    }
    key = secrets.token_urlsafe(24)
    services.register(
        event=event, person=person, consent=Consent(version=1, at=at), submission_key=key, language="de", now=at
    )
    registration = Registration.objects.get(submission_key=key)
    if confirm:
        services.confirm_address(registration=registration, now=at + timedelta(minutes=5))
    if attended is not None:
        Booking.objects.filter(registration=registration).update(attended=attended)
    registration.refresh_from_db()
    return registration
