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
