from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.decorators import login_completed_required
from backoffice.permissions import can_manage_events, can_use_back_office


def back_office_required(view):
    """Logged in with two factors where needed, and a role that has a back office (else 403)."""

    @login_completed_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_use_back_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def team_required(view):
    """Planning pages: admin and team only (trainers and partners get 403)."""

    @back_office_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_manage_events(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
