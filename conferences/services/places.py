"""Workshop places for people: the choice at registration, places following event seats, swaps
through the personal link, the end of a registration. One transaction each.

Workshop capacity rule (the same as for event seats in `registrations.services`): places in a
conference's workshops are only taken or given back while the rows of all its sessions are
locked (`common.lock_sessions`: `SELECT … FOR UPDATE`, in id order so two transactions never
deadlock; on SQLite every write transaction is already serialised). `_allocate` and `fill_workshop`
are the only two functions that hand out workshop places.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from conferences.models import (
    Badge,
    Choice,
    Conference,
    Session,
    Slot,
)
from conferences.queries import figures, published_conference
from conferences.services.common import lock_sessions, mail_person
from registrations.models import Booking, Registration


class NoPlace(Exception):
    """The workshop has no free place (a change through the personal link needs one)."""


@dataclass(frozen=True)
class Placed:
    """What happened to one wish: the workshop the person got (or waits for), and how."""

    slot: Slot
    session: Session
    status: str
    second_choice: bool = False


def _has_room(session, counts):
    return not counts[session.pk].full


def holds_seat(registration, conference):
    """Workshop places follow event seats: only a registration whose booking for the conference's event
    takes a seat (held until the address is confirmed, confirmed, or offered) may hold workshop places."""
    return Booking.objects.filter(
        registration=registration, event_id=conference.event_id, status__in=Booking.TAKEN
    ).exists()


def _allocate(*, registration, slot, first, second, now):
    """A place in `first`, else in `second`, else a spot on `first`'s waiting list. Call under the lock."""
    counts = figures([s for s in (first, second) if s])
    if _has_room(first, counts):
        status, session, fallback = Choice.Status.PLACE, first, False
    elif second and _has_room(second, counts):
        status, session, fallback = Choice.Status.PLACE, second, True
    else:
        status, session, fallback = Choice.Status.WAITING, first, False
    Choice.objects.create(
        registration=registration, slot=slot, session=session, status=status, got_second_choice=fallback, created_at=now
    )
    return Placed(slot=slot, session=session, status=status, second_choice=fallback)


def _wait_for_seat(*, registration, slot, first, second, now):
    """The person is on the event's waiting list: the wish is kept (pending), it takes nothing yet."""
    Choice.objects.create(
        registration=registration,
        slot=slot,
        session=first,
        second_session=second,
        status=Choice.Status.PENDING,
        created_at=now,
    )
    return Placed(slot=slot, session=first, status=Choice.Status.PENDING)


def choose_at_registration(*, registration, bookings, data, now):
    """Answer to `registration_created`: the workshop wishes from the form, in arrival order. Someone
    who got no event seat (waiting list) keeps the wishes pending until `seat_given`."""
    # The event object the form was built for: its conference was read then (`published_conference`).
    conference = published_conference(registration.event)
    if conference is None:
        return []
    if "badge_name" in data:
        Badge.objects.create(
            registration=registration,
            name_style=data["badge_name"] or Badge.NameStyle.FULL,
            pronouns=data.get("badge_pronouns") or "",
        )
    locked = lock_sessions(conference)
    # Its bookings were just written (`bookings`): whether one takes a seat needs no read.
    seated = any(b.event_id == conference.event_id and b.status in Booking.TAKEN for b in bookings)
    results = []
    for slot in Slot.objects.filter(conference=conference).order_by("start", "id"):
        first = locked.get(_pk(data.get(f"workshop_{slot.pk}")))
        second = locked.get(_pk(data.get(f"workshop_{slot.pk}_second")))
        if first is None or first.slot_id != slot.pk or not first.is_workshop:
            continue
        if second is not None and (second.slot_id != slot.pk or second.pk == first.pk or not second.is_workshop):
            second = None
        place = _allocate if seated else _wait_for_seat
        results.append(place(registration=registration, slot=slot, first=first, second=second, now=now))
    return results


def seat_given(*, bookings):
    """Answer to `waitlist_promoted` and `registration_confirmed`: people who now hold an event seat get
    their pending workshop wishes allocated, person by person in the order the seats were given (each
    joins a full workshop's waiting list behind those who already held a seat). Inside the event lock."""
    now = timezone.now()
    for booking in bookings:
        if booking.status not in Booking.TAKEN:
            continue
        conference = Conference.objects.filter(event=booking.event_id).first()
        if conference is None:
            continue
        # Lock before reading: a swap through the personal link may be writing a pending wish right now.
        locked = lock_sessions(conference)
        pending = list(
            Choice.objects.pending()
            .filter(registration=booking.registration_id, slot__conference=conference)
            .select_related("slot", "registration__event")
            .order_by("slot__start", "id")
        )
        if not pending:
            continue
        Choice.objects.filter(pk__in=[c.pk for c in pending]).update(status=Choice.Status.CHANGED, ended_at=now)
        results = []
        for wish in pending:
            first, second = locked.get(wish.session_id), locked.get(wish.second_session_id)
            if first is None:
                first, second = second, None
            if first is None:
                continue  # both workshops were deleted meanwhile; the person was told and chooses again
            results.append(
                _allocate(registration=wish.registration, slot=wish.slot, first=first, second=second, now=now)
            )
        if results:
            mail_person(pending[0].registration, "workshops_allocated", results=results)


