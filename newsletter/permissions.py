"""Who may do what with the newsletter (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_team


def can_manage_newsletter(user) -> bool:
    """Write issues, see subscriber counts, send: admin and team."""
    return is_team(user)
