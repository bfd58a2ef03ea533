"""The event lock of a registration holds only what decides or records the places (docs/performance.md,
"Registration throughput"), and the form sent costs no reads that only showing it needs."""

import secrets

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from events.testing import make_event
from mail.models import OutboxMessage
from registrations import services
from registrations.models import Booking, Registration
from registrations.tests.helpers import consent, form_data, person, register

pytestmark = pytest.mark.django_db

# Each query a registration runs while it holds the event lock, from the lock itself to the end of
# `services.register`, other apps' `registration_created` answers included. It was 18 (19 with a
# waiting list) before the mail's bookings came from the rows just written, 13 before reports wrote
# its facts with one INSERT … ON CONFLICT.
MOST_QUERIES_UNDER_THE_LOCK = 11


def _register_capturing(event, **fields):
    data = person(**fields)
    key = secrets.token_urlsafe(24)
    with CaptureQueriesContext(connection) as ctx:
        services.register(event=event, person=data, consent=consent(), submission_key=key, language="de")
    return Registration.objects.get(submission_key=key), [query["sql"] for query in ctx.captured_queries]


def _locked_section(queries):
    """The queries from the event lock (the first read of the event table) on."""
    start = next(i for i, sql in enumerate(queries) if 'FROM "events_event"' in sql)
    return [sql for sql in queries[start:] if not sql.upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_the_lock_reads_nothing_back_that_it_just_wrote():
    event = make_event(capacity=1)
    register(event)
    register(event)  # waiting, position 1
    registration, queries = _register_capturing(event)
    locked = _locked_section(queries)

    assert len(locked) <= MOST_QUERIES_UNDER_THE_LOCK, "\n".join(locked)
    # The mail's bookings, their events, venues and the contact are the rows just written and locked,
    # not read again (bookings_with_positions, waiting_positions, a lazy contact).
    assert not [sql for sql in locked if 'FROM "registrations_booking" INNER JOIN "events_event"' in sql]
    assert not [sql for sql in locked if "COUNT(" in sql and '"id" <=' in sql]
    assert not [sql for sql in locked if 'FROM "events_contact"' in sql]
    # One read decides "this form again?" and "this address again?".
    assert len([sql for sql in locked if 'FROM "registrations_registration"' in sql and "submission_key" in sql]) == 1
    assert registration.bookings.get().status == Booking.Status.WAITING


def test_no_mail_is_rendered_under_the_lock_and_it_is_rendered_at_the_commit(django_capture_on_commit_callbacks):
    event = make_event(capacity=5)
    rendered = []

    def note(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(note)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            registration, _queries = _register_capturing(event, email="jetzt@example.org")
            under_the_lock = list(rendered)
            (row,) = OutboxMessage.objects.filter(to="jetzt@example.org")
            assert (row.rendered, row.text) == (False, "")  # written in the transaction, unrendered
        for callback in callbacks:  # the commit
            callback()
    finally:
        template_rendered.disconnect(note)
    assert under_the_lock == []
    assert "registrations/mail/confirm_address.txt" in rendered
    row.refresh_from_db()
    assert row.rendered and "Platz reserviert" in row.text and registration.name in row.text


def test_the_mail_shows_the_positions_the_lock_decided(django_capture_on_commit_callbacks):
    course = make_event(kind="fortbildung", capacity=None)
    full = make_event(course=course, title="Modul Voll", capacity=1, days_ahead=20)
    make_event(course=course, title="Modul Frei", capacity=5, days_ahead=30)
    register(course)  # takes the only place in "Modul Voll"
    register(course)  # first on its waiting list
    with django_capture_on_commit_callbacks(execute=True):
        registration, _queries = _register_capturing(course, email="dritte@example.org")

    statuses = {b.event.title: b.status for b in registration.bookings.select_related("event")}
    assert statuses == {"Modul Voll": Booking.Status.WAITING, "Modul Frei": Booking.Status.HELD}
    mail = OutboxMessage.objects.get(to="dritte@example.org", template="registrations/mail/confirm_address")
    lines = mail.text.splitlines()
    assert lines.index("- Modul Voll") < lines.index("- Modul Frei")  # by start, as bookings_with_positions
    assert "Warteliste, Platz 2" in mail.text and "Platz reserviert" in mail.text
    assert "Warteliste, Platz 2" in mail.html
    assert Booking.objects.filter(event=full, status=Booking.Status.WAITING).count() == 2


def test_the_same_form_again_changes_nothing_and_the_same_address_again_gets_its_link():
    event = make_event(capacity=1)
    data = person(email="wieder@example.org")
    key = secrets.token_urlsafe(24)
    for submission_key in (key, key, secrets.token_urlsafe(24)):  # the form, resent, then a second form
        services.register(event=event, person=data, consent=consent(), submission_key=submission_key, language="de")
    assert list(Registration.objects.filter(email="wieder@example.org").values_list("submission_key", flat=True)) == [
        key
    ]
    templates = OutboxMessage.objects.filter(to="wieder@example.org").values_list("template", flat=True)
    assert sorted(templates) == ["registrations/mail/already_registered", "registrations/mail/confirm_address"]


def test_the_form_sent_counts_places_once_and_reads_the_privacy_notice_once(client, open_form):
    event = make_event(capacity=3)
    data = {**form_data(), **open_form(event)}
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", data)
    assert response.status_code == 302
    queries = [query["sql"] for query in ctx.captured_queries]
    # The places are counted under the lock only; showing the form is what needs them otherwise.
    assert len([sql for sql in queries if 'AS "taken"' in sql]) == 1
    # The form carries the notice version it showed; only checking it reads the notice table.
    assert len([sql for sql in queries if 'FROM "privacy_privacynotice"' in sql]) == 1


def test_a_form_shown_again_with_errors_still_shows_the_places(client, open_form):
    event = make_event(capacity=3)
    register(event)
    data = {**form_data(), **open_form(event), "name": ""}
    response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", data)
    assert response.status_code == 200
    assert "noch 2 Plätze frei" in response.content.decode()
