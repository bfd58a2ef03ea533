"""Protection for public forms: a honeypot, a signed minimum fill time and rate limits.

Used by every public form that writes or sends something (registration, relay contact,
initiative proposals). Rate limiting is django-ratelimit's counter in the default cache;
its keys are hashed, so no address or IP is stored in clear.

A form mixes in `FormGuard` and renders `core/_form_guard.html` inside its <form>; the
honeypot and the start time are read from the posted data, they are not form fields.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

HONEYPOT_FIELD = "company"
STARTED_FIELD = "started"
_SALT = "core.guards.started"
DEFAULT_MIN_FILL_SECONDS = 3
MAX_FORM_AGE_SECONDS = 24 * 60 * 60


def _new_token() -> str:
    return signing.dumps(time.time(), salt=_SALT)


def _token_age(token: str) -> float | None:
    """Seconds since the form was first shown, or None for a missing or forged token."""
    try:
        started = float(signing.loads(token, salt=_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return time.time() - started


class FormGuard:
    """Mix into a form (before the form class) for the honeypot and the fill-time check.

    A filled honeypot is not an error the bot can learn from: the form reports
    `caught_bot` and the view pretends success without doing anything.
    `min_fill_setting` names the setting with the minimum seconds; it is read on every
    check so tests and deployments can change it.
    """

    min_fill_setting = ""

    def min_fill_seconds(self) -> float:
        if not self.min_fill_setting:
            return DEFAULT_MIN_FILL_SECONDS
        return getattr(settings, self.min_fill_setting, DEFAULT_MIN_FILL_SECONDS)

    def _posted(self, name) -> str:
        return str(self.data.get(self.add_prefix(name), ""))

    @property
    def caught_bot(self) -> bool:
        return self.is_bound and bool(self._posted(HONEYPOT_FIELD).strip())

    @property
    def started_token(self) -> str:
        """Keep the first-shown time across error round trips; start afresh when it is unusable."""
        if self.is_bound:
            token = self._posted(STARTED_FIELD)
            age = _token_age(token)
            if age is not None and 0 <= age <= MAX_FORM_AGE_SECONDS:
                return token
        return _new_token()

    def check_guard(self):
        """Raise a form-wide error for a forged, stale or too fast submission (extend to add checks)."""
        age = _token_age(self._posted(STARTED_FIELD))
        if age is None or age > MAX_FORM_AGE_SECONDS:
            raise forms.ValidationError(
                _("Das Formular war zu lange geöffnet. Bitte prüfen Sie Ihre Angaben und senden Sie es noch einmal.")
            )
        if age < self.min_fill_seconds():
            raise forms.ValidationError(
                _("Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal.")
            )

    def clean(self):
        cleaned = super().clean()
        self.check_guard()
        return cleaned


def over_limit(request, *, group: str, rate: str, key) -> bool:
    """Count one attempt and say whether the limit is exceeded (`key`: "ip" or a callable)."""
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


def rate(name: str, default: str) -> str:
    return getattr(settings, name, default)
