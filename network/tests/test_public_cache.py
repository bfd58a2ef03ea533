"""The initiatives list and map come from the public page cache until an initiative changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from network.models import Initiative
from network.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_a_renamed_initiative_shows_on_the_next_request():
    initiative = make_initiative(name="Willkommen in Pirna")
    client = Client()
    assert "Willkommen in Pirna" in client.get("/initiativen/").content.decode()
    Initiative.objects.filter(pk=initiative.pk).update(name="Pirna hilft")
    body = client.get("/initiativen/").content.decode()
    assert "Pirna hilft" in body
    assert "Willkommen in Pirna" not in body


def test_an_initiative_approved_shows_on_the_map_at_the_next_request():
    proposed = make_initiative(place="Görlitz", status=Initiative.Status.PROPOSED)
    client = Client()
    before = client.get("/initiativen/karte/").content.decode().count(">Görlitz</a>")  # the district's row
    Initiative.objects.filter(pk=proposed.pk).update(status=Initiative.Status.APPROVED)
    assert client.get("/initiativen/karte/").content.decode().count(">Görlitz</a>") == before + 1  # and the town


@pytest.mark.parametrize("path", ["/initiativen/", "/initiativen/karte/"])
def test_a_cached_initiatives_page_costs_one_query_for_1_and_30_initiatives(path):
    client = Client()
    make_initiative()
    client.get(path)
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for n in range(29):
        make_initiative(name=f"Initiative {n}")
    client.get(path)
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    assert len(one) == len(many) == 1
