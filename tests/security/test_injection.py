"""SQL-injection strings in every search and filter parameter return normal pages, find
nothing they should not, and leave the data alone."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accounts.testing import login_with_second_factor, make_user
from directory.testing import make_agency
from events.models import Event
from events.testing import make_event
from network.testing import make_initiative

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "1; DROP TABLE events_event; --",
    "%' UNION SELECT email, password FROM accounts_user --",
    '" OR ""="',
    "\\'; SELECT pg_sleep(5); --",
    "Pirna\x00' OR 1=1",
    "ä" * 5000,
]
PUBLIC_LISTS = {
    "/veranstaltungen/": [
        "q",
        "kreis",
        "ort",
        "umkreis",
        "von",
        "bis",
        "art",
        "thema",
        "zielgruppe",
        "sprache",
        "seite",
    ],
    "/veranstaltungen/archiv/": ["q", "kreis", "ort", "umkreis", "seite"],
    "/veranstaltungen/kalender.ics": ["q", "kreis", "art"],
    "/veranstaltungen/feed.atom": ["q", "kreis", "art"],
    "/wegweiser/": ["ort", "kreis", "thema", "sprache", "seite"],
    "/initiativen/": ["q", "kreis", "ort", "seite"],
}


@pytest.fixture
def data():
    make_event(title="Schulung in Pirna", place="Pirna")
    make_initiative(name="Initiative in Pirna")
    make_agency(name="Beratung in Pirna")
    return Event.objects.count()


def test_public_search_and_filters_survive_injection_strings(data):
    client = Client()
    for url, params in PUBLIC_LISTS.items():
        for param in params:
            for payload in PAYLOADS:
                response = client.get(url, {param: payload})
                assert response.status_code == 200, f"{url}?{param}={payload[:30]!r}: {response.status_code}"
                body = response.content.decode()
                assert "Traceback" not in body and "syntax error" not in body.lower()
    assert Event.objects.count() == data


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_an_injection_in_the_search_box_finds_nothing_instead_of_everything(data, payload):
    body = Client().get("/veranstaltungen/", {"q": payload}).content.decode()
    assert "Schulung in Pirna" not in body
    assert "Schulung in Pirna" in Client().get("/veranstaltungen/", {"q": "Pirna"}).content.decode()


def test_staff_filters_survive_injection_strings(data):
    client = Client()
    login_with_second_factor(client, make_user("admin", is_staff=True, is_superuser=True))
    urls = {"/team/protokoll/": ["aktion", "konto", "von", "bis", "seite"], "/team/veranstaltungen/": ["q", "status"]}
    for model in admin.site._registry:  # every admin list: search box, ordering, page
        urls[reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")] = ["q", "o", "p"]
    for url, params in urls.items():
        for param in params:
            for payload in PAYLOADS[:5]:
                response = client.get(url, {param: payload})
                assert response.status_code in {200, 302}, f"{url}?{param}={payload!r}: {response.status_code}"
                assert "Traceback" not in response.content.decode()
    assert Event.objects.count() == data
