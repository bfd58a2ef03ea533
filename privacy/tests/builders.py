"""Registrations for privacy tests, made through the real registrations services with a fixed clock."""

import itertools
import secrets
from datetime import timedelta

from privacy.consent import Consent
from regions.models import Municipality
from registrations import services
from registrations.models import Booking, Registration

_n = itertools.count(1)


def register(event, *, confirm=True, attended=None, days_before=10, place="Pirna", **fields):
    """One person registers `days_before` the event starts (and confirms, unless told not to)."""
    n = next(_n)
    at = event.start - timedelta(days=days_before)
    person = {
        "name": f"Privat Person {n}",
        "email": f"privat{n}@example.org",
        "phone": f"0351 555 {n:04d}",
        "organisation": "Willkommensinitiative",
        "role": "volunteer",
        "municipality_id": Municipality.objects.get(name=place).pk,
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
