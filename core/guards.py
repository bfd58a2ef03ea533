"""Protection for public forms: a honeypot, a single-use signed form token and rate limits.

Used by every public form that writes or sends something (registration, relay contact,
initiative proposals). Nothing here refuses a person for being quick: autofill and password
managers fill a form within a second, so there is no minimum fill time. Instead:

- the honeypot, a field hidden from people: filled in, the view pretends success and does nothing;
- the form token (hidden field `started`): signed, with a random nonce and the time the form was
  shown, valid for a day and for one submission. The view records its use in the transaction
  that does what the form asks (`FormGuard.use_token`, table `core.UsedFormToken`, shared by
  every app server). The same token sent again with the same content (a double click) does
  nothing more and gets the same answer; with other content it is refused, and the form comes
  back with a fresh token;
- rate limits (`over_limit`): django-ratelimit's counters in the "ratelimit" cache (Redis when
  REDIS_URL is set); keys hashed, so no address or IP is stored in clear.

A form mixes in `FormGuard` and renders `core/_form_guard.html` inside its <form>; the
honeypot and the token are read from the posted data, they are not form fields. Views do not
call these pieces one by one: `core.public_forms.PublicForm` runs them in their order.
"""

import json
import secrets
from datetime import timedelta
from functools import cached_property

from django import forms
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from core.models import UsedFormToken

HONEYPOT_FIELD = "company"
# The hidden field with the form token (it carries the moment the form was shown, and a nonce).
STARTED_FIELD = "started"
_SALT = "core.guards.form-token.v2"
MAX_FORM_AGE_SECONDS = 24 * 60 * 60
# Not part of what the person sent: Django masks the CSRF token differently on every page.
_NOT_CONTENT = {"csrfmiddlewaretoken"}

STALE_MESSAGE = _("Das Formular war zu lange geöffnet. Bitte prüfen Sie Ihre Angaben und senden Sie es noch einmal.")
USED_MESSAGE = _("Dieses Formular wurde schon gesendet. Bitte prüfen Sie Ihre Angaben und senden Sie es noch einmal.")


class FormTokenUsed(Exception):
    """A different submission used this form's token first; the view shows `USED_MESSAGE`."""


def issue_token() -> str:
    """A fresh token for a form about to be shown."""
    return signing.TimestampSigner(salt=_SALT).sign(secrets.token_urlsafe(18))


def _nonce(token: str) -> str | None:
    """The token's nonce, or None for a missing, forged or expired token."""
    try:
        return signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_FORM_AGE_SECONDS)
    except signing.BadSignature:  # also SignatureExpired
        return None


class FormGuard:
    """Mix into a form (before the form class) for the honeypot and the single-use token.

    A filled honeypot is not an error the bot can learn from: the form reports `caught_bot`
    and the view pretends success without doing anything. A missing, forged or expired token is
    a form-wide error, but only on a form without field errors: those are what the person can
    fix, and the form shown again carries a fresh token anyway. The view calls `use_token()` in
    the transaction that does what the form asks; a token a different submission used first is
    found there (`FormTokenUsed`, shown as the same kind of form-wide error).
    """

    _token_nonce = None

    def _posted(self, name) -> str:
        return str(self.data.get(self.add_prefix(name), ""))

    @property
    def caught_bot(self) -> bool:
        return self.is_bound and bool(self._posted(HONEYPOT_FIELD).strip())

    @cached_property
    def started_token(self) -> str:
        # Always a new one: the token sent with an unsuccessful submission may be used or expired.
        return issue_token()

    def _digest(self, nonce) -> str:
        """A keyed hash of everything sent, to tell a double click from a different submission."""
        getlist = getattr(self.data, "getlist", lambda key: [self.data[key]])
        content = sorted((key, str(value)) for key in self.data if key not in _NOT_CONTENT for value in getlist(key))
        return salted_hmac(_SALT, json.dumps([nonce, content]), algorithm="sha256").hexdigest()

    def check_guard(self):
        """Raise a form-wide error for a missing, forged or expired token (extend to add checks).

        Reads nothing: whether the token was used already is decided by `use_token`, with the one
        statement that records its use."""
        nonce = _nonce(self._posted(STARTED_FIELD))
        if nonce is None:
            raise forms.ValidationError(STALE_MESSAGE, code="stale")
        self._token_nonce = nonce

    def clean(self):
        cleaned = super().clean()
        if not self._errors:
            self.check_guard()
        return cleaned

    def use_token(self) -> bool:
        """Record the token's one use, inside the transaction that does what the form asks.

        True: first use, go ahead. False: this very submission was handled already (a double
        click or a resent page): do nothing again and answer as the first time did. Raises
        FormTokenUsed when a different submission used the token after this form was validated
        (another app server at the same moment: the primary key decides)."""
        if self._token_nonce is None:
            raise RuntimeError("use_token() needs a valid form")
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("use_token() belongs in the transaction of the action it guards")
        digest = self._digest(self._token_nonce)
        if _record_use(self._token_nonce, digest):
            return True
        used = UsedFormToken.objects.filter(nonce=self._token_nonce).values_list("digest", flat=True).first()
        if used != digest:
            raise FormTokenUsed
        return False


_RECORD_USE = (
    'INSERT INTO "core_usedformtoken" ("nonce", "digest", "used_at") VALUES (%s, %s, %s) '
    'ON CONFLICT ("nonce") DO NOTHING RETURNING "nonce"'
)


def _record_use(nonce, digest) -> bool:
    """Insert the token's use; False if it was used already. One statement (`INSERT … ON CONFLICT DO
    NOTHING RETURNING`, PostgreSQL and SQLite alike) and no savepoint: it runs in every public form's
    transaction, for a registration while the form waits for the event lock."""
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(_RECORD_USE, [nonce, digest, cursor.db.ops.adapt_datetimefield_value(timezone.now())])
        return cursor.fetchone() is not None


def prune_used_tokens(*, now=None) -> int:
    """Forget used tokens past their lifetime (they would be refused as expired anyway)."""
    now = now or timezone.now()
    deleted, _counts = UsedFormToken.objects.filter(used_at__lt=now - timedelta(seconds=MAX_FORM_AGE_SECONDS)).delete()
    return deleted


def over_limit(request, *, group: str, rate: str, key) -> bool:
    """Count one attempt and say whether the limit is exceeded (`key`: "ip" or a callable)."""
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
