"""List pages keep a fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.testing import make_user
from audit.services import record
from events.testing import make_event, make_venue

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def make_events(n, venue):
    for i in range(n):
        event = make_event(title=f"Schulung {i}", venue=venue, days_ahead=3 + i % 40)
        event.trainers.add(make_user("trainer"))


@pytest.mark.parametrize("url", ["/team/", "/team/veranstaltungen/"])
def test_back_office_lists_have_a_fixed_query_count(client, url, team, login_as):
    venue = make_venue("Pirna")
    make_events(1, venue)
    login_as(team)
    small, _ = count_queries(client, url)
    make_events(49, venue)
    large, html = count_queries(client, url)
    # The list shows all 50; the dashboard shows the next ones, which include the second batch.
    assert ("Schulung 48" if url == "/team/veranstaltungen/" else "Schulung 1") in html
    assert small == large


def test_trainer_list_has_a_fixed_query_count(client, trainer_a, login_as):
    trainer = trainer_a
    venue = make_venue("Pirna")
    make_event(venue=venue).trainers.add(trainer)
    login_as(trainer)
    small, _ = count_queries(client, "/team/veranstaltungen/")
    for _ in range(49):
        make_event(venue=venue).trainers.add(trainer)
    large, html = count_queries(client, "/team/veranstaltungen/")
    assert "50 Veranstaltungen" in html
    assert small == large


def test_audit_log_has_a_fixed_query_count(client, admin, login_as):
    login_as(admin)
    event = make_event()
    record(actor=admin, action="event.changed", target=event)
    small, _ = count_queries(client, "/team/protokoll/")
    for _ in range(49):
        record(actor=make_user("team"), action="event.changed", target=event)
    large, html = count_queries(client, "/team/protokoll/")
    assert "50 Einträge" in html
    assert small == large
