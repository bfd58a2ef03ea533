"""Writes with side effects. Every function runs in one transaction and queues its mails in it.

Capacity rule: places for an event are only taken or given back while that event's row is
locked (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every write transaction is IMMEDIATE and
so already serialised). `register` and `fill_free_places` are the only two functions that hand
out places, so "never more places taken than seats" is checked in exactly two places. They stay in
this one module, in five sections marked below, so that the rule can be checked in one file.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from core.registry import announce
from events.models import Event
from registrations import mails
from registrations.models import (
    Booking,
    Question,
    Registration,
    RegistrationSettings,
    Reminder,
    without_address,
)
from registrations.queries import (
    active_registrations_for_email,
    bookable_events,
    bookings_with_positions,
    places_and_earlier,
    places_for,
    settings_for,
)

logger = logging.getLogger(__name__)

PERSON_FIELDS = (
    "name",
    "email",
    "phone",
    "organisation",
    "role",
    "municipality_id",
    "accessibility_needs",
    "childcare_needs",
    "interpretation_language",
    "diet",
    "answers",
    "newsletter_consent",
)


# Signing up: the form sent (`register`) and the address confirmed.


class RegistrationClosed(Exception):
    """Registration is not possible (deadline, cancelled, past); the message says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class OfferNotOpen(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    """What the form's response may say: only facts about the event, never about the address."""

    all_waiting: bool
    some_waiting: bool


def _lock(events):
    """Lock event rows in id order (a fixed order, so two transactions never deadlock)."""
    ids = sorted({event.pk for event in events})
    return {e.pk: e for e in Event.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


# What decides whether a registration gets a place: read again under the lock.
DECIDING_FIELDS = ("status", "start", "registration_deadline", "capacity")


def _lock_deciding(events):
    """Lock the events' rows like `_lock`, and bring the fields that decide about places up to date on
    the given objects. Everything else (title, venue, contact: what the mail shows) stays as the caller
    read it moments before, so the lock reads four columns instead of the events again."""
    by_pk = {event.pk: event for event in events}
    rows = Event.objects.select_for_update().filter(pk__in=sorted(by_pk)).order_by("pk")
    for pk, *values in rows.values_list("pk", *DECIDING_FIELDS):
        for name, value in zip(DECIDING_FIELDS, values, strict=True):
            setattr(by_pk[pk], name, value)
    return by_pk


def closed_reason(event, now=None):
    now = now or timezone.now()
    if event.is_cancelled:
        return _("Dieses Angebot wurde abgesagt. Eine Anmeldung ist nicht mehr möglich.")
    if event.start is None or event.start <= now:
        return _("Dieses Angebot hat bereits begonnen oder stattgefunden. Eine Anmeldung ist nicht mehr möglich.")
    if event.registration_deadline and event.registration_deadline < now:
        return _(
            "Der Anmeldeschluss ist vorbei. Wenn Sie trotzdem teilnehmen möchten, schreiben Sie bitte "
            "an die Kontaktadresse auf der Seite des Angebots."
        )
    return None


def register(*, event, person, consent, submission_key, language, now=None, entered_by_team=False, extra=None):
    """Register one person for an event (or all modules of a course) in arrival order.

    Returns an `Outcome`. A replayed form (same submission key) changes nothing; the same
    address again gets one mail with the existing personal link. Raises RegistrationClosed.

    Only the team (`entered_by_team`: phone, paper) may leave the address out: such a person gets
    no mails, so nothing waits for a confirmation and their places are confirmed right away.

    `extra` holds the values of the fields other apps added to the form (`registration_form_fields`);
    they get them back through the hook `registration_created`, in this transaction."""
    targets = bookable_events(event)
    email = person.get("email") or ""
    if not email and not entered_by_team:
        raise ValueError("Only the team may register a person without an e-mail address.")
    # Everything from here to the commit holds the event lock (docs/performance.md, "Registration
    # throughput"): only what decides or records the places, and what must commit with them. No savepoint
    # of its own (two statements less, one of them under the lock): the caller's transaction, if any, is
    # this one, and a closed offer is raised only after the block, so it leaves that transaction usable.
    with transaction.atomic(savepoint=False):
        locked = _lock_deciding([event, *targets])
        now = now or timezone.now()  # taken under the lock, so creation times follow arrival order
        event = locked[event.pk]
        targets = [locked[t.pk] for t in targets]
        # Under the lock: two forms with the same address (or the same form twice) at the same moment queue.
        places, earlier = places_and_earlier(targets, offer=event, email=email, submission_key=submission_key)
        outcome = Outcome(all_waiting=all(p.full for p in places), some_waiting=any(p.full for p in places))
        if earlier.replayed:
            return outcome
        reason = closed_reason(event, now)
        if earlier.existing and not reason:
            existing = Registration.objects.get(pk=earlier.existing)
            existing.event = event  # its mail's reply-to address is the offer's contact
            mails.already_registered(existing, existing.bookings.order_by("event__start", "id"))
        elif not reason:
            _create(
                event,
                places,
                person=person,
                consent=consent,
                now=now,
                extra=extra,
                submission_key=submission_key,
                language=language,
                first_time=not earlier.confirmed_before,
                entered_by_team=entered_by_team,
            )
    if reason:
        raise RegistrationClosed(reason)
    return outcome


def _create(event, places, *, person, consent, now, extra, **fields):
    """The registration, its bookings, the other apps' answers and the mails. Under the event lock."""
    email = person.get("email") or ""
    registration = Registration.objects.create(
        event=event,
        created_at=now,
        **fields,  # submission_key, language, first_time, entered_by_team
        # Without an address there is nothing to confirm: the team took the registration.
        email_confirmed_at=None if email else now,
        **{field: person[field] for field in PERSON_FIELDS if field in person},
        **consent.as_fields(),
    )
    bookings = [_book(registration, place, now) for place in places]
    announce("registration_created", registration=registration, bookings=bookings, data=extra or {}, now=now)
    mails.confirm_address(registration, sorted(bookings, key=lambda b: (b.event.start, b.pk)))
    if email and registration.newsletter_consent:
        # Whoever runs a newsletter asks the person to confirm its own sign-up.
        announce("newsletter_requested", email=email, language=registration.language, consent=consent)


def _book(registration, place, now):
    """The booking for one event of a new registration."""
    if place.full:
        status, confirmed_at = Booking.Status.WAITING, None
    elif registration.email:
        status, confirmed_at = Booking.Status.HELD, None
    else:
        status, confirmed_at = Booking.Status.CONFIRMED, now
    return Booking.objects.create(
        registration=registration, event=place.event, status=status, confirmed_at=confirmed_at
    )


def confirm_address(*, registration, now=None):
    """The person clicked the confirmation link: held places become confirmed. Idempotent.

    Returns the registration, or None if it lapsed or was cancelled meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock([b.event for b in registration.bookings.select_related("event")])
        registration = Registration.objects.select_related("event__contact").get(pk=registration.pk)
        if not registration.is_active:
            return None
        if registration.email_confirmed_at:
            return registration
        registration.email_confirmed_at = now
        registration.save(update_fields=["email_confirmed_at", "updated_at"])
        registration.bookings.filter(status=Booking.Status.HELD).update(
            status=Booking.Status.CONFIRMED, confirmed_at=now
        )
        bookings = bookings_with_positions(registration)
        confirmed = [b for b in bookings if b.status == Booking.Status.CONFIRMED]
        waiting = [b for b in bookings if b.status == Booking.Status.WAITING]
        if confirmed:
            mails.confirmed(registration, confirmed)
            announce("registration_confirmed", bookings=confirmed)
        if waiting:
            mails.waiting(registration, waiting)
    return registration


# After signing up: places handed on from the waiting list, offers accepted, cancellations, answers.


def _promotion_allowed(event, now):
    offer = event.course or event
    deadline_passed = any(e.registration_deadline and e.registration_deadline < now for e in (event, offer))
    return not deadline_passed or settings_for(offer).promote_after_deadline


def fill_free_places(*, event, now=None):
    """Give free places to the first people waiting, in arrival order. Returns the promoted bookings.

    Per event setting, the place is either given (confirmed if the address is confirmed, else
    held until it is) or offered for a number of hours. After the registration deadline nobody
    moves up unless the team allowed it; the team is told by mail instead."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock([event])[event.pk]
        if event.is_cancelled or event.start is None or event.start <= now:
            return []
        (places,) = places_for([event])
        free = places.waiting if places.left is None else min(places.left, places.waiting)
        if free <= 0:
            return []
        if not _promotion_allowed(event, now):
            mails.team_place_free_after_deadline(event, free, places.waiting)
            return []
        options = settings_for(event.course or event)
        promoted = list(
            Booking.objects.waiting()
            .filter(event=event)
            .select_related("registration__event__contact", "event__venue__municipality", "event__contact")
            .order_by("id")[:free]
        )
        for booking in promoted:
            registration = booking.registration
            # Someone without an address cannot answer an offer: the place is given, the team calls them.
            if options.waiting_list_mode == RegistrationSettings.WaitingListMode.OFFER and registration.has_address:
                booking.status = Booking.Status.OFFERED
                booking.offered_until = now + timedelta(hours=options.offer_hold_hours)
                booking.save(update_fields=["status", "offered_until"])
                mails.seat_offered(booking)
                continue
            if registration.email_confirmed_at:
                booking.status, booking.confirmed_at = Booking.Status.CONFIRMED, now
            else:
                booking.status = Booking.Status.HELD
            booking.save(update_fields=["status", "confirmed_at"])
            mails.moved_up(booking)
        if promoted:
            announce("waitlist_promoted", bookings=promoted)
    return promoted


def allow_promotion_after_deadline(*, event):
    """The team decided: people may move up after the deadline. Fills free places right away."""
    with transaction.atomic():
        RegistrationSettings.objects.update_or_create(event=event, defaults={"promote_after_deadline": True})
        for target in bookable_events(event):
            fill_free_places(event=target)


class NoPlaceFree(Exception):
    """Manual promotion refused: every place is taken (raise the capacity first)."""


def promote_from_waiting_list(*, booking, now=None):
    """The team moves one particular person up (back office), out of line and after the deadline.

    Only into a free place, so capacity is never exceeded; same mail as moving up in line."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock([booking.event])[booking.event_id]
        booking = Booking.objects.select_related(
            "registration__event__contact", "event__venue__municipality", "event__contact"
        ).get(pk=booking.pk)
        if booking.status != Booking.Status.WAITING:
            return None
        (places,) = places_for([event])
        if places.left == 0:
            raise NoPlaceFree
        if booking.registration.email_confirmed_at:
            booking.status, booking.confirmed_at = Booking.Status.CONFIRMED, now
        else:
            booking.status = Booking.Status.HELD
        booking.save(update_fields=["status", "confirmed_at"])
        mails.moved_up(booking)
        announce("waitlist_promoted", bookings=[booking])
    return booking


def _end_bookings(registration, bookings, status, now):
    """End the given bookings; refill the events where a place was freed. Call under a transaction."""
    freed = [b.event for b in bookings if b.has_place]
    Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(status=status, ended_at=now)
    if not registration.bookings.filter(status__in=Booking.ACTIVE).exists():
        Registration.objects.filter(pk=registration.pk).update(is_active=False, updated_at=now)
        announce("registration_ended", registration=registration, now=now)
    for event in freed:
        fill_free_places(event=event, now=now)


def cancel_registration(*, registration, now=None):
    """The person cancels through the personal link: every place and waiting spot is given back."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock([b.event for b in registration.bookings.select_related("event")])
        registration = Registration.objects.select_related("event__contact").get(pk=registration.pk)
        bookings = [b for b in bookings_with_positions(registration) if b.is_active]
        if not bookings:
            return []
        _end_bookings(registration, bookings, Booking.Status.CANCELLED, now)
        mails.cancelled_by_you(registration, bookings)
        announce("registration_cancelled", bookings=bookings)
    return bookings


def accept_offer(*, booking, now=None):
    """Accept an offered place before its deadline. The personal link came by mail, so this also
    proves the address. Accepting again (a double click) changes nothing. Raises OfferNotOpen if
    the offer expired or was never made."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock([booking.event])
        booking = Booking.objects.select_related("registration__event__contact", "event__venue__municipality").get(
            pk=booking.pk
        )
        if booking.status == Booking.Status.CONFIRMED and booking.offered_until is not None:
            return booking
        if booking.status != Booking.Status.OFFERED or booking.offered_until < now:
            raise OfferNotOpen
        booking.status, booking.confirmed_at = Booking.Status.CONFIRMED, now
        booking.save(update_fields=["status", "confirmed_at"])
        registration = booking.registration
        if not registration.email_confirmed_at:
            registration.email_confirmed_at = now
            registration.save(update_fields=["email_confirmed_at", "updated_at"])
        mails.confirmed(registration, [booking])
        announce("registration_confirmed", bookings=[booking])
    return booking


def update_answers(*, registration, changes):
    """Change what the person told us (not the address: that would need a new confirmation)."""
    with transaction.atomic():
        for field, value in changes.items():
            setattr(registration, field, value)
        registration.save(update_fields=[*changes, "updated_at"])
    return registration


# Periodic jobs (`registrations.tasks`): unconfirmed forms lapse, offers expire, reminders go out.


def lapse_unconfirmed(*, now=None):
    """Registrations whose address was not confirmed in time lapse and free their places."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.REGISTRATION_CONFIRM_HOURS)
    lapsed = 0
    for registration in list(Registration.objects.unconfirmed_before(cutoff).only("pk")):
        with transaction.atomic():
            _lock([b.event for b in registration.bookings.select_related("event")])
            registration = Registration.objects.get(pk=registration.pk)
            if registration.email_confirmed_at or not registration.is_active:
                continue  # confirmed or cancelled while we were looking
            bookings = list(registration.bookings.filter(status__in=Booking.ACTIVE).select_related("event"))
            _end_bookings(registration, bookings, Booking.Status.LAPSED, now)  # also marks it inactive
            lapsed += 1
    return lapsed


def expire_offers(*, now=None):
    """Offers not accepted in time go to the next person waiting."""
    now = now or timezone.now()
    expired = 0
    offers = Booking.objects.filter(status=Booking.Status.OFFERED, offered_until__lt=now)
    for booking in list(offers.select_related("event", "registration")):
        with transaction.atomic():
            _lock([booking.event])
            if not Booking.objects.filter(pk=booking.pk, status=Booking.Status.OFFERED).exists():
                continue
            _end_bookings(booking.registration, [booking], Booking.Status.OFFER_EXPIRED, now)
            expired += 1
    return expired


def _reminder_windows():
    days = sorted(set(settings.REGISTRATION_REMINDER_DAYS), reverse=True)
    return [(d, days[i + 1] if i + 1 < len(days) else 0) for i, d in enumerate(days)]


def send_due_reminders(*, now=None):
    """Each configured reminder (default 7 days and 1 day before) goes out once per confirmed place.

    A reminder is skipped for a place confirmed inside its window: the confirmation just said it all."""
    now = now or timezone.now()
    sent = 0
    for days, next_days in _reminder_windows():
        due = (
            Booking.objects.filter(
                status=Booking.Status.CONFIRMED,
                event__status=Event.Status.PUBLISHED,
                event__start__gt=now + timedelta(days=next_days),
                event__start__lte=now + timedelta(days=days),
            )
            .exclude(reminders__days_before=days)
            .exclude(without_address("registration__"))
            .select_related("registration__event__contact", "event__venue__municipality", "event__contact")
        )
        for booking in due:
            if booking.confirmed_at and booking.confirmed_at > booking.event.start - timedelta(days=days):
                continue
            try:
                with transaction.atomic():
                    Reminder.objects.create(booking=booking, days_before=days, sent_at=now)
                    mails.reminder(booking, days)
            except IntegrityError:
                continue  # another worker sent it first
            sent += 1
    return sent


# Answers to the events' hooks (`registrations.contributions`): an offer changed, cancelled or copied.


def notify_event_changed(*, event):
    """Time or venue changed: tell everyone with a place or on the waiting list (with a new .ics)."""
    with transaction.atomic():
        bookings = list(
            Booking.objects.filter(event=event, status__in=Booking.ACTIVE).select_related(
                "registration__event__contact", "event__venue__municipality", "event__contact"
            )
        )
        for booking in bookings:
            mails.event_changed(booking)
    return len(bookings)


def tell_event_cancelled(*, event, now=None):
    """The answer to `event_cancelled` (events.services.cancel_event has set the event and its modules
    to cancelled): every booking ends and everyone registered gets a mail. Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        targets = [event, *event.modules.all()]
        bookings = list(
            Booking.objects.filter(event__in=targets, status__in=Booking.ACTIVE).select_related(
                "registration__event__contact", "event__venue__municipality", "event__contact"
            )
        )
        for booking in bookings:
            booking.event.status = Event.Status.CANCELLED
            mails.event_cancelled(booking)
        Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(
            status=Booking.Status.EVENT_CANCELLED, ended_at=now
        )
        Registration.objects.filter(event__in=targets, is_active=True).exclude(
            bookings__status__in=Booking.ACTIVE
        ).update(is_active=False)
    return len(bookings)


def _copy_rows(rows, **changes):
    for row in rows:
        row.pk = row.id = None
        for name, value in changes.items():
            setattr(row, name, value)
        row._state.adding = True
        row.save()


def copy_registration_setup(*, source, copy):
    """The answer to `event_copied`: questions and settings travel with a copied event (no personal data)."""
    _copy_rows(Question.objects.filter(event=source), event=copy)
    _copy_rows(RegistrationSettings.objects.filter(event=source), event=copy)


# The lost-link form and the team's registration setup.


def request_lost_links(*, email, language):
    """Mail all personal links for an address. The caller answers the same either way."""
    with transaction.atomic():
        registrations = list(active_registrations_for_email(email))
        if registrations:
            mails.lost_links(email, registrations, language)
    logger.info("lost link requested")


@transaction.atomic
def save_registration_setup(*, actor, event, settings_form, questions, request=None):
    settings = settings_form.save(commit=False)
    settings.event = event
    settings.save()
    deleted = [form.instance.pk for form in questions.deleted_forms if form.instance.pk]
    Question.objects.filter(pk__in=deleted, event=event).delete()
    kept = [
        form.instance
        for form in questions.forms
        if form not in questions.deleted_forms and (form.instance.pk or form.has_changed())
    ]
    kept.sort(key=lambda question: (question.position, question.pk or 10**9))
    for number, question in enumerate(kept, start=1):
        question.event = event
        question.position = number
        question.save()
    record(
        actor=actor,
        action="event.registration_setup_saved",
        target=event,
        details={"questions": [q.pk for q in kept], "deleted": deleted},
        request=request,
    )
