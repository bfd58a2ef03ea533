"""HTML, feeds and calendars are compressed where no secret is in them (BREACH, docs/security.md)."""

import gzip

import pytest
from django.test import Client

from events.testing import make_event
from network.testing import make_initiative
from registrations.tests.helpers import register
from registrations.tokens import personal_token
from tests.security.crawl import crawl

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def body(response):
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


def test_public_pages_feeds_and_calendars_are_compressed():
    event = make_event(title="Schulung in Pirna")
    for path in [
        "/",
        "/veranstaltungen/",
        event.get_absolute_url(),
        "/en/veranstaltungen/",
        "/veranstaltungen/feed.atom",
    ]:
        response = Client().get(path, **GZIP)
        assert response.status_code == 200, path
        assert response["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in response["Vary"], path
        assert "Schulung in Pirna" in body(response), path
    calendar = Client().get("/veranstaltungen/kalender.ics", **GZIP)
    assert calendar["Content-Encoding"] == "gzip" and "BEGIN:VCALENDAR" in body(calendar)


def test_a_client_without_gzip_gets_the_plain_page():
    make_event(title="Schulung in Pirna")
    response = Client().get("/veranstaltungen/")
    assert not response.has_header("Content-Encoding")
    assert "Schulung in Pirna" in response.content.decode()


def test_pages_with_a_csrf_token_are_not_compressed():
    event = make_event()
    initiative = make_initiative(name="Willkommen in Pirna")
    for path in [f"/veranstaltungen/{event.slug}/anmelden/", initiative.get_absolute_url(), "/konto/anmelden/"]:
        response = Client().get(path, **GZIP)
        assert response.status_code == 200, path
        assert not response.has_header("Content-Encoding"), path
        assert "csrfmiddlewaretoken" in response.content.decode(), path


def test_the_personal_link_page_is_not_compressed():
    registration = register(make_event(), name="Erika Beispiel")
    response = Client().get(f"/anmeldung/{personal_token(registration)}/", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "Erika Beispiel" in response.content.decode()


def test_nothing_is_compressed_for_a_logged_in_team_member(client, team, login_as):
    login_as(team)
    make_event(title="Schulung in Pirna")
    for path in ["/team/", "/veranstaltungen/"]:
        response = client.get(path, **GZIP)
        assert response.status_code == 200, path
        assert not response.has_header("Content-Encoding"), path


def test_no_compressed_response_on_any_reachable_page_carries_a_token():
    make_event(title="Schulung in Pirna")
    make_initiative(name="Willkommen in Pirna")
    client, compressed = Client(), 0
    starts = ["/", "/en/", "/initiativen/", "/wegweiser/", "/datenschutz/", "/konto/anmelden/", "/anmeldung/link/"]
    for path, _plain, _page in crawl(client, starts, limit=120):
        response = client.get(path, **GZIP)
        if response.get("Content-Encoding") != "gzip":
            continue
        compressed += 1
        text = body(response)
        assert "csrfmiddlewaretoken" not in text and "csrftoken" not in response.cookies, path
    assert compressed > 10
