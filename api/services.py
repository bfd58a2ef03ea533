"""Writes of the API app: tokens made and revoked by their own account, and the record of every
use that returned personal data. Each in one transaction with its audit entry."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from api.queries import SECRET_PREFIX, hash_secret
from audit.services import record


@transaction.atomic
def create_token(*, actor, name, scopes, days, request=None):
    """A new token for `actor` itself; returns (token, secret). The secret is shown once and only
    its SHA-256 is stored."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=secret[: len(SECRET_PREFIX) + 6],
        token_hash=hash_secret(secret),
        scopes=sorted(scopes),
        expires_at=timezone.now() + timedelta(days=days),
    )
    record(
        actor=actor,
        action="api_token.created",
        target=token,
        details={"scopes": token.scopes, "days": days},
        request=request,
    )
    return token, secret


@transaction.atomic
def revoke_token(*, actor, token, request=None):
    """Revoke one of the account's own tokens (a second revoke changes nothing)."""
    updated = ApiToken.objects.filter(pk=token.pk, user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if updated:
        record(actor=actor, action="api_token.revoked", target=token, request=request)
    return bool(updated)


def note_use(token, now=None):
    """Remember when a token was last used (at most once a minute, to keep writes rare)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def record_personal_data_read(*, token, action, target, count, request=None):
    """Every API answer with personal data leaves an audit entry: which token read what."""
    record(
        actor=token.user,
        action=action,
        target=target,
        details={"token": token.pk, "rows": count},
        request=request,
    )
