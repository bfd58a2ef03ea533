"""Workshop places follow event seats: someone on the event's waiting list holds no workshop place."""

import pytest

from conferences import services
from conferences.models import Choice
from conferences.queries import figures
from conferences.testing import make_conference, register_with_wishes, workshops
from events.models import Event
from events.testing import make_event
from mail.models import OutboxMessage
from registrations import services as registration_services
from registrations.models import Booking

pytestmark = pytest.mark.django_db


def _conference(seats, places):
    event = make_event(kind=Event.Kind.CONFERENCE, capacity=seats, days_ahead=30, hours=8)
    return make_conference(slots=1, workshops=2, capacity=places, event=event)


def _active(registration):
    return [(c.session_id, c.status) for c in Choice.objects.active().filter(registration=registration)]


def test_a_person_on_the_event_waiting_list_takes_no_workshop_place():
    conference = _conference(seats=1, places=5)
    ((first, second),) = workshops(conference)
    seated = register_with_wishes(conference, (first, None))
    late = register_with_wishes(conference, (first, second))
    assert _active(seated) == [(first.pk, "place")]
    assert _active(late) == [(first.pk, "pending")]
    assert Choice.objects.get(registration=late).second_session_id == second.pk
    assert Choice.objects.filter(session=first, status="place").count() == 1
    counts = figures([first])[first.pk]
    assert (counts.placed, counts.waiting, counts.pending, counts.full) == (1, 0, 1, False)


def test_a_freed_event_seat_allocates_the_pending_wishes_and_says_so():
    conference = _conference(seats=1, places=1)
    ((first, second),) = workshops(conference)
    seated = register_with_wishes(conference, (first, None))
    late = register_with_wishes(conference, (first, second), email="nachruecken@example.org")
    registration_services.cancel_registration(registration=seated)
    assert Booking.objects.get(registration=late).status in Booking.TAKEN
    # The freed workshop place went with the seat: first choice, not the second.
    assert _active(late) == [(first.pk, "place")]
    mail = OutboxMessage.objects.get(to="nachruecken@example.org", subject__contains="Ihre Workshops")
    assert "Workshop 1.1: Platz" in mail.text


def test_people_already_seated_keep_their_turn_in_a_full_workshop():
    conference = _conference(seats=2, places=1)
    ((first, second),) = workshops(conference)
    holder = register_with_wishes(conference, (first, None))
    seated_waiting = register_with_wishes(conference, (first, None))
    late = register_with_wishes(conference, (first, second))
    assert _active(seated_waiting) == [(first.pk, "waiting")]
    assert _active(late) == [(first.pk, "pending")]
    # The holder leaves: the workshop place goes to the one who waited with a seat; the late person
    # gets the event seat and, first choice full, the second.
    registration_services.cancel_registration(registration=holder)
    assert _active(seated_waiting) == [(first.pk, "place")]
    assert _active(late) == [(second.pk, "place")]
    assert Choice.objects.get(registration=late, status="place").got_second_choice


def test_a_pending_wish_ends_with_the_registration_and_can_be_changed():
    conference = _conference(seats=1, places=1)
    ((first, second),) = workshops(conference)
    register_with_wishes(conference, (first, None))
    late = register_with_wishes(conference, (first, None))
    swap = services.change_choice(registration=late, session=second)
    assert swap.status == "pending"
    assert _active(late) == [(second.pk, "pending")]
    registration_services.cancel_registration(registration=late)
    assert _active(late) == []
    assert Choice.objects.filter(session=second, status="place").count() == 0
