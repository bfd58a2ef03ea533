"""Who may use the privacy tools. Every staff view of this app goes through here."""

from django.core.exceptions import PermissionDenied

PRIVACY_STAFF_ROLES = {"admin", "team"}


def can_manage_privacy(user):
    """Admin and project team answer data requests and see the record of processing activities."""
    return bool(user.is_authenticated and user.is_active and user.role in PRIVACY_STAFF_ROLES)


def require_privacy_staff(user):
    if not can_manage_privacy(user):
        raise PermissionDenied
