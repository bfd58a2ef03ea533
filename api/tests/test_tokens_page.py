"""The tokens page: every back-office account manages its own tokens, nobody else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import ApiToken
from api.testing import make_token
from audit.models import Entry

pytestmark = pytest.mark.django_db

LIST = "/team/api-tokens/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("team", 200),
        ("trainer_a", 200),
        ("partner_with_names", 200),
        ("partner_without_names", 200),
        ("multiplier", 403),
    ],
)
def test_who_reaches_the_tokens_page(client, login_as, persona, status, request):
    login_as(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == status


def test_scopes_offered_follow_the_role(client, login_as, partner_without_names):
    login_as(partner_without_names)
    page = client.get("/team/api-tokens/neu/").content.decode()
    assert "events:read" in page and "participants:read" in page and "checkin:write" not in page


def test_creating_shows_the_secret_once_and_stores_its_hash(client, login_as, trainer_a):
    login_as(trainer_a)
    got = client.post("/team/api-tokens/neu/", {"name": "Kalender", "scopes": ["events:read"], "days": "30"})
    assert got.status_code == 200 and got["Cache-Control"].count("no-store")
    token = ApiToken.objects.get()
    secret = got.context["secret"]
    assert secret in got.content.decode() and token.token_hash != secret
    assert secret not in client.get(LIST).content.decode()
    assert Entry.objects.filter(action="api_token.created", actor=trainer_a).exists()


def test_a_scope_beyond_the_role_is_refused(client, login_as, partner_without_names):
    login_as(partner_without_names)
    got = client.post("/team/api-tokens/neu/", {"name": "X", "scopes": ["checkin:write"], "days": "30"})
    assert got.status_code == 200 and "scopes" in got.context["form"].errors
    assert not ApiToken.objects.exists()


def test_revoking_someone_elses_token_is_404(client, login_as, team, trainer_a):
    token, _secret = make_token(team)
    login_as(trainer_a)
    assert client.post(f"/team/api-tokens/{token.pk}/widerrufen/").status_code == 404
    login_as(team)
    assert client.post(f"/team/api-tokens/{token.pk}/widerrufen/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_list_needs_the_same_queries_for_few_and_many_tokens(client, login_as, team):
    login_as(team)
    make_token(team)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(10):
        make_token(team)
    assert queries() == few
