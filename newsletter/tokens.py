"""Signed links of the newsletter: the personal link (manage or unsubscribe; no expiry) and the
confirmation link (expires). Both sign only the subscriber's random UUID: no address in a URL."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from newsletter.models import Subscriber

PERSONAL_SALT = "newsletter.personal-link.v1"
CONFIRM_SALT = "newsletter.confirm-address.v1"


def personal_token(subscriber):
    return signing.Signer(salt=PERSONAL_SALT).sign(subscriber.uuid.hex)


def confirm_token(subscriber):
    return signing.dumps(subscriber.uuid.hex, salt=CONFIRM_SALT)


def subscriber_for_personal_token(token):
    """The subscription behind a personal link, or None (tampered, unknown or erased)."""
    try:
        value = uuid.UUID(hex=signing.Signer(salt=PERSONAL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return Subscriber.objects.filter(uuid=value).first()


@dataclass(frozen=True)
class ConfirmLookup:
    subscriber: Subscriber | None
    expired: bool = False


def subscriber_for_confirm_token(token):
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_HOURS * 3600)
    except signing.SignatureExpired:
        return ConfirmLookup(None, expired=True)
    except signing.BadSignature:
        return ConfirmLookup(None)
    try:
        return ConfirmLookup(Subscriber.objects.filter(uuid=uuid.UUID(hex=value)).first())
    except ValueError:
        return ConfirmLookup(None)
