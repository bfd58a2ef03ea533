"""HEAD is answered like GET, without a body (RFC 9110 §9.3.2): crawlers, link checkers and feed
readers use it. Every URL pattern is tried, and every page reached by links with real data."""

import pytest
from django.test import Client

from directory.testing import make_agency
from events.testing import make_event
from network.testing import make_initiative
from tests.security.crawl import all_paths, crawl
from tests.security.helpers import staff_client

pytestmark = pytest.mark.django_db


def assert_head_like_get(client, path, get_response=None):
    got = get_response or client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code, f"{path}: HEAD {head.status_code}, GET {got.status_code}"
    assert head.content == b"", path
    assert head.get("Content-Type") == got.get("Content-Type"), path
    if got.status_code in (301, 302, 303, 307, 308):
        assert head["Location"] == got["Location"], path


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_every_url_pattern_answers_head_like_get(who):
    """Sample values mostly give 404 or a redirect to the login; what matters is that the method
    check (require_safe, not require_GET) lets HEAD through wherever GET is allowed."""
    client = Client() if who == "anonymous" else staff_client("admin")
    # A sample id can make a view fail (django-otp's admin "config" view with a missing device
    # gives 500); HEAD must then fail the same way, which compares as a status too.
    client.raise_request_exception = False
    paths = sorted(set(all_paths()))
    assert len(paths) > 40  # the URLconf really was walked
    for path in paths:
        assert_head_like_get(client, path)


def test_every_page_reached_by_links_answers_head_like_get():
    make_event(title="Schulung in Pirna", place="Pirna")
    make_event(title="Fachtag Leipzig", place="Leipzig", days_ahead=-30)
    make_initiative(name="Willkommen in Pirna")
    make_agency(name="Migrationsberatung Pirna")
    starts = ["/", "/en/", "/initiativen/", "/wegweiser/?ort=Pirna", "/datenschutz/", "/quellen/", "/konto/anmelden/"]
    client, reached = Client(), 0
    for path, response, _page in crawl(client, starts, limit=150):
        assert_head_like_get(client, path, response)
        reached += response.status_code == 200
    assert reached > 20


def test_every_back_office_page_reached_by_links_answers_head_like_get():
    event = make_event(title="Schulung in Pirna", place="Pirna")
    client, reached = staff_client("admin"), 0
    starts = [
        "/team/",
        f"/team/veranstaltungen/{event.pk}/",
        "/team/datenschutz/anfragen/",
        "/team/datenschutz/verzeichnis/",
    ]
    for path, response, _page in crawl(client, starts, limit=120):
        if path.startswith("/admin/logout"):
            continue
        assert_head_like_get(client, path, response)
        reached += response.status_code == 200
    assert reached > 15
