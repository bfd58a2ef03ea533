"""Contract tests: schemathesis generates requests for every operation of the generated OpenAPI
schema and checks each answer (no 5xx, status code, content type, headers and body as the schema
says). Offline: the requests go straight into the Django application (WSGI), inside the test's
database transaction."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.testing import make_token
from board.testing import make_post
from events.testing import make_event
from multipliers.testing import make_multiplier
from network.testing import make_initiative
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def wsgi_app():
    """The application as a server runs it, minus closing the database connection after each
    request (the test's transaction lives on it), as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def data(team):
    event = make_event(title="Schulung Görlitz", place="Görlitz", capacity=3)
    make_participant(event)
    make_event(title="Fachtag Leipzig", place="Leipzig")
    make_initiative(name="Willkommen in Pirna")
    make_multiplier(name="Mira B.", place="Görlitz")
    make_post(title="Dolmetschen gesucht", place="Bautzen")
    _token, secret = make_token(team, scopes=["events:read", "participants:read", "checkin:write"])
    return {"secret": secret}


def test_every_operation_keeps_the_schema(wsgi_app, data):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    # Public answers leave gzip-compressed when asked; the WSGI transport does not unpack them.
    headers = {"Authorization": f"Bearer {data['secret']}", "Accept-Encoding": "identity"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Every check but one: filters name things in the database (a district, a topic, a
            # place), which a schema cannot list, and an unknown one is a 400 naming it by design.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()
