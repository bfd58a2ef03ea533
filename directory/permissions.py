"""Who may edit the Wegweiser (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_team


def can_edit_directory(user) -> bool:
    """Organisations, services and their details: admin and team."""
    return is_team(user)
