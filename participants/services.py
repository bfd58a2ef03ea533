"""The team's writes on participants. Registrations, places and their mails stay with the
registrations app (its services are called here, so a phone registration gets the same mails);
this module adds the audit entries, check-ins, walk-ins and mailings.

Every function runs in one transaction; mails are outbox rows written inside it.
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import record
from core.registry import announce
from participants import queries
from participants.mailings import send_mailing
from participants.models import CheckIn, Mailing, WalkIn
from privacy.consent import Consent
from privacy.queries import current_notice
from registrations import services as registrations
from registrations.models import Booking, Registration


@transaction.atomic
def add_by_hand(*, actor, event, person, language, request=None):
    """A registration taken by phone or on paper: the registrations service writes it and sends the
    usual mails; without an e-mail address the place is confirmed at once and nothing is mailed.

    Raises registrations.services.RegistrationClosed with the reason when registering is closed."""
    key = "phone-" + secrets.token_urlsafe(24)
    consent = Consent(version=getattr(current_notice(), "version", None), at=timezone.now())
    registrations.register(
        event=event, person=person, consent=consent, submission_key=key, language=language, entered_by_team=True
    )
    registration = Registration.objects.filter(submission_key=key).first()
    record(
        actor=actor,
        action="registration.added_by_hand",
        target=event,
        details={"registration": registration.pk if registration else None, "existing": registration is None},
        request=request,
    )
    return registration


@transaction.atomic
def change_registration(*, actor, registration, changes, request=None):
    registrations.update_answers(registration=registration, changes=changes)
    record(
        actor=actor,
        action="registration.changed",
        target=registration,
        details={"fields": sorted(changes)},
        request=request,
    )
    return registration


@transaction.atomic
def cancel_registration(*, actor, registration, request=None):
    """Cancel for the person (they asked by phone); they get the usual cancellation mail."""
    ended = registrations.cancel_registration(registration=registration)
    record(
        actor=actor,
        action="registration.cancelled_by_team",
        target=registration,
        details={"bookings": [b.pk for b in ended]},
        request=request,
    )
    return ended


@transaction.atomic
def promote(*, actor, booking, request=None):
    """Move one person up from the waiting list. Raises registrations.services.NoPlaceFree."""
    promoted = registrations.promote_from_waiting_list(booking=booking)
    record(
        actor=actor,
        action="registration.promoted",
        target=booking.registration,
        details={"booking": booking.pk, "done": promoted is not None},
        request=request,
    )
    return promoted


@transaction.atomic
def write_to(*, actor, event, audience, subject, body, request=None):
    """One mail per person of `audience`, queued through the outbox; returns the Mailing."""
    registrations = [booking.registration for booking in queries.recipients(event, audience)]
    return send_mailing(
        actor=actor,
        event=event,
        kind=Mailing.Kind.MESSAGE,
        audience=audience,
        subject=subject,
        audit_action="participants.messaged",
        details={"audience": audience},
        request=request,
        template="participants/mail/message",
        mails=[(r, {"subject": subject, "body": body, "event": event, "registration": r}) for r in registrations],
        mail_options={"reply_to": event.contact.email if event.contact else ""},
    )


def _refresh_attended(booking_ids):
    """Keep the report fact `Booking.attended` true while at least one check-in exists."""
    present = set(CheckIn.objects.filter(booking__in=booking_ids).values_list("booking", flat=True))
    Booking.objects.filter(pk__in=present).update(attended=True)
    Booking.objects.filter(pk__in=set(booking_ids) - present).update(attended=None)


@transaction.atomic
def check_in(*, actor, booking, session=None, request=None):
    """Tick one person present (idempotent: a second tick changes nothing)."""
    try:
        with transaction.atomic():
            CheckIn.objects.create(booking=booking, session=session, checked_in_by=actor)
    except IntegrityError:
        return False
    _refresh_attended([booking.pk])
    record(
        actor=actor,
        action="attendance.checked_in",
        target=booking.event,
        details={"booking": booking.pk, "session": session.pk if session else None},
        request=request,
    )
    return True


@transaction.atomic
def undo_check_in(*, actor, booking, session=None, request=None):
    deleted, _ = CheckIn.objects.filter(booking=booking, session=session).delete()
    _refresh_attended([booking.pk])
    if deleted:
        record(
            actor=actor,
            action="attendance.undone",
            target=booking.event,
            details={"booking": booking.pk, "session": session.pk if session else None},
            request=request,
        )
    return bool(deleted)


@transaction.atomic
def add_walk_in(*, actor, event, person, session=None, request=None):
    """Someone came without registering: a confirmed place, marked as walk-in and present.

    No mail (they are standing at the door); the place is added even when the event is full."""
    now = timezone.now()
    email = person.get("email") or ""
    registration = Registration.objects.create(
        event=event,
        submission_key="walk-in-" + secrets.token_urlsafe(24),
        language=person.get("language") or settings.LANGUAGE_CODE,
        name=person["name"],
        email=email,
        organisation=person.get("organisation", ""),
        role=person["role"],
        municipality_id=person.get("municipality_id"),
        first_time=not (email and Registration.objects.filter(email=email, bookings__attended=True).exists()),
        entered_by_team=True,
        # Seen in person: counts as confirmed, so the job that lapses unconfirmed sign-ups leaves it alone.
        email_confirmed_at=now,
    )
    booking = Booking.objects.create(
        registration=registration, event=event, status=Booking.Status.CONFIRMED, confirmed_at=now
    )
    WalkIn.objects.create(registration=registration, added_by=actor)
    # Apps that keep something per registration (reports' facts) hear of it like of any other.
    announce("registration_created", registration=registration, bookings=[booking], data={}, now=now)
    CheckIn.objects.create(booking=booking, session=session, checked_in_by=actor)
    _refresh_attended([booking.pk])
    record(
        actor=actor,
        action="registration.walk_in",
        target=event,
        details={"registration": registration.pk, "session": session.pk if session else None},
        request=request,
    )
    return booking


def record_view(*, actor, event, action="participants.viewed", request=None, **details):
    """Audit entry for a page or export that shows personal data (ids and counts only)."""
    return record(actor=actor, action=action, target=event, details=details, request=request)
