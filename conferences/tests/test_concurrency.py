"""Many people choosing the same workshops at the same moment: never more than its places, fair order."""

import contextlib
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from accounts.testing import make_user
from conferences import services
from conferences.models import Choice, PaymentBatch, Reimbursement
from conferences.testing import make_conference, register_with_wishes, workshops
from events.models import Event
from events.testing import make_event
from registrations import services as registration_services
from registrations.models import Booking

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real row locks need PostgreSQL (bench/conference.py covers SQLite)"
    ),
]

THREADS = 30
PLACES = 4
SEATS = 12


def _run(threads):
    barrier = threading.Barrier(len(threads))
    errors = []

    def attempt(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    running = [threading.Thread(target=attempt, args=(job,)) for job in threads]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    return errors


def test_registrations_at_once_never_overfill_a_workshop_and_keep_arrival_order():
    conference = make_conference(slots=1, workshops=2, capacity=PLACES)
    ((first, second),) = workshops(conference)
    jobs = [
        lambda n=n: register_with_wishes(conference, (first, second), email=f"rush{n}@example.org", confirm=False)
        for n in range(THREADS)
    ]
    assert _run(jobs) == []
    assert Choice.objects.filter(session=first, status="place").count() == PLACES
    assert Choice.objects.filter(session=second, status="place").count() == PLACES
    choices = list(Choice.objects.filter(slot=first.slot).order_by("id"))
    assert len(choices) == THREADS
    # Arrival order: the first PLACES got their first choice, the next PLACES their second, the rest wait.
    assert [(c.session_id, c.status) for c in choices] == (
        [(first.pk, "place")] * PLACES
        + [(second.pk, "place")] * PLACES
        + [(first.pk, "waiting")] * (THREADS - 2 * PLACES)
    )
    by_time = sorted(choices, key=lambda c: (c.registration.created_at, c.registration_id))
    assert [c.pk for c in by_time] == [c.pk for c in choices]


def test_swaps_at_once_never_overfill_the_target():
    conference = make_conference(slots=1, workshops=2, capacity=PLACES)
    ((first, second),) = workshops(conference)
    people = [register_with_wishes(conference, (first, None), email=f"swap{n}@example.org") for n in range(PLACES)]
    # Second has PLACES free; twice as many try to move there at once, while others register for it.
    movers = people[:PLACES]
    jobs = [lambda p=p: _try_swap(p, second) for p in movers]
    jobs += [
        lambda n=n: register_with_wishes(conference, (second, None), email=f"new{n}@example.org") for n in range(PLACES)
    ]
    assert _run(jobs) == []
    assert Choice.objects.filter(session=second, status="place").count() == PLACES


def _try_swap(registration, session):
    with contextlib.suppress(services.NoPlace):
        services.change_choice(registration=registration, session=session)


def test_event_seats_and_workshop_places_at_once_never_overfill_and_only_seated_people_hold_places():
    event = make_event(kind=Event.Kind.CONFERENCE, capacity=SEATS, days_ahead=30, hours=8)
    conference = make_conference(slots=1, workshops=2, capacity=PLACES, event=event)
    ((first, second),) = workshops(conference)
    early = [register_with_wishes(conference, (first, second), email=f"early{n}@example.org") for n in range(SEATS)]
    # Half of the early people leave while others register and others swap into full workshops.
    jobs = [lambda p=p: registration_services.cancel_registration(registration=p) for p in early[: SEATS // 2]]
    jobs += [lambda p=p: _try_swap(p, first) for p in early[SEATS // 2 :]]
    jobs += [
        lambda n=n: register_with_wishes(conference, (first, second), email=f"late{n}@example.org", confirm=False)
        for n in range(THREADS)
    ]
    assert _run(jobs) == []
    for session in (first, second):
        assert Choice.objects.filter(session=session, status="place").count() <= PLACES
    seated = set(Booking.objects.filter(event=event, status__in=Booking.TAKEN).values_list("registration", flat=True))
    assert len(seated) == SEATS
    holders = set(Choice.objects.filter(status__in=["place", "waiting"]).values_list("registration", flat=True))
    assert holders <= seated
    pending = set(Choice.objects.filter(status="pending").values_list("registration", flat=True))
    assert pending and not pending & seated
    # Workshop places are all used while people wait for them.
    for session in (first, second):
        if Choice.objects.filter(session=session, status="waiting").exists():
            assert Choice.objects.filter(session=session, status="place").count() == PLACES


def test_two_team_members_exporting_at_once_never_put_a_payment_in_two_files(settings):
    settings.REIMBURSEMENT_DEBTOR_IBAN = "DE02120300000000202051"
    settings.REIMBURSEMENT_DEBTOR_BIC = "BYLADEM1001"
    conference = make_conference(slots=1, workshops=1)
    people = [register_with_wishes(conference, email=f"pay{n}@example.org") for n in range(10)]
    for person in people:
        Reimbursement.objects.create(
            conference=conference,
            registration=person,
            status=Reimbursement.Status.APPROVED,
            route="Zittau – Dresden",
            transport=Reimbursement.Transport.TRAIN,
            amount=Decimal("23.40"),
            approved_amount=Decimal("23.40"),
            iban="DE89370400440532013000",
            account_holder="Erika Beispiel",
        )
    team = make_user("team")
    assert _run([lambda: services.export_payments(actor=team, conference=conference) for _ in range(8)]) == []
    (batch,) = PaymentBatch.objects.all()
    assert batch.count == 10 and batch.total == Decimal("234.00")
    assert Reimbursement.objects.filter(batch=batch, status="exported").count() == 10
