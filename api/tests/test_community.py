"""Public operations for listed multipliers and board posts: only what the public pages show."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.testing import make_post
from events.testing import make_language, make_topic
from multipliers import services as multiplier_services
from multipliers.testing import make_multiplier
from network.testing import make_initiative

pytestmark = pytest.mark.django_db


def withdraw(profile):
    data = {
        "display_name": profile.display_name,
        "municipality": profile.municipality,
        "how_i_help": profile.how_i_help,
        "availability": profile.availability,
        "listed": False,
        "topics": list(profile.topics.all()),
        "languages": list(profile.languages.all()),
    }
    multiplier_services.save_profile(
        actor=profile.user, profile=profile, version=profile.version, data=data, listing_consent=None
    )


def test_listed_multipliers_near_a_place_without_addresses():
    topic, language = make_topic(), make_language("ar", "Arabisch", "Arabic")
    near = make_multiplier(name="Mira B.", place="Görlitz", topics=[topic], languages=[language], email="m@x.org")
    make_multiplier(name="Lea K.", place="Leipzig", topics=[topic])
    make_multiplier(name="Nicht gelistet", place="Görlitz", listed=False)
    got = Client().get("/api/v1/multipliers", {"near": "Görlitz", "topic": topic.slug, "language": "ar"})
    assert got.status_code == 200, got.content
    body = got.json()
    assert body["count"] == 1 and [p["display_name"] for p in body["results"]] == ["Mira B."]
    result = body["results"][0]
    assert result["distance_km"] == 0 and result["district"] == "goerlitz" and result["languages"] == ["ar"]
    assert result["url"].endswith(f"/multiplikatorinnen/{near.uuid}/")
    assert "@" not in got.content.decode() and "street" not in result
    everyone = Client().get("/api/v1/multipliers").json()
    assert [p["display_name"] for p in everyone["results"]] == ["Lea K.", "Mira B."]
    assert everyone["results"][0]["distance_km"] is None


def test_a_withdrawn_listing_is_gone_at_once_also_for_a_kept_etag():
    profile = make_multiplier(name="Mira B.")
    first = Client().get("/api/v1/multipliers")
    one = Client().get(f"/api/v1/multipliers/{profile.uuid}")
    assert first.json()["count"] == 1 and one.json()["display_name"] == "Mira B."
    assert first["Cache-Control"] == "no-cache, max-age=0"  # shared caches must ask again
    assert Client().get("/api/v1/multipliers", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    withdraw(profile)
    again = Client().get("/api/v1/multipliers", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again.json()["count"] == 0
    gone = Client().get(f"/api/v1/multipliers/{profile.uuid}", HTTP_IF_NONE_MATCH=one["ETag"])
    assert gone.status_code == 404 and gone["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [({"topic": "gibt-es-nicht"}, "topic"), ({"radius": "10"}, "radius"), ({"email": "x"}, "email")],
)
def test_bad_multiplier_filters_name_the_parameter(query, parameter):
    got = Client().get("/api/v1/multipliers", query)
    assert got.status_code == 400
    assert [p["name"] for p in got.json()["invalid_params"]] == [parameter]


def test_board_posts_filtered_like_the_page_without_the_posters_address():
    make_post(title="Dolmetscherin gesucht", place="Bautzen", email="secret@example.org")
    make_post(title="Biete Fahrten", place="Bautzen", kind="offer", category="transport")
    make_post(title="Raum in Leipzig", place="Leipzig", category="rooms")
    make_post(title="Wartet noch", place="Bautzen", status="pending")
    make_post(title="Abgelaufen", place="Bautzen", valid_until=timezone.now() - timedelta(days=1))
    got = Client().get("/api/v1/board/posts", {"near": "Bautzen", "kind": "need"})
    assert got.status_code == 200, got.content
    body = got.json()
    assert [p["title"] for p in body["results"]] == ["Dolmetscherin gesucht"] and body["count"] == 1
    assert body["results"][0]["author"] == "Sam" and "secret" not in got.content.decode()
    offers = Client().get("/api/v1/board/posts", {"category": "transport", "district": "bautzen"}).json()
    assert [p["title"] for p in offers["results"]] == ["Biete Fahrten"]
    found = Client().get("/api/v1/board/posts", {"q": "raum"}).json()
    assert [p["title"] for p in found["results"]] == ["Raum in Leipzig"]


def test_one_post_and_its_problems():
    initiative = make_initiative(name="Willkommen in Pirna")
    post = make_post(title="Paten gesucht", place="Pirna", poster="initiative", initiative=initiative)
    pending = make_post(status="pending")
    detail = Client().get(f"/api/v1/board/posts/{post.pk}").json()
    assert detail["author"] == "Willkommen in Pirna" and detail["initiative"] == initiative.slug
    assert Client().get(f"/api/v1/board/posts/{pending.pk}").status_code == 404
    bad = Client().get("/api/v1/board/posts", {"kind": "swap"})
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "kind"


@pytest.mark.parametrize(
    ("path", "build"), [("/api/v1/multipliers", make_multiplier), ("/api/v1/board/posts", make_post)]
)
def test_the_lists_need_the_same_queries_for_few_and_many(path, build):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(path).status_code == 200
        return len(captured)

    build()
    few = queries()
    for _ in range(12):
        build()
    assert queries() == few
