"""Each role sees exactly what it may: pages, events and the participant permission.

The personas come from the shared set (`accounts.testing`): trainer_a gives "Schulung Pirna",
co-hosted by partner_without_names; trainer_b gives "Tagung Görlitz", co-hosted by
partner_with_names, whose organisation may see names there.
"""

import pytest

from accounts.testing import log_in, login_with_second_factor, request_user
from events import permissions
from events.testing import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trainer_a, trainer_b, partner_with_names, partner_without_names):
    event = make_event(title="Schulung Pirna", partners=[partner_without_names.partner_organisation])
    event.trainers.add(trainer_a)
    other = make_event(
        title="Tagung Görlitz",
        place="Görlitz",
        partners=[partner_with_names.partner_organisation],
        partners_may_see_names=True,
    )
    other.trainers.add(trainer_b)
    return {"event": event, "other": other}


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
    "trainer_a": READ_ONLY,
    "partner_without_names": READ_ONLY,
    "partner_with_names": {**READ_ONLY, "detail": 404},
    "trainer_b": {**READ_ONLY, "detail": 404},
    "multiplier": {**dict.fromkeys(READ_ONLY, 403), "account": 200},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_gets_exactly_its_pages(client, world, persona, request):
    user = request.getfixturevalue(persona)
    # As the real login leaves the session, and with a code even where the role needs none.
    for login in (log_in, login_with_second_factor):
        login(client, user)
        got = {name: client.get(url).status_code for name, url in pages(world["event"]).items()}
        assert got == EXPECTED[persona], login.__name__


def test_anonymous_is_sent_to_the_login(client, world):
    for name, url in pages(world["event"]).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/konto/anmelden/?next="), name


@pytest.mark.parametrize("persona", ["trainer_a", "partner_without_names"])
def test_trainer_and_partner_see_only_their_event(client, world, persona, request, login_as):
    login_as(request.getfixturevalue(persona))
    for url in ("/team/", "/team/veranstaltungen/?zeitraum=alle", f"/team/veranstaltungen/{world['event'].pk}/"):
        html = client.get(url).content.decode()
        assert "Schulung Pirna" in html
        assert "Tagung Görlitz" not in html
    assert client.get(f"/team/veranstaltungen/{world['other'].pk}/").status_code == 404


def test_team_sees_every_event_and_the_planning_buttons(client, world, team, login_as):
    login_as(team)
    html = client.get("/team/veranstaltungen/").content.decode()
    assert "Schulung Pirna" in html and "Tagung Görlitz" in html
    detail = client.get(f"/team/veranstaltungen/{world['event'].pk}/").content.decode()
    assert "Bearbeiten" in detail and "Absagen" in detail


def test_read_only_roles_see_no_planning_buttons(client, world, partner_without_names, login_as):
    login_as(partner_without_names)
    detail = client.get(f"/team/veranstaltungen/{world['event'].pk}/").content.decode()
    assert "Bearbeiten" not in detail and "Absagen" not in detail and "Kopieren" not in detail


def test_who_may_see_participant_names(client, world, request):
    event, other = world["event"], world["other"]
    expected = {
        "admin": (True, True),
        "team": (True, True),
        "trainer_a": (True, False),
        "trainer_b": (False, True),
        "partner_without_names": (False, False),  # co-hosts, but names are not allowed for this event
        "partner_with_names": (False, True),  # names allowed only where it co-hosts
        "multiplier": (False, False),
    }
    for persona, (on_event, on_other) in expected.items():
        # Even with a code-confirmed login, which only some of these roles need.
        login_with_second_factor(client, request.getfixturevalue(persona))
        user = request_user(client)
        got = (permissions.can_view_participants(user, event), permissions.can_view_participants(user, other))
        assert got == (on_event, on_other), persona
    partner = request.getfixturevalue("partner_without_names")
    assert permissions.can_view_participant_counts(_request_user_for(client, partner), event)


def test_names_need_a_code_confirmed_login(world, team):
    # `team` is a plain user object here: never confirmed with a code
    assert not permissions.can_view_participants(team, world["event"])
    assert permissions.events_visible_to(team).count() == 0


def _request_user_for(client, user):
    login_with_second_factor(client, user)
    return request_user(client)
