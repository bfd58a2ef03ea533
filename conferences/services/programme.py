"""The team's writes on a conference's programme (rooms, slots, speakers, sessions with optimistic
locking), check-in per workshop, badges. One transaction and one audit entry each."""

from django.db import transaction
from django.utils import timezone

from audit.services import record
from conferences.models import (
    Badge,
    Choice,
    Conference,
    Room,
    Session,
    Slot,
    Speaker,
)
from conferences.services.common import Gone, Stale, lock_sessions, mail_person
from conferences.services.places import fill_workshop
from participants import services as participant_services
from registrations.models import Booking


def create_conference(*, actor, event, request=None):
    with transaction.atomic():
        conference, created = Conference.objects.get_or_create(event=event, defaults={"acronym": event.slug[:40]})
        if created:
            record(actor=actor, action="conference.created", target=conference, request=request)
    return conference


def set_published(*, actor, conference, published, request=None):
    with transaction.atomic():
        Conference.objects.filter(pk=conference.pk).update(published=published, version=conference.version + 1)
        record(
            actor=actor,
            action="conference.published" if published else "conference.unpublished",
            target=conference,
            request=request,
        )


AUDIT_CODES = {
    Room: "conference.room_saved",
    Slot: "conference.slot_saved",
    Speaker: "conference.speaker_saved",
    Session: "conference.session_saved",
}


def save_item(*, actor, form, conference, request=None):
    """Create or edit a room, slot, speaker or session. Optimistic locking on `version`: the form
    carries the version it was read at; if someone saved since, raises Stale (deleted since: Gone)
    and nothing changes. More places in a workshop (or its room) go to its waiting list at once."""
    with transaction.atomic():
        lock_sessions(conference)  # sessions first, in the order every writer takes them (no deadlock with fills)
        item = form.instance
        if item.pk:
            model = type(item)
            current = model.objects.select_for_update().filter(pk=item.pk).order_by("pk").first()
            if current is None:
                raise Gone
            if current.version != form.cleaned_data["version"]:
                raise Stale
            item.version = current.version + 1
        item.conference = conference
        item = form.save()
        record(actor=actor, action=AUDIT_CODES[type(item)], target=item, request=request)
        if isinstance(item, Session | Room):
            sessions = [item] if isinstance(item, Session) else list(item.sessions.all())
            for session in sessions:
                if session.is_workshop:
                    fill_workshop(session=session)
    return item


def delete_session(*, actor, session, version=None, now=None, request=None):
    """Remove a programme item. Everyone who chose it is told by mail and asked to choose again; the
    choices stay (status removed) so the personal page shows what to do. With `version` (the one the
    team member saw), raises Stale if someone changed it since, Gone if it was deleted already."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_sessions(session.conference_id)
        current = Session.objects.filter(pk=session.pk).first()
        if current is None:
            raise Gone
        if version is not None and current.version != version:
            raise Stale
        affected = list(Choice.objects.active().filter(session=session).select_related("registration__event"))
        Choice.objects.filter(pk__in=[c.pk for c in affected]).update(status=Choice.Status.REMOVED, ended_at=now)
        kept = {
            c.registration_id: c.session
            for c in Choice.objects.placed()
            .filter(registration__in=[c.registration_id for c in affected], slot=session.slot_id)
            .exclude(session=session)
            .select_related("session")
        }
        for choice in affected:
            # Someone who only waited to swap into it keeps their place, and is told so.
            mail_person(
                choice.registration, "workshop_removed", title=session.title, kept=kept.get(choice.registration_id)
            )
        record(
            actor=actor,
            action="conference.session_deleted",
            target=session,
            details={"choices": len(affected)},
            request=request,
        )
        session.delete()
    return len(affected)


def delete_item(*, actor, item, request=None):
    """Delete a room, slot or speaker that nothing uses (rooms and slots in use are protected)."""
    with transaction.atomic():
        record(
            actor=actor,
            action="conference.item_deleted",
            target=item,
            details={"kind": type(item).__name__},
            request=request,
        )
        item.delete()


def check_in(*, actor, choice, present, now=None, request=None):
    now = now or timezone.now()
    with transaction.atomic():
        Choice.objects.filter(pk=choice.pk).update(checked_in_at=now if present else None)
        record(
            actor=actor,
            action="conference.checked_in" if present else "conference.check_in_undone",
            target=choice,
            request=request,
        )


def print_badges(*, actor, event, registrations, request=None, now=None):
    """Note the badges as printed (for "only those added since the last print"); audited."""
    now = now or timezone.now()
    with transaction.atomic():
        for registration in registrations:
            Badge.objects.update_or_create(registration=registration, defaults={"printed_at": now})
        record(
            actor=actor,
            action="conference.badges_printed",
            target=event,
            details={"count": len(registrations)},
            request=request,
        )


def check_in_from_badge(*, actor, registration, request=None):
    """The badge's QR code was scanned at the door: the person is present at the event (idempotent)."""
    booking = registration.bookings.filter(status__in=Booking.TAKEN).order_by("id").first()
    if booking is None:
        return False
    return participant_services.check_in(actor=actor, booking=booking, request=request)
