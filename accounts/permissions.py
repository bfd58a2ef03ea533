"""Who is who: the roles, what a superuser is, and when a login counts as complete.

Every app's rules build on these predicates, and every staff view is protected with
`accounts.decorators.role_required(predicate)`; per-object rules (which event, which
initiative) stay in each app's permissions.py.

admin        everything the team does, and the audit log
team         (admin or team) plans and runs every event, reviews initiatives, answers privacy requests
trainer      the events and sessions they give (which ones: events.permissions)
partner      the events their organisation co-hosts (which ones, and whether with names: events.permissions)
multiplier   only their own pages (profile, relay metadata, anonymous consultation log): no personal
             data of others, so the second factor is offered, and required once they have set it up

A superuser counts as admin everywhere, whatever its role field says, and always needs the
second factor (it also reaches the Django admin). Every role predicate is false until the login is
complete — password, and the code where the account needs one — so a login stopped half-way holds
no role anywhere.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

# Roles that see personal data as part of their work (participants, requests).
ROLES_WITH_PERSONAL_DATA = {User.Role.ADMIN, User.Role.TEAM, User.Role.TRAINER}


def _role_field(user):
    return User.Role.ADMIN if user.is_superuser else user.role


def role_of(user) -> str | None:
    """The role an account acts in (admin for a superuser); None for anonymous or inactive accounts."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return None
    return _role_field(user)


def requires_two_factor(user) -> bool:
    """Everyone who can see personal data needs a second factor.

    Partner accounts need it as soon as one co-hosted event lets partners see names;
    superusers always (they count as admin). A multiplier sees no one else's personal data and may
    choose the second factor; once set up, it is asked for at every login.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_requires_two_factor", None)
    if cached is None:
        role = _role_field(user)
        cached = role in ROLES_WITH_PERSONAL_DATA
        if not cached and role == User.Role.PARTNER and user.partner_organisation_id:
            cached = user.partner_organisation.events.filter(partners_may_see_names=True).exists()
        if not cached and role == User.Role.MULTIPLIER:
            cached = has_confirmed_device(user)
        user._requires_two_factor = cached
    return cached


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    """True when this session was confirmed with a one-time code (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_completed_login(user) -> bool:
    """Logged in with everything the role requires (password, and a code where needed)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return is_verified(user) or not requires_two_factor(user)


def _acts_as(user, *roles) -> bool:
    return role_of(user) in roles and has_completed_login(user)


def is_admin(user) -> bool:
    return _acts_as(user, User.Role.ADMIN)


def is_team(user) -> bool:
    """Admin or project team: the people who plan and run everything."""
    return _acts_as(user, User.Role.ADMIN, User.Role.TEAM)


def is_trainer(user) -> bool:
    return _acts_as(user, User.Role.TRAINER)


def is_partner(user) -> bool:
    return _acts_as(user, User.Role.PARTNER)


def is_multiplier(user) -> bool:
    return _acts_as(user, User.Role.MULTIPLIER)


def can_use_back_office(user) -> bool:
    """Team, trainers and partners work in the back office (/team/); what each sees there is per event."""
    return is_team(user) or is_trainer(user) or is_partner(user)
