"""The district maps word their numbers in the right plural form: "1 Angebot", "2–3 Angebote"."""

import re

import pytest

from directory.testing import make_agency
from events.testing import make_event
from network.testing import make_initiative

pytestmark = pytest.mark.django_db


def legend(page):
    items = page.split('<ul class="legend"')[1].split("</ul>")[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items.split("<li>")[1:]]


def titles(page):
    return re.findall(r"<title>([^<]+)</title>", page.split("<svg viewBox")[1])


def test_offers_map_says_1_angebot_and_2_angebote(client):
    make_event(place="Leipzig")
    page = client.get("/karte/").content.decode()
    assert legend(page) == ["0 Angebote", "1 Angebot"]
    assert "Leipzig: 1 Angebot" in titles(page) and "Bautzen: 0 Angebote" in titles(page)

    make_event(place="Leipzig")
    make_event(place="Leipzig")
    make_event(place="Leipzig")
    make_event(place="Pirna")
    page = client.get("/karte/").content.decode()
    assert legend(page) == ["0 Angebote", "1 Angebot", "2 Angebote", "3 Angebote", "4 Angebote"]
    assert "Leipzig: 4 Angebote" in titles(page) and "Sächsische Schweiz-Osterzgebirge: 1 Angebot" in titles(page)

    page = client.get("/en/karte/").content.decode()
    assert legend(page) == ["0 offers", "1 offer", "2 offers", "3 offers", "4 offers"]


def test_ranges_take_the_plural_of_their_upper_end(client):
    for _ in range(10):
        make_event(place="Leipzig")
    assert legend(client.get("/karte/").content.decode()) == [
        "0 Angebote", "1–2 Angebote", "3–5 Angebote", "6–7 Angebote", "8–10 Angebote"
    ]  # fmt: skip


def test_initiative_and_directory_maps_too(client):
    make_initiative(place="Pirna")
    page = client.get("/initiativen/karte/").content.decode()
    assert legend(page) == ["0 Initiativen", "1 Initiative"]
    assert "Sächsische Schweiz-Osterzgebirge: 1 Initiative" in titles(page)

    make_agency(place="Pirna", area="district")
    page = client.get("/wegweiser/landkreise/").content.decode()
    assert legend(page) == ["0 Fachstellen", "1 Fachstelle"]
    assert "Sächsische Schweiz-Osterzgebirge: 1 Fachstelle" in titles(page)
