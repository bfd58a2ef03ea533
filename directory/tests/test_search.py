from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.queries import matching_services, search_services, serving_municipality
from directory.testing import make_agency
from regions.models import District
from regions.queries import find_place

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
BERLIN = ZoneInfo("Europe/Berlin")
# A Tuesday in term time, 10:30 in Dresden.
TUESDAY_MORNING = datetime(2026, 3, 3, 10, 30, tzinfo=BERLIN)


def names(response):
    return [hit.service.name for hit in response.context["result"].hits]


def search(*, place, topic=None, language="", now=TUESDAY_MORNING):
    from directory.models import TaxonomyTerm

    origin = find_place(place).place
    term = TaxonomyTerm.objects.get(code=topic) if topic else None
    services = matching_services(area_filter=serving_municipality(origin), topic=term, language=language)
    return search_services(services=services, origin=origin, now=now)


def test_search_by_municipality_topic_and_language(client):
    make_agency(name="Asylberatung Pirna", place="Pirna", topics=["asylverfahrensberatung"], languages=["de", "ar"])
    make_agency(name="Asylberatung nur Deutsch", place="Pirna", topics=["asylverfahrensberatung"], languages=["de"])
    make_agency(name="Sprachkurs Pirna", place="Pirna", topics=["sprachkurse"], languages=["ar"])
    make_agency(name="Asylberatung Görlitz", place="Görlitz", topics=["asylverfahrensberatung"], languages=["ar"])

    response = client.get("/wegweiser/", {"ort": "Freital", "thema": "asylverfahrensberatung", "sprache": "ar"})

    assert names(response) == ["Asylberatung Pirna"]
    page = response.content.decode()
    assert "1 Angebot für Freital" in page
    assert "Asylberatung Görlitz" not in page


def test_nearest_first():
    # All three serve all of Saxony; Freital lies next to Dresden, far from Plauen and Görlitz.
    make_agency(name="In Plauen", place="Plauen", area="statewide")
    make_agency(name="In Dresden", place="Dresden", area="statewide")
    make_agency(name="In Görlitz", place="Görlitz", area="statewide")

    result = search(place="Freital", topic="asylverfahrensberatung")

    assert [hit.service.name for hit in result.hits] == ["In Dresden", "In Görlitz", "In Plauen"]
    distances = [hit.distance_km for hit in result.hits]
    assert distances == sorted(distances) and distances[0] < 20


def test_service_areas_statewide_district_and_municipality():
    sso = District.objects.get(short_name="Sächsische Schweiz-Osterzgebirge")
    make_agency(name="Landesweit", place="Leipzig", area="statewide")
    make_agency(name="Für den Landkreis", place="Pirna", area=sso)
    make_agency(name="Nur für Freital", place="Freital", area="municipality")
    make_agency(name="Nur für Pirna", place="Pirna", area="municipality")
    make_agency(name="Anderer Landkreis", place="Bautzen", area="district")

    in_freital = {hit.service.name for hit in search(place="Freital", topic="asylverfahrensberatung").hits}
    in_bautzen = {hit.service.name for hit in search(place="Bautzen", topic="asylverfahrensberatung").hits}

    assert in_freital == {"Landesweit", "Für den Landkreis", "Nur für Freital"}
    assert in_bautzen == {"Landesweit", "Anderer Landkreis"}


def test_inactive_services_are_not_found():
    make_agency(name="Geschlossen", place="Pirna", status="defunct")
    assert search(place="Pirna").hits == []


def test_open_now_uses_the_explicit_clock_in_berlin_time():
    make_agency(name="Vormittags", place="Pirna", hours=[("TU,TH", "09:00", "12:00")])
    make_agency(name="Nachmittags", place="Pirna", hours=[("TU", "13:00", "16:00")], lat_offset=0.01)
    make_agency(name="Ohne Zeiten", place="Pirna", hours=[], lat_offset=0.02)

    morning = {hit.service.name: hit.open_now for hit in search(place="Pirna", now=TUESDAY_MORNING).hits}
    # 14:00 in Berlin is 12:00 UTC in summer: the comparison must happen in local time.
    afternoon_utc = datetime(2026, 7, 7, 12, 0, tzinfo=ZoneInfo("UTC"))
    afternoon = {hit.service.name: hit.open_now for hit in search(place="Pirna", now=afternoon_utc).hits}

    assert morning == {"Vormittags": True, "Nachmittags": False, "Ohne Zeiten": None}
    assert afternoon == {"Vormittags": False, "Nachmittags": True, "Ohne Zeiten": None}


def test_results_page_shows_open_badge_distance_and_phone(client):
    service = make_agency(name="Beratung Freital", place="Freital", hours=[("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")])
    page = client.get("/wegweiser/", {"ort": "Freital"}).content.decode()
    assert "Beratung Freital" in page
    assert "Jetzt geöffnet" in page
    assert "ca. 0 km entfernt" in page
    assert service.phones.first().number in page


