"""Signed links of the board: the poster's personal link (no expiry), the confirmation link of a
post and of an alert (they expire), and an alert's unsubscribe link (no expiry).

Each signs only the record's random UUID, with its own salt, so a URL carries no personal data and
one kind of link can never be used as another.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from board.models import Alert, Post

POST_SALT = "board.personal-link.v1"
POST_CONFIRM_SALT = "board.confirm-post.v1"
ALERT_CONFIRM_SALT = "board.confirm-alert.v1"
ALERT_UNSUBSCRIBE_SALT = "board.unsubscribe-alert.v1"


def personal_token(post):
    return signing.Signer(salt=POST_SALT).sign(post.uuid.hex)


def confirm_token(post):
    return signing.dumps(post.uuid.hex, salt=POST_CONFIRM_SALT)


def alert_confirm_token(alert):
    return signing.dumps(alert.uuid.hex, salt=ALERT_CONFIRM_SALT)


def unsubscribe_token(alert):
    return signing.Signer(salt=ALERT_UNSUBSCRIBE_SALT).sign(alert.uuid.hex)


def _unsigned_uuid(token, salt):
    try:
        return uuid.UUID(hex=signing.Signer(salt=salt).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def post_for_personal_token(token):
    """The post a personal link points at, or None (tampered, unknown, or anonymised)."""
    value = _unsigned_uuid(token, POST_SALT)
    if value is None:
        return None
    return Post.objects.for_cards().filter(uuid=value, anonymised_at__isnull=True).first()


def alert_for_unsubscribe_token(token):
    value = _unsigned_uuid(token, ALERT_UNSUBSCRIBE_SALT)
    return None if value is None else Alert.objects.filter(uuid=value).first()


@dataclass(frozen=True)
class Lookup:
    found: object = None
    expired: bool = False


def _confirm_lookup(token, salt, queryset):
    try:
        value = signing.loads(token, salt=salt, max_age=settings.BOARD_CONFIRM_HOURS * 3600)
        value = uuid.UUID(hex=value)
    except signing.SignatureExpired:
        return Lookup(expired=True)
    except (signing.BadSignature, ValueError, TypeError):
        return Lookup()
    return Lookup(queryset.filter(uuid=value).first())


def post_for_confirm_token(token):
    return _confirm_lookup(token, POST_CONFIRM_SALT, Post.objects.for_cards().filter(anonymised_at__isnull=True))


def alert_for_confirm_token(token):
    return _confirm_lookup(token, ALERT_CONFIRM_SALT, Alert.objects.select_related("district"))
