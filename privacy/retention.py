"""Retention: personal data is anonymised or deleted on a schedule (settings.PRIVACY_RETENTION).

The app that holds the data declares its rules (`RETENTION_RULES` in its contributions module,
`core.registry.RetentionRule`) and implements them in its own module (registrations/retention.py,
audit/retention.py, mail/retention.py); `apply_retention(now=...)` (a periodic task runs it
hourly) applies every rule once, in the declared order, and adds up what each reports.

Every rule takes `now`, so tests run with a fixed clock.
"""

from collections import Counter

from django.utils import timezone

from core import registry


class RetentionResult(dict):
    """{what: count} of one run, counts only (the job stores them); also read as attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def apply_retention(*, now=None) -> RetentionResult:
    """Run every retention rule once. Idempotent: a second run at the same time changes nothing."""
    now = now or timezone.now()
    result = Counter()
    for rule in registry.retention_rules():
        for what, count in rule.apply(now=now).items():
            result[what] += count
    return RetentionResult(result)
