"""The one way a public form is handled: bot guard → validate → rate limits → action → answer.

Every public form that writes or sends something (registration, relay contact, initiative
proposal, and each new one) declares a `PublicForm` and its view calls `submit`, so the guards
of `core.guards` apply the same way everywhere:

1. honeypot filled: pretend success and do nothing, so a bot learns nothing;
2. the form validates: field errors first, then the form token (stale or forged);
3. each rate limit counts one attempt, in the declared order; the first one reached stops with
   its message (above the form, or at a field) and the answer 429;
4. the action runs in one transaction with the token's use (`FormGuard.use_token`). The same
   submission again (a double click, a resent page) does not run it a second time — unless
   the action recognises a resent form itself (`idempotent_action`, e.g. the registration's
   submission key), then it runs and answers as the first time. A different submission with a
   used token gets `USED_MESSAGE` and the form with a fresh token.

The view redirects to its success page when `Submission.done`, and otherwise shows the form again
(it carries the errors) with `Submission.status`. An exception raised by the action (e.g.
"registration closed") rolls back the transaction, the token's use included, and reaches the view.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from core.guards import USED_MESSAGE, FormTokenUsed, over_limit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateLimit:
    """One counter a form's attempts are checked against (django-ratelimit, keys hashed)."""

    group: str  # the counter, e.g. "relay:ip"
    setting: str  # the declared setting holding the rate, e.g. "RELAY_RATE_PER_IP" (read per request)
    message: str = ""  # what the person reads when it is reached (a lazy translation)
    key: Callable[[Any], str] | None = None  # count per key(valid form); None: per client address
    field: str | None = None  # where the message appears; None: above the form

    def reached(self, request, form) -> bool:
        """Count this attempt; True when the limit is exceeded."""
        key = "ip" if self.key is None else (lambda _group, _request: self.key(form))
        return over_limit(request, group=self.group, rate=getattr(settings, self.setting), key=key)


@dataclass(frozen=True)
class Submission:
    done: bool  # show the success page (also after a caught bot or a resent form)
    result: Any = None  # what the action returned (None when it did not run)
    status: int = 200  # for the form shown again: 429 after a rate limit


@dataclass(frozen=True)
class PublicForm:
    name: str  # for the log (never personal data there)
    limits: tuple[RateLimit, ...] = ()
    idempotent_action: bool = False

    def submit(self, request, form, *, action: Callable[[], Any]) -> Submission:
        """Handle a POSTed `form` (a `core.guards.FormGuard` form); `action()` does what it asks."""
        if form.caught_bot:
            logger.info("%s: honeypot filled, nothing done", self.name)
            return Submission(done=True)
        if not form.is_valid():
            return Submission(done=False)
        for limit in self.limits:
            if limit.reached(request, form):
                form.add_error(limit.field, limit.message)
                logger.info("%s: rate limit %s reached", self.name, limit.group)
                return Submission(done=False, status=429)
        try:
            with transaction.atomic():
                first_use = form.use_token()
                result = action() if first_use or self.idempotent_action else None
        except FormTokenUsed:
            form.add_error(None, USED_MESSAGE)
            return Submission(done=False)
        return Submission(done=True, result=result)
