"""The offer behind a registration form (read for the form and for every form sent) is found through
indexes, so its cost does not grow with the archive of past offers (issue 18)."""

import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from events.testing import make_event
from multipliers.testing import make_course
from registrations.queries import public_offer

pytestmark = pytest.mark.django_db

FULL_SCANS = {"Seq Scan", "Index Scan", "Index Only Scan"}  # an index scan without a condition reads all


def _pg_full_scans(node):
    offers = node.get("Relation Name") == "events_event"
    if offers and node["Node Type"] in FULL_SCANS and "Index Cond" not in node:
        yield node["Node Type"]
    for child in node.get("Plans", ()):
        yield from _pg_full_scans(child)


def _full_scans_of_offers(sql):
    """The plan's steps that read every row of events_event."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # With a handful of rows a scan is the cheapest plan; the question is whether an index can answer.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            return list(_pg_full_scans(plan[0]["Plan"]))
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return [row[-1] for row in cursor.fetchall() if row[-1].startswith("SCAN events_event")]


def _offer_query(slug):
    with CaptureQueriesContext(connection) as captured:
        offer = public_offer(slug)
    assert len(captured) == 1
    return offer, captured[0]["sql"]


def test_an_offer_is_read_through_indexes_not_by_scanning_the_archive():
    for n in range(5):
        make_event(title=f"Vergangen {n}", days_ahead=-30 - n)
    event = make_event(title="Schulung")
    offer, sql = _offer_query(event.slug)
    assert offer == event
    assert _full_scans_of_offers(sql) == []


def test_a_course_is_read_with_its_modules_through_indexes():
    course = make_course()
    offer, sql = _offer_query(course.slug)
    assert offer == course and len(offer.modules.all()) >= 2
    assert all(module.course is offer for module in offer.modules.all())
    assert _full_scans_of_offers(sql) == []
