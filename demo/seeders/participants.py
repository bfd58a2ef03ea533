"""Demo data for the participant pages: a recent past event with attendance (nine ticked at the
door, one walk-in; certificates still to send) and anonymous feedback on it (not read yet), so the
dashboard's "what is due" shows both. Fictional people only (@example.org)."""

import secrets
from datetime import timedelta

from django.utils import timezone

from events.models import Event
from feedback.models import Answer, Survey
from participants.models import CheckIn, WalkIn
from privacy.consent import Consent
from regions.models import Municipality
from registrations import services
from registrations.models import Booking, Registration

FEEDBACK = [
    (5, 5, "", "Arbeitsmarktzugang für Geflüchtete"),
    (4, 5, "Mehr Zeit für Fragen aus der Praxis.", ""),
    (4, 4, "Die Pausen waren zu kurz.", "Familiennachzug"),
    (5, 4, "", ""),
    (3, 4, "Unterlagen vorher schicken.", "Umgang mit Behörden"),
]


def seed_participants():
    """Returns the number of people registered for the demo event."""
    now = timezone.now()
    event = (
        Event.objects.filter(kind=Event.Kind.TRAINING, end__lt=now - timedelta(days=1), course__isnull=True)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("-end")
        .first()
    )
    if event is None or Booking.objects.filter(event=event).exists():
        return 0
    municipalities = list(Municipality.objects.order_by("name").values_list("id", flat=True)[::30])
    before = event.start - timedelta(days=7)  # registered a week ahead
    bookings = []
    for n in range(1, 13):
        key = secrets.token_urlsafe(24)
        person = {
            "name": f"Demo Anwesende_r {n}",
            "email": f"demo.anwesend{n}@example.org",
            "organisation": "Demo-Initiative",
            "role": "volunteer" if n % 4 else "professional",
            "municipality_id": municipalities[n % len(municipalities)],
        }
        services.register(
            event=event, person=person, consent=Consent(None, before), submission_key=key, language="de", now=before
        )
        registration = Registration.objects.get(submission_key=key)
        services.confirm_address(registration=registration, now=before)
        bookings.append(registration.bookings.get(event=event))
    present = [b for b in bookings if b.status in Booking.TAKEN][:9]
    CheckIn.objects.bulk_create(CheckIn(booking=b, checked_in_at=event.start) for b in present)
    Booking.objects.filter(pk__in=[b.pk for b in present]).update(attended=True)
    walk_in = Registration.objects.create(
        event=event,
        submission_key="walk-in-demo-" + secrets.token_urlsafe(12),
        name="Demo Spontan",
        email="",  # a walk-in who gave no address: the team enters people without one
        entered_by_team=True,
        role="volunteer",
        email_confirmed_at=event.start,
    )
    booking = Booking.objects.create(
        registration=walk_in, event=event, status=Booking.Status.CONFIRMED, confirmed_at=event.start, attended=True
    )
    WalkIn.objects.create(registration=walk_in, added_at=event.start)
    CheckIn.objects.create(booking=booking, checked_in_at=event.start)
    Survey.objects.get_or_create(event=event)
    Answer.objects.bulk_create(
        Answer(event=event, overall=o, usefulness=u, improve=i, topics_wanted=t, submitted_on=event.end.date())
        for o, u, i, t in FEEDBACK
    )
    return len(bookings) + 1
