"""Public initiative pages: only approved entries, never the private contact address."""

import itertools
import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core.models import PublicVersion
from network.models import Initiative
from network.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_list_shows_only_approved_entries_and_never_the_contact_address(client):
    make_initiative(name="Willkommen in Pirna", contact_email="privat-pirna@example.org")
    make_initiative(name="Noch nicht geprüft", status=Initiative.Status.PROPOSED)
    make_initiative(name="Abgelehnter Eintrag", status=Initiative.Status.REJECTED)

    page = client.get("/initiativen/").content.decode()

    assert "Willkommen in Pirna" in page
    assert "1 Initiative gefunden" in page
    assert "Noch nicht geprüft" not in page
    assert "Abgelehnter Eintrag" not in page
    assert "privat-pirna@example.org" not in page
    assert "@example.org" not in page


def test_detail_shows_approved_entry_without_contact_address(client):
    initiative = make_initiative(
        name="Offene Nachbarschaft Heidenau",
        place="Heidenau",
        contact_email="vorsitz-privat@example.org",
        website="https://heidenau.example.org",
        meeting_times="jeden Mittwoch 18 Uhr",
    )

    page = client.get(initiative.get_absolute_url()).content.decode()

    assert "Offene Nachbarschaft Heidenau" in page
    assert "Heidenau, Landkreis Sächsische Schweiz-Osterzgebirge" in page
    assert "jeden Mittwoch 18 Uhr" in page
    assert "Kontakt aufnehmen" in page
    assert "vorsitz-privat@example.org" not in page
    assert "mailto:" not in page


@pytest.mark.parametrize("status", [Initiative.Status.PROPOSED, Initiative.Status.REJECTED])
def test_detail_of_unapproved_entry_is_not_found(client, status):
    initiative = make_initiative(name="Versteckt", status=status)

    response = client.get(initiative.get_absolute_url())

    assert response.status_code == 404
    assert "Versteckt" not in response.content.decode()


def test_map_counts_only_approved_entries_and_lists_their_places(client):
    make_initiative(name="A", place="Pirna", contact_email="a-privat@example.org")
    make_initiative(name="B", place="Pirna")
    make_initiative(name="C", place="Görlitz")
    make_initiative(name="D", place="Görlitz", status=Initiative.Status.PROPOSED)

    page = client.get("/initiativen/karte/").content.decode()

    assert "Pirna: 2 Initiativen" in page  # the mark's title
    assert "Görlitz: 1 Initiative" in page
    assert page.count("<circle") == 2  # one mark per place, not per initiative
    assert "?ort=Pirna" in page
    assert "GeoBasis-DE / BKG" in page
    assert "a-privat@example.org" not in page
    # The accessible table has the same numbers as the map.
    assert '<a href="/initiativen/?kreis=goerlitz">Görlitz</a></th><td class="num">1</td>' in page


def test_filters_by_district_municipality_and_focus_text(client):
    make_initiative(name="Sprachcafé Pirna", place="Pirna", focus="Deutsch lernen")
    make_initiative(name="Werkstatt Freital", place="Freital", focus="Fahrradwerkstatt")
    make_initiative(name="Garten Görlitz", place="Görlitz", focus="Gärtnern")

    by_district = client.get("/initiativen/?kreis=goerlitz").content.decode()
    by_place = client.get("/initiativen/?ort=freital").content.decode()
    by_text = client.get("/initiativen/?q=fahrrad").content.decode()
    by_umlaut = client.get("/initiativen/?q=gaertnern").content.decode()

    assert "Garten Görlitz" in by_district and "Sprachcafé Pirna" not in by_district
    assert "Werkstatt Freital" in by_place and "Garten Görlitz" not in by_place
    assert "Werkstatt Freital" in by_text and "Sprachcafé Pirna" not in by_text
    assert "Garten Görlitz" in by_umlaut


def test_unknown_municipality_suggests_close_matches(client):
    make_initiative(name="Sprachcafé Pirna", place="Pirna")

    page = client.get("/initiativen/?ort=Pirnaa").content.decode()

    assert "Wir kennen keine sächsische Gemeinde „Pirnaa“." in page
    assert "Meinten Sie:" in page and ">Pirna</a>" in page
    assert "Sprachcafé Pirna" in page  # the bad filter is dropped, not an empty page


def test_pagination_keeps_filters(client):
    for n in range(25):
        make_initiative(name=f"Initiative {n:02d}", place="Pirna")

    first = client.get("/initiativen/?kreis=saechsische-schweiz-osterzgebirge").content.decode()
    second = client.get("/initiativen/?kreis=saechsische-schweiz-osterzgebirge&seite=2").content.decode()
    bad = client.get("/initiativen/?seite=abc").content.decode()
    beyond = client.get("/initiativen/?seite=99").content.decode()

    assert "Seite 1 von 2" in first and "seite=2" in first and "kreis=saechsische-schweiz-osterzgebirge" in first
    assert "Initiative 24" in second and "Initiative 00" not in second
    assert "Initiative 00" in bad and "Die Seitenzahl war ungültig; wir zeigen die erste Seite." in bad
    assert "Initiative 24" in beyond and "Seite 99 gibt es nicht; wir zeigen Seite 2." in beyond


def test_list_in_english(client):
    make_initiative(name="Willkommen in Pirna")

    page = client.get("/en/initiativen/").content.decode()

    assert "Initiatives in Saxony" in page
    assert "1 initiative found" in page


def _queries(client, url):
    """Queries of one rendering: the public version goes up first, so the page is not served from the cache."""
    PublicVersion.objects.filter(id=1).update(number=F("number") + 1)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/initiativen/", "/initiativen/karte/", "/initiativen/?q=sprach&kreis=dresden"])
def test_query_count_does_not_grow_with_entries(client, url):
    make_initiative(name="Sprachcafé", place="Dresden")
    client.get(url)  # warm the municipality index cache
    one = _queries(client, url)
    places = ["Dresden", "Pirna", "Görlitz", "Freital", "Bautzen", "Leipzig", "Zwickau", "Plauen", "Meißen", "Riesa"]
    for n in range(49):
        make_initiative(name=f"Sprachcafé {n}", place=places[n % len(places)])
    fifty = _queries(client, url)
    assert one == fifty


def test_initiative_page_and_relay_form_in_english(client):
    initiative = make_initiative(name="Willkommen in Pirna")

    page = client.get("/en" + initiative.get_absolute_url()).content.decode()

    assert "Get in touch" in page
    assert "Your message" in page
    assert "More initiatives: Sächsische Schweiz-Osterzgebirge" in page


def test_headings_go_down_one_level_at_a_time_to_the_cards(client):
    # Screen-reader users jump by headings: the cards (h3) need an h2 above them, not just the h1.
    make_initiative(name="Willkommen in Pirna")
    body = client.get("/initiativen/").content.decode()
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", body)]
    assert levels.count(3) >= 1
    assert all(lower <= upper + 1 for upper, lower in itertools.pairwise(levels)), levels


def test_page_note_in_english(client):
    make_initiative(name="Willkommen in Pirna")

    page = client.get("/en/initiativen/?seite=abc").content.decode()

    assert "The page number was invalid; we show the first page." in page
