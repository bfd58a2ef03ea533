"""Accounts for tests, and the one persona set every persona test uses (real rows, no mocks).

The root conftest.py loads this module as a pytest plugin, so every test can ask for

    anonymous, admin, team, trainer_a, trainer_b, partner_with_names, partner_without_names, multiplier

(each a real account; `anonymous` is Django's AnonymousUser) and for `login_as`, which logs the
test's `client` in as one of them the way the real login ends: with the second factor where the
account needs one (`accounts.permissions.requires_two_factor`), with the password alone otherwise.

    def test_team_sees_the_list(client, team, login_as):
        login_as(team)
        assert "Veranstaltungen" in client.get("/team/").content.decode()

The personas come without events. A test links them to its own events: trainers with
`event.trainers.add(trainer_a)`, partners through their organisation,
`make_event(partners=[partner_with_names.partner_organisation], partners_may_see_names=True)`
(an organisation sees names only at events that allow it; `partner_without_names` co-hosts
events that do not). `persona_names` lists the fixtures for tests that walk every persona.
"""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.permissions import requires_two_factor

TEST_PASSWORD = "Kulturbüro-Sachsen-2026!"  # noqa: S105 (test data)

_counter = itertools.count(1)


def make_user(role="team", *, email=None, partner_organisation=None, **fields):
    n = next(_counter)
    return User.objects.create_user(
        email=email or f"{role}-{n}@example.org",
        password=TEST_PASSWORD,
        role=role,
        first_name=fields.pop("first_name", role.capitalize()),
        last_name=fields.pop("last_name", f"Nr. {n}"),
        partner_organisation=partner_organisation,
        **fields,
    )


def make_partner_organisation(name):
    """The partner organisation a partner account belongs to (`events.Partner`, reached through the
    account's field, as accounts refers to events only by string reference)."""
    model = User._meta.get_field("partner_organisation").related_model
    return model.objects.get_or_create(name=name)[0]


def make_totp_device(user, *, key=None):
    """A confirmed authenticator-app device; compute codes with `totp_code(device)`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    values = {"user": user, "name": "Authenticator-App", "confirmed": True}
    if key:
        values["key"] = key
    return TOTPDevice.objects.create(**values)


def totp_code(device, *, offset_steps=0):
    """The code the app shows now (or `offset_steps` × 30 s later), computed like the app does."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return f"{code:0{device.digits}d}"


def login_with_second_factor(client, user):
    """Log `client` in as `user` with a completed two-factor login (no views involved).

    For pages behind the back office's permission checks; the real login flow is tested in accounts/."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def log_in(client, user):
    """Log `client` in as `user` as the real login would finish: a code where the account needs one."""
    if not user.is_authenticated:
        client.logout()
        return client
    # Read afresh: whether a partner needs a code depends on events made after the account.
    if requires_two_factor(User.objects.get(pk=user.pk)):
        login_with_second_factor(client, user)
    else:
        client.force_login(user)
    return client


def request_user(client):
    """`request.user` as the views see `client`'s session (with django-otp's verification state)."""
    from django.contrib.auth import get_user
    from django.http import HttpRequest
    from django_otp.middleware import OTPMiddleware

    request = HttpRequest()
    request.session = client.session
    request.user = get_user(request)
    OTPMiddleware(lambda r: None)(request)
    return request.user


# --- The persona set -------------------------------------------------------------------------

PARTNER_WITH_NAMES = "Welcome Café Görlitz e.V."
PARTNER_WITHOUT_NAMES = "Arbeitskreis Asyl Pirna"

persona_names = (
    "anonymous",
    "admin",
    "team",
    "trainer_a",
    "trainer_b",
    "partner_with_names",
    "partner_without_names",
    "multiplier",
)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def admin():
    return make_user(User.Role.ADMIN)


@pytest.fixture
def team():
    return make_user(User.Role.TEAM)


@pytest.fixture
def trainer_a():
    return make_user(User.Role.TRAINER)


@pytest.fixture
def trainer_b():
    return make_user(User.Role.TRAINER)


@pytest.fixture
def partner_with_names():
    """A partner account whose organisation co-hosts the events that let partners see names."""
    return make_user(User.Role.PARTNER, partner_organisation=make_partner_organisation(PARTNER_WITH_NAMES))


@pytest.fixture
def partner_without_names():
    """A partner account whose organisation co-hosts events without access to names."""
    return make_user(User.Role.PARTNER, partner_organisation=make_partner_organisation(PARTNER_WITHOUT_NAMES))


@pytest.fixture
def multiplier():
    return make_user(User.Role.MULTIPLIER)


@pytest.fixture
def login_as(client):
    """`login_as(persona)` logs the test's `client` in as that persona (or out, for `anonymous`)."""
    return lambda user: log_in(client, user)
