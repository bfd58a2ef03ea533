"""Public pages use a fixed number of SQL queries, however many offers there are: when rendered
afresh (after a change) and when answered from the public page cache (one query: the version)."""

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import PublicVersion
from events.models import Event
from events.testing import make_event, make_language, make_partner, make_target_group, make_topic

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/veranstaltungen/",
    "/veranstaltungen/?kreis=bautzen&art=schulung&q=schulung&thema=asylverfahren&zielgruppe=ehrenamtliche&sprache=de",
    "/veranstaltungen/?ort=Bautzen&umkreis=50",
    "/veranstaltungen/archiv/",
    "/veranstaltungen/kalender.ics",
    "/veranstaltungen/kalender.ics?kreis=bautzen",
    "/veranstaltungen/feed.atom",
    "/veranstaltungen/feed.atom?art=schulung",
    "/karte/",
    "/sitemap.xml",
]


def offers(count, offset=0):
    relations = {
        "topics": [make_topic()],
        "target_groups": [make_target_group()],
        "languages": [make_language()],
        "partners": [make_partner()],
    }
    for i in range(count):
        make_event(place="Bautzen", days_ahead=2 + offset + i, **relations)
        make_event(place="Bautzen", days_ahead=-2 - offset - i, status=Event.Status.HELD, **relations)


def queries(client, path, *, rendered=True):
    """Queries of one request; `rendered`: after a change, so the page is rendered, not served from the cache."""
    if rendered:
        PublicVersion.objects.filter(id=1).update(number=F("number") + 1)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", PAGES)
def test_list_pages_use_the_same_number_of_queries_for_1_and_50_offers(path):
    client = Client()
    offers(1)
    client.get(path)  # warm per-process caches (municipality index), as on a running server
    with_one = queries(client, path)
    offers(49, offset=1)
    assert queries(client, path) == with_one


CACHED_PAGES = ["/", "/veranstaltungen/", "/veranstaltungen/?kreis=bautzen&art=schulung", "/karte/"]


@pytest.mark.parametrize("path", CACHED_PAGES)
def test_cached_public_pages_cost_one_query_for_1_and_50_offers(path):
    client = Client()
    offers(1)
    client.get(path)
    assert queries(client, path, rendered=False) == 1
    offers(49, offset=1)
    client.get(path)
    assert queries(client, path, rendered=False) == 1


def test_event_page_query_count_does_not_grow_with_agenda_partners_or_topics():
    client = Client()
    small = make_event(topics=[make_topic()], partners=[make_partner()])
    client.get(small.get_absolute_url())
    with_one = queries(client, small.get_absolute_url())
    big = make_event(
        topics=[make_topic(f"t{i}", f"Thema {i}") for i in range(10)],
        partners=[make_partner(f"Partner {i}") for i in range(10)],
        languages=[make_language(f"l{i}", f"Sprache {i}") for i in range(5)],
    )
    for i in range(5):
        make_event(course=big, title=f"Modul {i}")
    assert queries(client, big.get_absolute_url()) == with_one
    assert queries(client, f"{big.get_absolute_url()}kalender.ics") <= with_one
