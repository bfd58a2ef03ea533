"""The event lock of a registration holds only what decides or records the places (docs/performance.md,
"Registration throughput"), and the form sent costs no reads that only showing it needs."""

import secrets

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from core.registry import announce
from events.testing import make_event
from mail.models import OutboxMessage
from mail.testing import deliver_outbox
from registrations import services
from registrations.models import Booking, Registration
from registrations.queries import public_offer
from registrations.tests.helpers import consent, form_data, person, register

pytestmark = pytest.mark.django_db

# Each query a registration runs while it holds the event lock, from the lock itself to the end of
# `services.register`, other apps' `registration_created` answers included. It was 18 (19 with a
# waiting list) before the mail's bookings came from the rows just written, 13 before reports wrote
# its facts with one INSERT … ON CONFLICT, 11 before `registration_created` passed the bookings just
# written (reports read them back for "waited") and `register` ran without a savepoint of its own, 7
# before the places and the earlier forms came in one statement (`places_and_earlier`).
MOST_QUERIES_UNDER_THE_LOCK = 6
# Every statement of the form sent for a plain event, savepoints and the commit's work included
# (bench/profile_register.py lists them). It was 23 before the offer came in one query with its
# modules, the form token was recorded with one INSERT … ON CONFLICT and the lock's own savepoint went;
# 16 before the worker rendered the confirmation mail (one UPDATE after the commit), the token's use was
# checked only by recording it, an offer without questions or programme read neither, and "confirmed
# before?" joined the places and the earlier forms.
MOST_STATEMENTS_PER_FORM_SENT = 10


def _register_capturing(event, **fields):
    data = person(**fields)
    key = secrets.token_urlsafe(24)
    # As the view has them: the offer with its modules, and the form built (other apps' fields read
    # what they need, e.g. the conference, which their answers to `registration_created` use again).
    offer = public_offer(event.slug)
    announce("registration_form_fields", event=offer)
    with CaptureQueriesContext(connection) as ctx:
        services.register(event=offer, person=data, consent=consent(), submission_key=key, language="de")
    return Registration.objects.get(submission_key=key), [query["sql"] for query in ctx.captured_queries]


def _locked_section(queries):
    """The queries from the event lock (the first read of the event table) on."""
    start = next(i for i, sql in enumerate(queries) if 'FROM "events_event"' in sql)
    return queries[start:]


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
    # One read decides "this form again?", "this address again?" and "confirmed before?", with the places.
    earlier = [sql for sql in locked if 'FROM "registrations_registration"' in sql and "submission_key" in sql]
    assert len(earlier) == 1 and 'AS "taken"' in earlier[0] and 'AS "confirmed_before"' in earlier[0]
    assert registration.bookings.get().status == Booking.Status.WAITING


