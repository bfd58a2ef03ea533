"""Account-level rules: who must use two-factor login, and when a login counts as complete."""

from accounts.models import User

# Roles that see personal data as part of their work (participants, requests).
ROLES_WITH_PERSONAL_DATA = {User.Role.ADMIN, User.Role.TEAM, User.Role.TRAINER}


def requires_two_factor(user) -> bool:
    """Everyone who can see personal data needs a second factor.

    Partner accounts need it as soon as one co-hosted event lets partners see names;
    superusers always (they reach the Django admin).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_requires_two_factor", None)
    if cached is None:
        cached = user.is_superuser or user.role in ROLES_WITH_PERSONAL_DATA
        if not cached and user.role == User.Role.PARTNER and user.partner_organisation_id:
            cached = user.partner_organisation.events.filter(partners_may_see_names=True).exists()
        user._requires_two_factor = cached
    return cached


def is_verified(user) -> bool:
    """True when this session was confirmed with a one-time code (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_completed_login(user) -> bool:
    """Logged in with everything the role requires (password, and a code where needed)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return is_verified(user) or not requires_two_factor(user)
