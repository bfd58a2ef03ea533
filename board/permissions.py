"""Who may do what on the board (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_team


def can_moderate_board(user) -> bool:
    """Review, approve, reject posts and handle reports, seeing the posters' addresses: admin and team."""
    return is_team(user)
