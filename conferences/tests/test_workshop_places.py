"""Workshop places: own capacity, waiting list in arrival order, second choice, swaps, cancellations."""

import pytest

from accounts.testing import make_user
from conferences import services
from conferences.models import Choice, Session
from conferences.testing import make_conference, register_with_wishes, workshops
from mail.models import OutboxMessage
from registrations import services as registration_services

pytestmark = pytest.mark.django_db


def statuses(registration):
    return {c.session_id: c.status for c in Choice.objects.filter(registration=registration).active()}


def test_places_up_to_capacity_then_waiting_list_in_arrival_order():
    conference = make_conference(slots=1, workshops=2, capacity=2)
    ((first, other),) = workshops(conference)
    people = [register_with_wishes(conference, (first, None)) for _ in range(4)]
    assert [statuses(p)[first.pk] for p in people] == ["place", "place", "waiting", "waiting"]
    assert Choice.objects.filter(session=first, status="place").count() == 2
    waiting = list(Choice.objects.filter(session=first, status="waiting").order_by("id"))
    assert [c.registration_id for c in waiting] == [people[2].pk, people[3].pk]


def test_second_choice_when_the_first_is_full_instead_of_waiting():
    conference = make_conference(slots=1, workshops=2, capacity=1)
    ((first, second),) = workshops(conference)
    register_with_wishes(conference, (first, None))
    late = register_with_wishes(conference, (first, second))
    choice = Choice.objects.get(registration=late)
    assert (choice.session_id, choice.status, choice.got_second_choice) == (second.pk, "place", True)
    # Both full: waiting on the first choice.
    last = register_with_wishes(conference, (first, second))
    assert statuses(last) == {first.pk: "waiting"}


def test_one_choice_per_slot_and_every_slot_chosen():
    conference = make_conference(slots=3, workshops=4, capacity=5)
    slots = workshops(conference)
    person = register_with_wishes(conference, *[(sessions[1], sessions[2]) for sessions in slots])
    assert sorted(statuses(person)) == sorted(sessions[1].pk for sessions in slots)


def test_cancelling_frees_the_place_for_the_first_waiting_and_tells_them():
    conference = make_conference(slots=1, workshops=2, capacity=1)
    ((first, _other),) = workshops(conference)
    holder = register_with_wishes(conference, (first, None))
    waiting = register_with_wishes(conference, (first, None), email="warten@example.org")
    assert statuses(waiting) == {first.pk: "waiting"}
    registration_services.cancel_registration(registration=holder)
    assert statuses(holder) == {}
    assert statuses(waiting) == {first.pk: "place"}
    assert OutboxMessage.objects.filter(to="warten@example.org", subject__contains="Workshop").exists()


def test_swap_through_the_personal_link_takes_a_free_place_and_refills_the_old_one():
    conference = make_conference(slots=1, workshops=2, capacity=1)
    ((first, second),) = workshops(conference)
    mover = register_with_wishes(conference, (first, None))
    waiting = register_with_wishes(conference, (first, None))
    swap = services.change_choice(registration=mover, session=second)
    assert (swap.status, swap.kept) == ("place", None)
    assert statuses(mover) == {second.pk: "place"}
    assert statuses(waiting) == {first.pk: "place"}  # moved up into the freed place


def test_swap_into_a_full_workshop_waits_keeping_the_place_until_moved_up():
    conference = make_conference(slots=1, workshops=2, capacity=1)
    ((first, second),) = workshops(conference)
    holder = register_with_wishes(conference, (second, None))
    mover = register_with_wishes(conference, (first, None), email="wechsel@example.org")
    next_in_line = register_with_wishes(conference, (first, None))
    swap = services.change_choice(registration=mover, session=second)
    assert (swap.status, swap.kept.pk) == ("waiting", first.pk)
    assert {(c.session_id, c.status) for c in Choice.objects.active().filter(registration=mover)} == {
        (first.pk, "place"),
        (second.pk, "waiting"),
    }
    assert statuses(next_in_line) == {first.pk: "waiting"}
    # The holder leaves: the mover moves into second, and their old place goes to the next in line.
    registration_services.cancel_registration(registration=holder)
    assert statuses(mover) == {second.pk: "place"}
    assert statuses(next_in_line) == {first.pk: "place"}
    assert Choice.objects.filter(session=second, status="place").count() == 1
    assert Choice.objects.filter(session=first, status="place").count() == 1
    mail = OutboxMessage.objects.get(to="wechsel@example.org", subject__contains="Platz im Workshop")
    assert "Workshop 1.1" in mail.text and "freigegeben" in mail.text


def test_swapping_back_to_the_own_workshop_withdraws_the_waiting_spot():
    conference = make_conference(slots=1, workshops=2, capacity=1)
    ((first, second),) = workshops(conference)
    register_with_wishes(conference, (second, None))
    mover = register_with_wishes(conference, (first, None))
    services.change_choice(registration=mover, session=second)
    services.change_choice(registration=mover, session=first)
    assert statuses(mover) == {first.pk: "place"}
    with pytest.raises(services.NoPlace):
        services.change_choice(registration=mover, session=Session.objects.get(conference=conference, kind="plenary"))


def test_a_deleted_workshop_asks_its_people_to_choose_again():
    conference = make_conference(slots=1, workshops=2, capacity=3)
    ((first, _second),) = workshops(conference)
    person = register_with_wishes(conference, (first, None), email="neu-waehlen@example.org")
    told = services.delete_session(actor=make_user("team"), session=first)
    assert told == 1
    choice = Choice.objects.get(registration=person)
    assert (choice.status, choice.session_id) == ("removed", None)
    mail = OutboxMessage.objects.get(to="neu-waehlen@example.org", subject__contains="entfällt")
    assert "/programm/" in mail.text


def test_wishes_that_do_not_fit_are_ignored_not_trusted():
    conference = make_conference(slots=2, workshops=2, capacity=3)
    (a1, a2), (b1, _b2) = workshops(conference)
    # A session of another slot sent as this slot's choice (a tampered form) is not taken.
    data_person = register_with_wishes(conference, (a1, b1))
    assert statuses(data_person) == {a1.pk: "place"}


def test_a_deleted_workshop_someone_waited_to_swap_into_leaves_their_place_alone():
    conference = make_conference(slots=1, workshops=2, capacity=1)
    ((first, second),) = workshops(conference)
    register_with_wishes(conference, (second, None))
    mover = register_with_wishes(conference, (first, None), email="bleibt@example.org")
    services.change_choice(registration=mover, session=second)
    services.delete_session(actor=make_user("team"), session=second)
    assert statuses(mover) == {first.pk: "place"}
    mail = OutboxMessage.objects.get(to="bleibt@example.org", subject__contains="entfällt")
    assert "Ihren Platz im Workshop „Workshop 1.1“ behalten Sie" in mail.text
