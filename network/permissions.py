"""Who may do what with initiatives (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_team


def can_manage_initiatives(user) -> bool:
    """Review, approve, reject and edit entries, and see their private contact address: admin and team."""
    return is_team(user)