def test_unknown_municipality_suggests_close_matches(client):
    make_agency(place="Freital")
    response = client.get("/wegweiser/", {"ort": "Freitall", "thema": "asylverfahrensberatung"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wir kennen keine sächsische Gemeinde „Freitall“." in page
    assert "Meinten Sie:" in page
    assert "ort=Freital" in page
    assert response.context["result"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "gibt-es-nicht"},
        {"sprache": "xx", "ort": "Pirna"},
        {"kreis": "atlantis"},
        {"ort": "Pirna", "seite": "abc"},
        {"ort": "Pirna", "seite": "-5"},
        {"ort": "Pirna", "seite": "99999999999999999999"},
        {"ort": "x" * 5000},
        {"ort": "\x00"},
        {"ort": "Pirna", "thema": ["a", "b"]},
    ],
)
def test_bad_filter_values_never_fail(client, params):
    make_agency(place="Pirna")
    response = client.get("/wegweiser/", params)
    assert response.status_code == 200
    assert "Wer hilft hier?" in response.content.decode()


def test_invalid_topic_is_dropped_with_a_note(client):
    make_agency(name="Beratung Pirna", place="Pirna")
    page = client.get("/wegweiser/", {"ort": "Pirna", "thema": "gibt-es-nicht"}).content.decode()
    assert "hatte einen ungültigen Wert und wurde nicht angewendet" in page
    assert "Beratung Pirna" in page


def test_district_filter_without_municipality(client):
    make_agency(name="Im Vogtland", place="Plauen", area="district")
    make_agency(name="In Bautzen", place="Bautzen", area="district")
    response = client.get("/wegweiser/", {"kreis": District.objects.get(short_name="Vogtlandkreis").slug})
    assert names(response) == ["Im Vogtland"]


def test_search_page_in_english(client):
    make_agency(name="Beratung Freital", place="Freital")
    page = client.get("/en/wegweiser/", {"ort": "Freital"}).content.decode()
    assert "Who can help here?" in page
    assert "1 service for Freital" in page
    assert "Asylum procedure counselling" in page or "Beratung Freital" in page


def _search_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/wegweiser/", {"ort": "Freital", "thema": "asylverfahrensberatung"})
    assert response.status_code == 200
    return len(queries), len(response.context["result"].hits)


def test_search_query_count_is_fixed(client):
    make_agency(place="Freital")
    _search_queries(client)  # warm the municipality index cache, as in production
    one, shown_one = _search_queries(client)
    for n in range(49):
        make_agency(place="Dresden" if n % 2 else "Pirna", languages=["de", "ar"], hours=[("MO", "09:00", "10:00")] * 2)
    fifty, shown_fifty = _search_queries(client)
    assert (shown_one, shown_fifty) == (1, 20)
    assert one == fifty


def test_district_overview_counts_and_query_count(client):
    make_agency(place="Leipzig", area="statewide")
    client.get("/wegweiser/landkreise/")
    with CaptureQueriesContext(connection) as few:
        client.get("/wegweiser/landkreise/")
    for _ in range(49):
        make_agency(place="Bautzen", area="district")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/wegweiser/landkreise/")
    counts = {district.short_name: count for district, count, _ in response.context["map"]["districts"]}
    assert counts["Bautzen"] == 50 and counts["Leipzig"] == 1
    assert len(few) == len(many)


def test_service_page_query_count_does_not_grow_with_its_details(client):
    """The service page makes the same number of queries for a service with 1 or with 50
    opening-hour lines, languages and places served, and whatever else is in the directory."""
    small = make_agency(place="Freital", languages=["de"], hours=[("MO", "09:00", "12:00")])
    client.get(f"/wegweiser/angebote/{small.pk}/")
    with CaptureQueriesContext(connection) as one:
        body = client.get(f"/wegweiser/angebote/{small.pk}/").content.decode()
    assert small.name in body
    big = make_agency(
        place="Pirna",
        languages=[f"l{n}" for n in range(50)],
        hours=[("MO,TU,WE,TH,FR", f"{8 + n % 8:02d}:00", "17:00") for n in range(50)],
    )
    for _ in range(49):
        make_agency(place="Dresden")
    with CaptureQueriesContext(connection) as fifty:
        body = client.get(f"/wegweiser/angebote/{big.pk}/").content.decode()
    assert big.name in body
    assert len(one) == len(fifty)


def test_a_bad_page_number_shows_a_page_with_a_note(client):
    for _ in range(25):
        make_agency(place="Freital")
    params = {"ort": "Freital", "thema": "asylverfahrensberatung"}
    too_far = client.get("/wegweiser/", {**params, "seite": "99"})
    assert too_far.context["result"].page.number == 2
    assert "Seite 99 gibt es nicht; wir zeigen Seite 2." in too_far.content.decode()
    garbled = client.get("/wegweiser/", {**params, "seite": "zwei"}).content.decode()
    assert "Die Seitenzahl war ungültig; wir zeigen die erste Seite." in garbled
    fine = client.get("/wegweiser/", {**params, "seite": "2"}).content.decode()
    assert "gibt es nicht" not in fine and "Seite 2 von 2" in fine
