"""What every form sent reads is found through indexes, so its cost does not grow with the archive of
past offers and registrations (issue 18): the offer behind the form and, under the event lock, the
places and the earlier forms (`places_and_earlier`)."""

import json
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from events.testing import make_event
from multipliers.testing import make_course
from registrations.queries import places_and_earlier, public_offer
from registrations.tests.helpers import register

pytestmark = pytest.mark.django_db

INDEXES = """
SELECT i.relname, t.relname, a.attname FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
"""


def _pg_full_scans(node, tables, indexes):
    """Steps that read all of one of `tables`, or all of one of its indexes (no condition on its first
    column)."""
    if node["Node Type"] == "Seq Scan" and node["Relation Name"] in tables:
        yield f"Seq Scan on {node['Relation Name']}"
    elif node.get("Index Name") in indexes:
        table, column = indexes[node["Index Name"]]
        if table in tables and not re.search(rf"\b{column}\b[^=]*= ", node.get("Index Cond", "")):
            yield f"{node['Node Type']} using {node['Index Name']}"
    for child in node.get("Plans", ()):
        yield from _pg_full_scans(child, tables, indexes)


def _full_scans(sql, *tables):
    """The steps of the statement's plan that read every row of one of `tables` or of an index on it
    (on SQLite: of any table)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(INDEXES)
            indexes = {index: (table, column) for index, table, column in cursor.fetchall()}
            # With a handful of rows a scan is the cheapest plan; the question is whether an index can answer.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            return list(_pg_full_scans(plan[0]["Plan"], tables, indexes))
        # SQLite says SEARCH where an index's first columns answer, SCAN where it reads everything.
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return [row[-1] for row in cursor.fetchall() if row[-1].startswith("SCAN ")]


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
    assert _full_scans(sql, "events_event") == []


def test_a_course_is_read_with_its_modules_through_indexes():
    course = make_course()
    offer, sql = _offer_query(course.slug)
    assert offer == course and len(offer.modules.all()) >= 2
    assert all(module.course is offer for module in offer.modules.all())
    assert _full_scans(sql, "events_event") == []


def test_places_and_earlier_forms_are_read_through_indexes():
    """ "Confirmed a place before?" looks for the address across every offer: without
    `registration_email_idx` it read every registration of the archive, under the event lock."""
    event = make_event(title="Schulung")
    register(make_event(title="Andere Schulung", days_ahead=20), email="anna@example.org")
    with CaptureQueriesContext(connection) as captured:
        places, found = places_and_earlier([event], offer=event, email="anna@example.org", submission_key="neu")
    assert len(captured) == 1 and places[0].taken == 0 and found.existing is None
    assert _full_scans(captured[0]["sql"], "registrations_registration", "registrations_booking") == []
