"""Builders for conferences: a programme with slots × parallel workshops, and people choosing."""

import secrets
from datetime import datetime, time, timedelta

from django.utils import timezone

from conferences.models import Conference, Room, Session, Slot, Speaker
from events.models import Event
from events.testing import make_event
from privacy.consent import Consent
from registrations import services
from registrations.models import Registration

SLOT_TIMES = ((time(10, 0), time(11, 30)), (time(13, 0), time(14, 30)), (time(15, 0), time(16, 30)))


def make_conference(*, slots=3, workshops=4, capacity=25, event=None, published=True, days_ahead=30, plenary=True):
    """A published conference (Fachkonferenz) with `slots` slots of `workshops` parallel workshops each."""
    event = event or make_event(kind=Event.Kind.CONFERENCE, capacity=None, days_ahead=days_ahead, hours=8)
    conference = Conference.objects.create(event=event, published=published, acronym=event.slug[:40])
    rooms = [
        Room.objects.create(conference=conference, name=f"Raum {n + 1}", capacity=capacity + 5, position=n)
        for n in range(workshops)
    ]
    hall = Room.objects.create(conference=conference, name="Großer Saal", capacity=300, position=99)
    day = timezone.localtime(event.start).date()
    tz = timezone.get_current_timezone()
    if plenary:
        opening = Slot.objects.create(
            conference=conference,
            start=timezone.make_aware(datetime.combine(day, time(9, 0)), tz),
            end=timezone.make_aware(datetime.combine(day, time(9, 45)), tz),
        )
        Session.objects.create(
            conference=conference, slot=opening, room=hall, kind=Session.Kind.PLENARY, title="Begrüßung und Eröffnung"
        )
    for index in range(slots):
        start, end = SLOT_TIMES[index % len(SLOT_TIMES)]
        date = day + timedelta(days=index // len(SLOT_TIMES))
        slot = Slot.objects.create(
            conference=conference,
            start=timezone.make_aware(datetime.combine(date, start), tz),
            end=timezone.make_aware(datetime.combine(date, end), tz),
        )
        for n, room in enumerate(rooms):
            speaker = Speaker.objects.create(conference=conference, name=f"Referent_in {index + 1}.{n + 1}")
            session = Session.objects.create(
                conference=conference,
                slot=slot,
                room=room,
                kind=Session.Kind.WORKSHOP,
                title=f"Workshop {index + 1}.{n + 1}",
                capacity=capacity,
            )
            session.speakers.add(speaker)
    return conference


def workshops(conference):
    """[[sessions of slot 1], [sessions of slot 2], …] for the workshop slots, in time order."""
    grouped = {}
    for session in Session.objects.filter(conference=conference, kind=Session.Kind.WORKSHOP).order_by(
        "slot__start", "room__position", "id"
    ):
        grouped.setdefault(session.slot_id, []).append(session)
    return list(grouped.values())


def wishes(*pairs):
    """Form data for the workshop fields: pairs of (first, second or None) sessions."""
    data = {}
    for first, second in pairs:
        data[f"workshop_{first.slot_id}"] = str(first.pk)
        if second is not None:
            data[f"workshop_{first.slot_id}_second"] = str(second.pk)
    return data


def register_with_wishes(conference, *pairs, email=None, name="Teilnehmer_in", confirm=True, now=None):
    """One person registers for the conference's event choosing workshops; returns the Registration."""
    key = secrets.token_urlsafe(24)
    person = {
        "name": name,
        "email": email or f"{key[:10].lower()}@example.org",
        "organisation": "Willkommensinitiative Meißen",
        "role": "volunteer",
        "municipality_id": None,
        "answers": {},
    }
    services.register(
        event=conference.event,
        person=person,
        consent=Consent(version=None, at=now or timezone.now()),
        submission_key=key,
        language="de",
        now=now,
        extra=wishes(*pairs),
    )
    registration = Registration.objects.get(submission_key=key)
    if confirm:
        services.confirm_address(registration=registration)
    return registration
