"""The public operations of /api/v1/: filters, paging with counts, ETag, problem documents."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.testing import make_event
from network.testing import make_initiative
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db


def test_events_in_a_district_with_counts_and_paging():
    for n in range(3):
        make_event(title=f"Schulung Görlitz {n}", place="Görlitz")
    make_event(title="Schulung Pirna", place="Pirna")
    make_event(title="Entwurf", place="Görlitz", status="draft")
    make_event(title="Vorbei", place="Görlitz", days_ahead=-10)
    got = Client().get("/api/v1/events", {"district": "goerlitz", "per_page": 2})
    assert got.status_code == 200, got.content
    body = got.json()
    assert body["count"] == 3 and body["pages"] == 2 and len(body["results"]) == 2
    assert body["next"].endswith("page=2&per_page=2") and body["previous"] is None
    assert {e["district"] for e in body["results"]} == {"goerlitz"}
    second = Client().get(body["next"]).json()
    assert len(second["results"]) == 1 and second["previous"]


def test_seats_left_and_registration_state():
    event = make_event(title="Klein", capacity=2)
    make_participant(event)
    make_participant(event)
    detail = Client().get(f"/api/v1/events/{event.slug}").json()
    assert detail["seats_left"] == 0 and detail["registration"] == "waiting_list"
    assert detail["venue"]["municipality"] == "Pirna"
    assert "email" not in str(detail).lower() or "@" not in str(detail)


def test_near_a_place_and_text_search():
    make_event(title="Dolmetschen im Ehrenamt", place="Pirna")
    make_event(title="Dolmetschen in Leipzig", place="Leipzig")
    got = Client().get("/api/v1/events", {"near": "Heidenau", "radius": 15, "q": "dolmetschen"}).json()
    assert [e["municipality"] for e in got["results"]] == ["Pirna"]


def test_etag_gives_304_when_nothing_changed():
    make_event()
    first = Client().get("/api/v1/events")
    assert first["ETag"] and "public" in first["Cache-Control"]
    again = Client().get("/api/v1/events", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    make_event()
    assert Client().get("/api/v1/events", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"kreis": "goerlitz"}, "kreis"),  # unknown filter
        ({"district": "atlantis"}, "district"),
        ({"from": "13.01.2027"}, "from"),
        ({"per_page": "1000"}, "per_page"),
        ({"kind": "party"}, "kind"),
        ({"near": "Xyzzyville"}, "near"),
        ({"radius": "5"}, "radius"),
        ({"page": "zero"}, "page"),
    ],
)
def test_bad_input_is_a_problem_document_naming_the_parameter(query, parameter):
    got = Client().get("/api/v1/events", query)
    assert got.status_code == 400
    assert got["Content-Type"] == "application/problem+json"
    problem = got.json()
    assert problem["status"] == 400 and problem["type"] == "/api/v1/problems/invalid-parameter"
    assert [p["name"] for p in problem["invalid_params"]] == [parameter]


def test_unknown_event_is_a_404_problem():
    got = Client().get("/api/v1/events/gibt-es-nicht")
    assert got.status_code == 404 and got.json()["type"] == "/api/v1/problems/not-found"


def test_draft_events_are_not_public():
    draft = make_event(status="draft")
    assert Client().get(f"/api/v1/events/{draft.slug}").status_code == 404


def test_districts_municipalities_and_initiatives():
    assert Client().get("/api/v1/districts").json()["count"] == 13
    towns = Client().get("/api/v1/municipalities", {"district": "saechsische-schweiz-osterzgebirge", "q": "Pir"})
    assert [m["name"] for m in towns.json()["results"]] == ["Pirna"]
    make_initiative(name="Willkommen in Pirna")
    make_initiative(name="Noch nicht geprüft", status="proposed")
    names = [i["name"] for i in Client().get("/api/v1/initiatives").json()["results"]]
    assert names == ["Willkommen in Pirna"]


def test_the_event_list_needs_the_same_queries_for_few_and_many_events():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/api/v1/events").status_code == 200
        return len(captured)

    make_event(topics=[])
    few = queries()
    for _ in range(15):
        make_event()
    assert queries() == few


def test_schema_and_docs_are_served_without_a_cdn():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/team/events/{pk}/participants" in schema["paths"]
    docs = Client().get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower() and b"/static/ninja/swagger-ui-bundle" in docs.content
