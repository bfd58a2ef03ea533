"""Fixed query counts: the event page, participant lists and dashboard counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from events.testing import make_event
from registrations import queries, services
from registrations.tests.helpers import register

pytestmark = pytest.mark.django_db


def count_queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def fill(event, n):
    for _ in range(n):
        registration = register(event)
        services.confirm_address(registration=registration)


def test_event_page_shows_seats_left_then_waiting_list_with_a_fixed_query_count(client):
    small, big = make_event(capacity=2), make_event(capacity=2)
    fill(small, 1)
    fill(big, 30)
    small_page = client.get(small.get_absolute_url())
    assert "noch 1 Platz frei" in small_page.content.decode()
    big_page = client.get(big.get_absolute_url())
    assert "Auf die Warteliste setzen" in big_page.content.decode()
    assert count_queries(lambda: client.get(small.get_absolute_url())) == count_queries(
        lambda: client.get(big.get_absolute_url())
    )


def test_course_page_shows_places_per_module(client):
    course = make_event(kind="fortbildung", capacity=None)
    make_event(course=course, title="Modul Eins", capacity=1, days_ahead=20)
    make_event(course=course, title="Modul Zwei", capacity=3, days_ahead=30)
    fill(course, 1)
    page = client.get(course.get_absolute_url()).content.decode()
    assert "Modul Eins" in page and "ausgebucht" in page and "noch 2 Plätze frei" in page


def test_participants_and_counts_have_fixed_query_counts():
    one, many = make_event(capacity=100), make_event(capacity=100)
    fill(one, 1)
    fill(many, 50)
    register(many)  # one pending

    def read(event):
        return lambda: [(b.registration.name, b.registration.municipality) for b in queries.participants(event)]

    assert count_queries(read(one)) == count_queries(read(many)) == 1

    counted = queries.with_registration_counts(Event.objects.filter(pk__in=[one.pk, many.pk]).order_by("pk"))
    assert count_queries(lambda: list(counted)) == 1
    rows = [(e.confirmed_count, e.pending_count, e.waiting_count) for e in counted]
    assert rows == [(1, 0, 0), (50, 1, 0)]


def test_card_annotation_for_the_catalogue_counts_places_in_the_same_query():
    full = make_event(capacity=1)
    fill(full, 3)
    free = make_event(capacity=10)
    fill(free, 2)
    course = make_event(kind="fortbildung", capacity=2)
    make_event(course=course, capacity=2, days_ahead=20)
    fill(course, 1)
    events = queries.with_places(Event.objects.filter(pk__in=[full.pk, free.pk, course.pk]).order_by("pk"))
    assert count_queries(lambda: list(events)) == 1
    assert [(e.places_taken, e.places_waiting) for e in events] == [(1, 2), (2, 0), (1, 0)]
