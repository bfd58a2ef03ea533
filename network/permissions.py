"""Who may do what with initiatives. Until the back office lands: admin and team roles."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.models import User

MANAGING_ROLES = {User.Role.ADMIN, User.Role.TEAM}


def can_manage_initiatives(user) -> bool:
    """Review, approve, reject and edit entries, and see their private contact address."""
    return bool(user.is_authenticated and user.is_active and user.role in MANAGING_ROLES)


def manager_required(view):
    """Anonymous → login page; logged in without the role → 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_initiatives(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
