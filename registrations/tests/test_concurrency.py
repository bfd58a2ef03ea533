"""Many people registering at the same moment: never more places than seats, fair order."""

import threading

import pytest
from django.db import connection, connections

from events.testing import make_event
from registrations.models import Booking, Registration
from registrations.tests.helpers import register

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real row locks need PostgreSQL (bench/rush.py covers SQLite)"
    ),
]

THREADS = 40
SEATS = 5


def test_many_threads_registering_at_once_never_oversell_and_keep_arrival_order():
    event = make_event(capacity=SEATS)
    barrier = threading.Barrier(THREADS)
    errors = []

    def attempt(n):
        try:
            barrier.wait()
            register(event, email=f"rush{n}@example.org")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    bookings = list(Booking.objects.filter(event=event).select_related("registration").order_by("id"))
    assert len(bookings) == THREADS
    assert Booking.objects.filter(event=event).taken().count() == SEATS
    # Arrival order: the first SEATS bookings got the places, everyone after them waits, and
    # the waiting list follows the order in which the registrations were created.
    assert [b.status for b in bookings] == ["held"] * SEATS + ["waiting"] * (THREADS - SEATS)
    by_time = [r.pk for r in Registration.objects.filter(event=event).order_by("created_at", "id")]
    assert [b.registration_id for b in bookings] == by_time
