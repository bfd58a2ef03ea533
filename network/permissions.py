"""Who may do what with initiatives: the admin and team roles, with a completed two-factor login."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.decorators import login_completed_required
from accounts.models import User

MANAGING_ROLES = {User.Role.ADMIN, User.Role.TEAM}


def can_manage_initiatives(user) -> bool:
    """Review, approve, reject and edit entries, and see their private contact address."""
    return bool(user.is_authenticated and user.is_active and user.role in MANAGING_ROLES)


def manager_required(view):
    """Anonymous (or without the second factor) → login page; logged in without the role → 403."""

    @login_completed_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_initiatives(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
