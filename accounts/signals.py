"""What happens to accounts, announced for whoever keeps a record (the audit app listens).

accounts imports no app that listens: `announce` sends `account_activity`, synchronously and in
the caller's transaction, with the action code (labelled in accounts' AUDIT_ACTIONS), the
acting user (or None), the account concerned (or None), a small dict of details (ids, codes,
never contact data) and the request.
"""

from django.dispatch import Signal

account_activity = Signal()  # kwargs: action, actor, target, details, request


def announce(*, action, actor, target, details=None, request=None):
    account_activity.send(
        sender="accounts", action=action, actor=actor, target=target, details=details, request=request
    )
