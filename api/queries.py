"""Reads of the API: tokens by their secret, and the pages of public lists."""

import hashlib

from django.utils import timezone

from api.models import ApiToken

SECRET_PREFIX = "sfi_"  # noqa: S105 (the start of every token, not a secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def usable_token(secret: str, now=None):
    """The token a presented secret belongs to, if it is neither revoked nor expired (one query)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.usable(now or timezone.now())
        .select_related("user", "user__partner_organisation")
        .filter(token_hash=hash_secret(secret))
        .first()
    )


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
