"""Signed links: the personal link (no expiry) and the address confirmation link (expires).

Both sign only the registration's random UUID, so a URL carries no personal data and cannot be
guessed or altered. Each link kind has its own salt, so one can never be used as the other.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from registrations.models import Registration

PERSONAL_SALT = "registrations.personal-link.v1"
CONFIRM_SALT = "registrations.confirm-address.v1"


def personal_token(registration):
    # No timestamp: the personal link never expires, so every mail carries the very same link.
    return signing.Signer(salt=PERSONAL_SALT).sign(registration.uuid.hex)


def confirm_token(registration):
    return signing.dumps(registration.uuid.hex, salt=CONFIRM_SALT)


def registration_for_personal_token(token):
    """The registration a personal link points at, or None for a tampered or unknown link."""
    try:
        value = uuid.UUID(hex=signing.Signer(salt=PERSONAL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return (
        Registration.objects.select_related("event__venue__municipality", "municipality")
        .filter(uuid=value, anonymised_at__isnull=True)
        .first()
    )


@dataclass(frozen=True)
class ConfirmLookup:
    registration: Registration | None
    expired: bool = False


def registration_for_confirm_token(token):
    max_age = settings.REGISTRATION_CONFIRM_HOURS * 3600
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return ConfirmLookup(None, expired=True)
    except signing.BadSignature:
        return ConfirmLookup(None)
    return ConfirmLookup(Registration.objects.filter(uuid=value, anonymised_at__isnull=True).first())
