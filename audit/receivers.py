"""The audit log records what other apps announce (connected in AuditConfig.ready())."""

from audit.services import record


def record_account_activity(sender, *, action, actor, target, details=None, request=None, **kwargs):
    """accounts.signals.account_activity: logins, failed attempts, second factor, password resets."""
    record(actor=actor, action=action, target=target, details=details, request=request)