def test_the_registration_renders_no_mail_and_the_worker_renders_it_from_the_rows(
    django_capture_on_commit_callbacks, smtp_server
):
    event = make_event(capacity=5)
    rendered = []

    def note(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(note)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            registration, _queries = _register_capturing(event, email="jetzt@example.org")
        in_the_request = list(rendered)
        (row,) = OutboxMessage.objects.filter(to="jetzt@example.org")
        assert (row.rendered, row.text) == (False, "")  # written in the transaction, unrendered
        deliver_outbox()  # the worker
    finally:
        template_rendered.disconnect(note)
    assert in_the_request == []
    assert "registrations/mail/confirm_address.txt" in rendered
    (mail,) = smtp_server.messages_to("jetzt@example.org")
    assert "Platz reserviert" in mail.text and registration.name in mail.text


def test_the_mail_shows_the_positions_the_lock_decided(django_capture_on_commit_callbacks, smtp_server):
    course = make_event(kind="fortbildung", capacity=None)
    full = make_event(course=course, title="Modul Voll", capacity=1, days_ahead=20)
    make_event(course=course, title="Modul Frei", capacity=5, days_ahead=30)
    register(course)  # takes the only place in "Modul Voll"
    register(course)  # first on its waiting list
    with django_capture_on_commit_callbacks(execute=True):
        registration, _queries = _register_capturing(course, email="dritte@example.org")
    deliver_outbox()

    statuses = {b.event.title: b.status for b in registration.bookings.select_related("event")}
    assert statuses == {"Modul Voll": Booking.Status.WAITING, "Modul Frei": Booking.Status.HELD}
    (mail,) = smtp_server.messages_to("dritte@example.org")
    lines = mail.text.splitlines()
    assert lines.index("- Modul Voll") < lines.index("- Modul Frei")  # by start
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
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", data)
    assert response.status_code == 200
    assert "noch 2 Plätze frei" in response.content.decode()
    # The form sent read the offer without its place; shown again, the page reads it with it.
    assert f"{event.venue.municipality.name}</p>" in response.content.decode()
    offer_reads = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "events_event"."id"')]
    assert ['"events_venue"' in sql for sql in offer_reads] == [False, True]


def test_the_form_sent_runs_few_statements(client, open_form, django_capture_on_commit_callbacks):
    event = make_event(capacity=3)
    data = {**form_data(), **open_form(event)}
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/veranstaltungen/{event.slug}/anmelden/", data)
    assert response.status_code == 302
    queries = [query["sql"] for query in ctx.captured_queries]
    # The form's transaction is a savepoint here only because the test runs in one (in production:
    # BEGIN and COMMIT, which are not statements of their own); the registration opens none inside it.
    savepoints = [sql for sql in queries if sql.upper().startswith("SAVEPOINT")]
    assert len(savepoints) == 1
    statements = [sql for sql in queries if not sql.upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(statements) <= MOST_STATEMENTS_PER_FORM_SENT, "\n".join(statements)
    # The offer and its modules in one read; the event again only under the lock (the lock, then its
    # places with the earlier forms).
    assert len([sql for sql in queries if 'FROM "events_event"' in sql]) == 3
    # Without what only the page shows: the place, the long texts (the worker writes the mails).
    offer_read = next(sql for sql in queries if 'FROM "events_event"' in sql)
    assert '"events_venue"' not in offer_read and '"description"' not in offer_read
    assert not [sql for sql in queries if sql.startswith('SELECT "registrations_question"')]  # it has none
    assert not [sql for sql in queries if sql.startswith('SELECT "conferences_conference"')]  # no Fachkonferenz
    assert not [sql for sql in queries if 'FROM "core_usedformtoken"' in sql]  # recorded, not read
    assert not [sql for sql in queries if sql.startswith('UPDATE "mail_outboxmessage"')]  # the worker renders


def test_the_offer_comes_with_its_modules_in_one_read():
    from registrations.queries import bookable_events

    course = make_event(kind="fortbildung", capacity=None)
    later = make_event(course=course, title="Modul 2", capacity=5, days_ahead=30)
    sooner = make_event(course=course, title="Modul 1", capacity=5, days_ahead=20)
    make_event(title="Anderes Angebot")
    with CaptureQueriesContext(connection) as ctx:
        offer = public_offer(course.slug)
        modules = bookable_events(offer)
        shown = [(m.title, m.venue.municipality.name, m.course.pk) for m in modules]
    assert len(ctx.captured_queries) == 1
    assert offer.pk == course.pk and [m.pk for m in modules] == [sooner.pk, later.pk]
    assert [title for title, _place, _course in shown] == ["Modul 1", "Modul 2"]
    assert public_offer(later.slug).course_id == course.pk  # a module's own page (the view redirects)
    assert public_offer("gibt-es-nicht") is None


def test_a_draft_is_no_public_offer(client):
    from events.models import Event

    draft = make_event(status=Event.Status.DRAFT)
    assert public_offer(draft.slug) is None
    assert client.get(f"/veranstaltungen/{draft.slug}/anmelden/").status_code == 404


def test_a_closed_offer_leaves_the_callers_transaction_usable():
    """`register` has no savepoint of its own; "closed" is raised after its block, so a caller that
    catches it (the team's phone registration shows the reason) can go on in its transaction."""
    from django.db import transaction

    event = make_event(capacity=5, days_ahead=-1)
    with transaction.atomic():
        with pytest.raises(services.RegistrationClosed):
            services.register(event=event, person=person(), consent=consent(), submission_key="k" * 20, language="de")
        assert Registration.objects.filter(event=event).count() == 0  # still usable
