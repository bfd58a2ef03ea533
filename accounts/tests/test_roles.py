"""The role predicates every app builds on (`accounts.permissions`), for the shared persona set.

Each persona is logged in as the real login leaves the session, and the predicates are asked
about `request.user` as the views see it.
"""

import pytest

from accounts import permissions
from accounts.models import User
from accounts.testing import log_in, make_user, persona_names, request_user
from events.testing import make_event

pytestmark = pytest.mark.django_db

PREDICATES = ("is_admin", "is_team", "is_trainer", "is_partner", "is_multiplier")

EXPECTED = {
    "anonymous": set(),
    "admin": {"is_admin", "is_team"},
    "team": {"is_team"},
    "trainer_a": {"is_trainer"},
    "trainer_b": {"is_trainer"},
    "partner_with_names": {"is_partner"},
    "partner_without_names": {"is_partner"},
    "multiplier": {"is_multiplier"},
}


def roles(user):
    return {name for name in PREDICATES if getattr(permissions, name)(user)}


@pytest.fixture(autouse=True)
def _names_for_one_partner(partner_with_names):
    make_event(partners=[partner_with_names.partner_organisation], partners_may_see_names=True)


def test_every_persona_is_named_here():
    assert set(EXPECTED) == set(persona_names)


@pytest.mark.parametrize("persona", persona_names)
def test_each_persona_holds_exactly_its_role(client, persona, request):
    log_in(client, request.getfixturevalue(persona))
    assert roles(request_user(client)) == EXPECTED[persona]


@pytest.mark.parametrize("role", User.Role.values)
def test_a_superuser_is_an_admin_whatever_its_role_field_says(client, role):
    superuser = make_user(role, is_superuser=True)
    assert permissions.requires_two_factor(superuser)
    log_in(client, superuser)
    assert roles(request_user(client)) == {"is_admin", "is_team"}
    assert permissions.role_of(superuser) == User.Role.ADMIN


@pytest.mark.parametrize("persona", ["admin", "team", "trainer_a", "partner_with_names", "superuser"])
def test_without_the_second_factor_an_account_that_needs_it_holds_no_role(client, persona, request):
    user = make_user("multiplier", is_superuser=True) if persona == "superuser" else request.getfixturevalue(persona)
    client.force_login(user)  # password only
    user = request_user(client)
    assert user.is_authenticated and not permissions.has_completed_login(user)
    assert roles(user) == set()


@pytest.mark.parametrize("persona", ["partner_without_names", "multiplier"])
def test_roles_without_personal_data_need_no_second_factor(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert roles(request_user(client)) == EXPECTED[persona]


def test_a_deactivated_account_holds_no_role(multiplier):
    assert roles(multiplier) == {"is_multiplier"}  # needs no code, so the plain account object will do
    multiplier.is_active = False
    assert roles(multiplier) == set() and permissions.role_of(multiplier) is None
