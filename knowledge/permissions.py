"""Who may do what with the knowledge base (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_team


def can_edit_knowledge(user) -> bool:
    """Write, publish and review articles and attach downloads: admin and team."""
    return is_team(user)
