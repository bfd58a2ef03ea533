"""Builders for registration tests: real rows through the real services."""

import itertools
import secrets

from privacy.consent import Consent
from registrations import services

_n = itertools.count(1)


def person(**fields):
    n = next(_n)
    values = {
        "name": f"Test Teilnehmer_in {n}",
        "email": f"person{n}@example.org",
        "phone": "",
        "organisation": "Willkommensinitiative Pirna",
        "role": "volunteer",
        "municipality_id": None,
        "accessibility_needs": "",
        "diet": "",
        "answers": {},
        "newsletter_consent": False,
    }
    values.update(fields)
    return values


def consent():
    from django.utils import timezone

    return Consent(version=None, at=timezone.now())


def register(event, *, language="de", key=None, **fields):
    """Register one person through the service; returns their Registration."""
    from registrations.models import Registration

    data = person(**fields)
    key = key or secrets.token_urlsafe(24)
    services.register(event=event, person=data, consent=consent(), submission_key=key, language=language)
    return (
        Registration.objects.get(submission_key=key)
        if Registration.objects.filter(submission_key=key).exists()
        else None
    )


def form_data(**fields):
    """POST data for the registration form (without the hidden anti-bot fields)."""
    data = {
        "name": "Erika Beispiel",
        "email": "erika@example.org",
        "phone": "",
        "organisation": "Willkommensinitiative Pirna",
        "role": "volunteer",
        "municipality": "Pirna",
        "privacy_consent": "on",
    }
    data.update(fields)
    return data