def _pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _promote(session, now):
    """Free places of one workshop go to its waiting list in arrival order. Someone who held a place in
    another workshop of the slot (a swap) moves: returns the promoted choices and the sessions they left."""
    count = figures([session])[session.pk]
    free = count.waiting if count.left is None else min(count.left, count.waiting)
    if free <= 0:
        return [], []
    promoted = list(
        Choice.objects.waiting().filter(session=session).select_related("registration__event").order_by("id")[:free]
    )
    left = []
    for choice in promoted:
        old = (
            Choice.objects.placed()
            .filter(registration=choice.registration_id, slot=choice.slot_id)
            .select_related("session")
            .first()
        )
        if old is not None:
            Choice.objects.filter(pk=old.pk).update(status=Choice.Status.CHANGED, ended_at=now)
            left.append(old.session)
        choice.status = Choice.Status.PLACE
        choice.save(update_fields=["status"])
        mail_person(choice.registration, "moved_up", session=session, left=old.session if old else None)
    return promoted, [s for s in left if s is not None]


def fill_workshop(*, session, now=None):
    """Give free places in a workshop to the first people on its waiting list, in arrival order; a place
    left behind by someone who swapped goes on to the next in line there, and so on."""
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        lock_sessions(session.conference_id)
        todo = [session.pk]
        while todo:
            current = Session.objects.select_related("room", "slot").get(pk=todo.pop(0))
            moved, left = _promote(current, now)
            promoted += moved
            todo += [s.pk for s in left]
    return promoted


@dataclass(frozen=True)
class Swap:
    """What a change through the personal link did: `status` of the wish for `session` (place, waiting
    or pending), and the workshop the person keeps meanwhile (`kept`, only while waiting)."""

    session: Session
    status: str
    kept: Session | None = None


def change_choice(*, registration, session, now=None):
    """The person picks another workshop of the same slot through the personal link. A free place is
    taken at once (the old place goes to the first person waiting there). A full workshop puts them on
    its waiting list, keeping their current place until they move up. Without an event seat the wish
    stays pending. Choosing the workshop they are in withdraws a waiting spot. Raises NoPlace for a
    session that is not a workshop, or when the registration ended meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_sessions(session.conference_id)
        session = locked[session.pk]
        if not session.is_workshop or not Registration.objects.filter(pk=registration.pk, is_active=True).exists():
            raise NoPlace
        mine = {c.status: c for c in Choice.objects.active().filter(registration=registration, slot=session.slot_id)}
        place, waiting, pending = (mine.get(s) for s in Choice.ACTIVE)
        if not holds_seat(registration, session.conference):
            if pending:
                Choice.objects.filter(pk=pending.pk).update(status=Choice.Status.CHANGED, ended_at=now)
            _wait_for_seat(registration=registration, slot=session.slot, first=session, second=None, now=now)
            return Swap(session=session, status=Choice.Status.PENDING)
        if place and place.session_id == session.pk:
            if waiting:
                Choice.objects.filter(pk=waiting.pk).update(status=Choice.Status.CHANGED, ended_at=now)
            return Swap(session=session, status=Choice.Status.PLACE)
        kept = locked.get(place.session_id) if place else None
        if waiting and waiting.session_id == session.pk:
            return Swap(session=session, status=Choice.Status.WAITING, kept=kept)
        if waiting:
            Choice.objects.filter(pk=waiting.pk).update(status=Choice.Status.CHANGED, ended_at=now)
        if not _has_room(session, figures([session])):
            Choice.objects.create(
                registration=registration,
                slot=session.slot,
                session=session,
                status=Choice.Status.WAITING,
                created_at=now,
            )
            return Swap(session=session, status=Choice.Status.WAITING, kept=kept)
        if place:
            Choice.objects.filter(pk=place.pk).update(status=Choice.Status.CHANGED, ended_at=now)
        Choice.objects.create(
            registration=registration, slot=session.slot, session=session, status=Choice.Status.PLACE, created_at=now
        )
        if place and place.session_id:
            fill_workshop(session=locked[place.session_id], now=now)
    return Swap(session=session, status=Choice.Status.PLACE)


def end_choices(*, registration, now):
    """Answer to `registration_ended`: every workshop place, waiting spot and pending wish is given back;
    freed places are refilled."""
    conference = Conference.objects.filter(event=registration.event_id).first()
    if conference is None:
        return 0
    lock_sessions(conference)  # before reading, so a swap at the same moment is either seen or sees the end
    choices = list(Choice.objects.active().filter(registration=registration).select_related("session"))
    if not choices:
        return 0
    Choice.objects.filter(pk__in=[c.pk for c in choices]).update(status=Choice.Status.ENDED, ended_at=now)
    for choice in choices:
        if choice.status == Choice.Status.PLACE and choice.session_id:
            fill_workshop(session=choice.session, now=now)
    return len(choices)
