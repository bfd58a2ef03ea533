"""Each role sees exactly what it may: pages, events and the participant permission."""

import pytest

from accounts.models import User
from accounts.testing import login_with_second_factor, make_user
from backoffice import permissions
from events.testing import make_event, make_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    co_host = make_partner("Arbeitskreis Asyl Pirna")
    names_host = make_partner("Welcome Café Görlitz e.V.")
    trainer = make_user(User.Role.TRAINER)
    other_trainer = make_user(User.Role.TRAINER)
    event = make_event(title="Schulung Pirna", partners=[co_host])
    event.trainers.add(trainer)
    other = make_event(title="Tagung Görlitz", place="Görlitz", partners=[names_host], partners_may_see_names=True)
    other.trainers.add(other_trainer)
    return {
        "event": event,
        "other": other,
        "admin": make_user(User.Role.ADMIN),
        "team": make_user(User.Role.TEAM),
        "trainer": trainer,
        "other_trainer": other_trainer,
        "partner": make_user(User.Role.PARTNER, partner_organisation=co_host),
        "partner_names": make_user(User.Role.PARTNER, partner_organisation=names_host),
        "multiplier": make_user(User.Role.MULTIPLIER),
    }


def pages(event):
    pk = event.pk
    return {
        "dashboard": "/team/",
        "list": "/team/veranstaltungen/",
        "detail": f"/team/veranstaltungen/{pk}/",
        "create": "/team/veranstaltungen/neu/",
        "edit": f"/team/veranstaltungen/{pk}/bearbeiten/",
        "copy": f"/team/veranstaltungen/{pk}/kopieren/",
        "publish": f"/team/veranstaltungen/{pk}/veroeffentlichen/",
        "cancel": f"/team/veranstaltungen/{pk}/absagen/",
        "held": f"/team/veranstaltungen/{pk}/durchgefuehrt/",
        "session": f"/team/veranstaltungen/{pk}/termine/neu/",
        "audit": "/team/protokoll/",
        "account": "/konto/",
    }


READ_ONLY = {"dashboard": 200, "list": 200, "detail": 200, "create": 403, "edit": 403, "copy": 403}
READ_ONLY.update(publish=403, cancel=403, held=403, session=403, audit=403, account=200)

EXPECTED = {
    "admin": dict.fromkeys(READ_ONLY, 200),
    "team": {**dict.fromkeys(READ_ONLY, 200), "audit": 403},
    "trainer": READ_ONLY,
    "partner": READ_ONLY,
    "partner_names": {**READ_ONLY, "detail": 404},
    "other_trainer": {**READ_ONLY, "detail": 404},
    "multiplier": {**dict.fromkeys(READ_ONLY, 403), "account": 200},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_gets_exactly_its_pages(client, world, persona):
    login_with_second_factor(client, world[persona])
    got = {name: client.get(url).status_code for name, url in pages(world["event"]).items()}
    assert got == EXPECTED[persona]


def test_anonymous_is_sent_to_the_login(client, world):
    for name, url in pages(world["event"]).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/konto/anmelden/?next="), name


@pytest.mark.parametrize("persona", ["trainer", "partner"])
def test_trainer_and_partner_see_only_their_event(client, world, persona):
    login_with_second_factor(client, world[persona])
    for url in ("/team/", "/team/veranstaltungen/?zeitraum=alle", f"/team/veranstaltungen/{world['event'].pk}/"):
        html = client.get(url).content.decode()
        assert "Schulung Pirna" in html
        assert "Tagung Görlitz" not in html
    assert client.get(f"/team/veranstaltungen/{world['other'].pk}/").status_code == 404


def test_team_sees_every_event_and_the_planning_buttons(client, world):
    login_with_second_factor(client, world["team"])
    html = client.get("/team/veranstaltungen/").content.decode()
    assert "Schulung Pirna" in html and "Tagung Görlitz" in html
    detail = client.get(f"/team/veranstaltungen/{world['event'].pk}/").content.decode()
    assert "Bearbeiten" in detail and "Absagen" in detail


def test_read_only_roles_see_no_planning_buttons(client, world):
    login_with_second_factor(client, world["partner"])
    detail = client.get(f"/team/veranstaltungen/{world['event'].pk}/").content.decode()
    assert "Bearbeiten" not in detail and "Absagen" not in detail and "Kopieren" not in detail


def test_who_may_see_participant_names(client, world):
    event, other = world["event"], world["other"]
    expected = {
        "admin": (True, True),
        "team": (True, True),
        "trainer": (True, False),
        "other_trainer": (False, True),
        "partner": (False, False),  # co-hosts, but names are not allowed for this event
        "partner_names": (False, True),  # names allowed only where it co-hosts
        "multiplier": (False, False),
    }
    for persona, (on_event, on_other) in expected.items():
        login_with_second_factor(client, world[persona])
        user = _request_user(client)
        got = (permissions.can_view_participants(user, event), permissions.can_view_participants(user, other))
        assert got == (on_event, on_other), persona
    assert permissions.can_view_participant_counts(_request_user_for(client, world["partner"]), event)


def test_names_need_a_code_confirmed_login(world):
    team = world["team"]  # a plain user object: never confirmed with a code
    assert not permissions.can_view_participants(team, world["event"])
    assert permissions.events_visible_to(team).count() == 0


def _request_user(client):
    """request.user as the views see it (with django-otp's verification state)."""
    from django.contrib.auth import get_user
    from django.http import HttpRequest
    from django_otp.middleware import OTPMiddleware

    request = HttpRequest()
    request.session = client.session
    request.user = get_user(request)
    OTPMiddleware(lambda r: None)(request)
    return request.user


def _request_user_for(client, user):
    login_with_second_factor(client, user)
    return _request_user(client)
