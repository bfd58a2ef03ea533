"""GET /api/v1/team/reports: the report's figures with a `reports:read` token, bad input as problems."""

from datetime import date

import pytest

from api.testing import make_token, token_client
from events.models import Event
from registrations.testing import register
from reports.testing import event_on, mark

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

URL = "/api/v1/team/reports"
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}


def held(day, people, **fields):
    event = event_on(day, **fields)
    for _n in range(people):
        register(event, attended=True)
    return mark(event, Event.Status.HELD)


def test_the_figures_of_the_report_page_with_definitions(team):
    held(date(2026, 3, 1), 3, place="Pirna")
    held(date(2026, 4, 1), 2, place="Görlitz")
    _token, secret = make_token(team, scopes=["reports:read"])
    response = token_client(secret).get(URL, {**YEAR, "district": "goerlitz"})
    body = response.json()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    figures = {f["key"]: f for f in body["figures"]}
    assert figures["people"]["value"] == 2 and figures["offers_held"]["value"] == 1
    assert figures["people"]["definition"].startswith("Verschiedene Personen")
    assert (body["start"], body["end"], body["districts"]) == ("2026-01-01", "2026-12-31", ["goerlitz"])
    by_month = next(t for t in body["tables"] if t["key"] == "by_month")
    assert by_month["rows"][3] == {"key": "2026-04", "label": "2026-04", "values": [1, 2]}
    assert "@" not in response.content.decode()


def test_a_partner_token_sees_its_co_hosted_events(partner_without_names):
    from events.models import Partner

    hosted = held(date(2026, 3, 1), 3)
    hosted.partners.add(Partner.objects.get(pk=partner_without_names.partner_organisation_id))
    held(date(2026, 4, 1), 2)
    _token, secret = make_token(partner_without_names, scopes=["reports:read"])
    figures = {f["key"]: f["value"] for f in token_client(secret).get(URL, YEAR).json()["figures"]}
    assert figures["people"] == 3 and "consultations" not in figures


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"from": "2026-12-31", "to": "2026-01-01"}, "to"),
        ({**YEAR, "district": "atlantis"}, "district"),
        ({**YEAR, "kind": "party"}, "kind"),
        ({"from": "2026-01-01"}, "to"),
        ({**YEAR, "seite": "2"}, "seite"),
    ],
)
def test_bad_input_is_a_problem_naming_the_parameter(team, query, name):
    _token, secret = make_token(team, scopes=["reports:read"])
    response = token_client(secret).get(URL, query)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    params = response.json()["invalid_params"]
    assert name in [param["name"] for param in params]


def test_the_scope_is_needed_and_only_for_report_readers(team, trainer_a):
    _token, secret = make_token(team, scopes=["events:read"])
    assert token_client(secret).get(URL, YEAR).status_code == 403
    _token, secret = make_token(trainer_a, scopes=["reports:read"])  # a trainer reads no reports
    assert token_client(secret).get(URL, YEAR).status_code == 403
