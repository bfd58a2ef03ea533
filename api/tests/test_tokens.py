"""Token operations, persona × scope: the same rules as the back office's pages, limited by scopes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from api.models import ApiToken
from api.services import revoke_token
from api.testing import make_token, token_client
from audit.models import Entry
from events.testing import make_event
from participants.models import CheckIn
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db

ALL = ("events:read", "participants:read", "checkin:write")


@pytest.fixture
def world(trainer_a, trainer_b, partner_with_names, partner_without_names):
    own = make_event(title="Schulung A", partners=[partner_without_names.partner_organisation])
    own.trainers.add(trainer_a)
    other = make_event(
        title="Tagung B", partners=[partner_with_names.partner_organisation], partners_may_see_names=True
    )
    other.trainers.add(trainer_b)
    make_event(title="Entwurf", status="draft")
    return {"own": own, "other": other, "booking": make_participant(own, name="Erika Muster")}


def get(secret, path, **params):
    return token_client(secret).get(f"/api/v1/team{path}", params)


def test_the_secret_is_stored_only_as_a_hash(team):
    token, secret = make_token(team)
    assert secret.startswith("sfi_") and secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert Entry.objects.filter(action="api_token.created", target_id=str(token.pk)).exists()


@pytest.mark.parametrize(
    ("persona", "titles"),
    [
        ("admin", ["Schulung A", "Tagung B", "Entwurf"]),
        ("team", ["Schulung A", "Tagung B", "Entwurf"]),
        ("trainer_a", ["Schulung A"]),
        ("trainer_b", ["Tagung B"]),
        ("partner_without_names", ["Schulung A"]),
        ("partner_with_names", ["Tagung B"]),
    ],
)
def test_each_persona_lists_the_events_its_pages_show(world, persona, titles, request):
    _token, secret = make_token(request.getfixturevalue(persona), scopes=["events:read"])
    body = get(secret, "/events").json()
    assert sorted(e["title"] for e in body["results"]) == sorted(titles)
    counts = {e["title"]: e["confirmed"] for e in body["results"]}
    assert counts.get("Schulung A", 1) == 1


@pytest.mark.parametrize(
    ("persona", "event", "status"),
    [
        ("team", "own", 200),
        ("trainer_a", "own", 200),
        ("trainer_a", "other", 404),  # trainer A asking for trainer B's event: as on the pages
        ("trainer_b", "own", 404),
        ("partner_without_names", "own", 403),  # counts only
        ("partner_with_names", "other", 200),
        ("partner_with_names", "own", 404),
    ],
)
def test_participants_follow_the_back_office_rules(world, persona, event, status, request):
    user = request.getfixturevalue(persona)
    _token, secret = make_token(user, scopes=["events:read", "participants:read"])
    got = get(secret, f"/events/{world[event].pk}/participants")
    assert got.status_code == status, got.content
    if status == 200:
        assert got["Cache-Control"] == "no-store"
        assert Entry.objects.filter(action="api.participants_read", actor=user).count() == 1
    else:
        assert got["Content-Type"] == "application/problem+json"
        assert not Entry.objects.filter(action="api.participants_read").exists()
    if status == 403:
        assert got.json()["type"] == "/api/v1/problems/counts-only"


def test_participants_carry_names_and_the_waiting_list_its_order(world, team):
    _token, secret = make_token(team, scopes=ALL)
    people = get(secret, f"/events/{world['own'].pk}/participants").json()["results"]
    assert [p["name"] for p in people] == ["Erika Muster"] and people[0]["present"] is False
    full = make_event(capacity=1)
    make_participant(full)
    first, second = make_participant(full, name="Wartend Eins"), make_participant(full, name="Wartend Zwei")
    line = get(secret, f"/events/{full.pk}/waiting-list").json()
    assert [(p["position"], p["booking"]) for p in line["results"]] == [(1, first.pk), (2, second.pk)]
    assert Entry.objects.filter(action="api.waiting_list_read").count() == 1


def test_a_scope_that_does_not_cover_the_resource_is_403(world, team):
    _token, secret = make_token(team, scopes=["events:read"])
    got = get(secret, f"/events/{world['own'].pk}/participants")
    assert got.status_code == 403 and got.json()["type"] == "/api/v1/problems/forbidden"
    _token, secret = make_token(team, scopes=["participants:read"])
    assert get(secret, "/events").status_code == 403


def test_a_scope_the_account_no_longer_may_hold_is_403(world, multiplier):
    _token, secret = make_token(multiplier, scopes=["events:read"])
    assert get(secret, "/events").status_code == 403


@pytest.mark.parametrize("how", ["none", "unknown", "expired", "revoked", "deactivated"])
def test_missing_expired_and_revoked_tokens_are_401(world, team, clock, how):
    token, secret = make_token(team, days=30)
    if how == "expired":
        clock.shift(timedelta(days=31))
    elif how == "revoked":
        assert revoke_token(actor=team, token=token)
    elif how == "deactivated":
        team.is_active = False
        team.save()
    client = Client() if how == "none" else token_client("sfi_unknown" if how == "unknown" else secret)
    got = client.get("/api/v1/team/events")
    assert got.status_code == 401
    assert got["WWW-Authenticate"] == "Bearer" and got.json()["type"] == "/api/v1/problems/unauthorized"


def test_check_in_marks_present_once(world, trainer_a):
    _token, secret = make_token(trainer_a, scopes=["checkin:write"])
    client, path = token_client(secret), f"/api/v1/team/events/{world['own'].pk}/check-ins"
    booking = world["booking"]
    first = client.post(path, {"booking": booking.pk}, content_type="application/json")
    assert first.status_code == 201 and first.json()["created"] is True
    again = client.post(path, {"booking": booking.pk}, content_type="application/json")
    assert again.status_code == 200 and again.json()["created"] is False
    assert CheckIn.objects.filter(booking=booking).count() == 1
    assert Entry.objects.filter(action="attendance.checked_in", actor=trainer_a).count() == 1
    other = client.post(
        f"/api/v1/team/events/{world['other'].pk}/check-ins", {"booking": booking.pk}, content_type="application/json"
    )
    assert other.status_code == 404
    wrong = client.post(path, {"booking": 999999}, content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["invalid_params"][0]["name"] == "booking"


def test_partners_cannot_check_in(world, partner_with_names):
    _token, secret = make_token(partner_with_names, scopes=["checkin:write"])
    got = token_client(secret).post(
        f"/api/v1/team/events/{world['other'].pk}/check-ins", {"booking": 1}, content_type="application/json"
    )
    assert got.status_code == 403


def test_rate_limit_per_token(world, team, settings):
    settings.API_RATE_PER_TOKEN = "2/m"
    _token, secret = make_token(team)
    _other, other_secret = make_token(team)
    assert [get(secret, "/events").status_code for _ in range(3)] == [200, 200, 429]
    assert get(other_secret, "/events").status_code == 200  # per token, not per account


def test_last_use_is_remembered(world, team):
    token, secret = make_token(team)
    get(secret, "/events")
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at <= timezone.now()
