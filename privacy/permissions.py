"""Who may use the privacy tools (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_team


def can_manage_privacy(user) -> bool:
    """Admin and project team answer data requests and see the record of processing activities."""
    return is_team(user)
