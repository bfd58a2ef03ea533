"""One function per e-mail. Each writes an outbox row in the caller's transaction
(`mail.services.queue_mail`); the worker sends it after the commit.

Mails are rendered in the language the person registered in. Mails that carry the personal link
ask the outbox to erase their body once sent: the link is a key to the registration.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from events.calendars import calendar_bytes
from mail.rendering import Rebuild
from mail.services import Attachment, queue_mail
from registrations import tokens
from registrations.models import Registration
from registrations.queries import bookings_with_positions

PREFIX = "registrations/mail/"


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _links(registration):
    with translation.override(registration.language):
        return {
            "personal_url": _absolute(
                reverse("registrations:personal", kwargs={"token": tokens.personal_token(registration)})
            ),
            "confirm_url": _absolute(
                reverse("registrations:confirm", kwargs={"token": tokens.confirm_token(registration)})
            ),
            "offer_url": _absolute(registration.event.get_absolute_url()),
        }


def _ics(events, title):
    events = list(events)
    if not events:
        return ()
    return (Attachment(filename="termine.ics", content=calendar_bytes(events, name=title), mimetype="text/calendar"),)


def _context(registration, bookings, **context):
    return {
        "registration": registration,
        "offer": registration.event,
        "bookings": list(bookings),
        "confirm_hours": settings.REGISTRATION_CONFIRM_HOURS,
        **_links(registration),
        **context,
    }


def _send(registration, name, *, bookings=(), attachments=(), by_worker=False, **context):
    """Every mail to a registered person goes through here; people without an address get none
    (the team entered them by hand and tells them by phone or on paper).

    `by_worker`: the worker renders the mail from `context_again` (the caller holds the event lock and
    may be one of a rush of registrations), so no extra `context` then."""
    if not registration.has_address:
        return
    event = registration.event
    bookings = list(bookings)
    rebuild = None
    if by_worker:
        args = {"registration": registration.pk, "bookings": [b.pk for b in bookings]}
        rebuild = Rebuild("registrations.mails.context_again", args)
    queue_mail(
        to=registration.email,
        template=PREFIX + name,
        context=None if by_worker else _context(registration, bookings, **context),
        language=registration.language,
        reply_to=event.contact.email if event.contact else "",
        attachments=attachments,
        erase_body_after_send=True,
        belongs_to=registration.outbox_key,
        rebuild=rebuild,
    )


def context_again(*, registration, bookings):
    """A mail's context for the worker (`Rebuild`): the registration and those of its bookings as
    they are now, or None if the registration is gone."""
    registration = Registration.objects.select_related("event__contact").filter(pk=registration).first()
    if registration is None:
        return None
    current = {b.pk: b for b in bookings_with_positions(registration)}
    return _context(registration, [current[pk] for pk in bookings if pk in current])


def confirm_address(registration, bookings):
    """Right after the form: please confirm your address; per event, place reserved or waiting.
    Rendered by the worker: `services.register` holds the event lock until its commit."""
    _send(registration, "confirm_address", bookings=bookings, by_worker=True)


def already_registered(registration, bookings):
    """The same address registered again: one registration, and here is its personal link."""
    _send(registration, "already_registered", bookings=bookings, by_worker=True)


def confirmed(registration, bookings):
    """Address confirmed and a place is yours; the calendar file is attached."""
    events = [b.event for b in bookings]
    _send(registration, "confirmed", bookings=bookings, attachments=_ics(events, registration.event.title))


def waiting(registration, bookings):
    """On the waiting list, with the position in line."""
    _send(registration, "waiting", bookings=bookings)


def moved_up(booking):
    """A place became free and is yours (or reserved until you confirm your address)."""
    registration = booking.registration
    attachments = _ics([booking.event], booking.event.title) if booking.status == "confirmed" else ()
    _send(registration, "moved_up", bookings=[booking], booking=booking, attachments=attachments)


def seat_offered(booking):
    """A place is offered until a deadline; accept it through the personal link."""
    _send(booking.registration, "seat_offered", bookings=[booking], booking=booking)


def reminder(booking, days_before):
    _send(
        booking.registration,
        "reminder",
        bookings=[booking],
        booking=booking,
        days_before=days_before,
        attachments=_ics([booking.event], booking.event.title),
    )


def cancelled_by_you(registration, bookings):
    _send(registration, "cancelled", bookings=bookings)


def event_changed(booking):
    attachments = _ics([booking.event], booking.event.title) if booking.has_place else ()
    _send(booking.registration, "event_changed", bookings=[booking], booking=booking, attachments=attachments)


def event_cancelled(booking):
    _send(booking.registration, "event_cancelled", bookings=[booking], booking=booking)


def lost_links(email, registrations, language):
    """All personal links for one address; sent only if the address has registrations."""
    with translation.override(language):
        items = [
            {
                "title": registration.event.title,
                "event": registration.event,
                "url": _absolute(
                    reverse("registrations:personal", kwargs={"token": tokens.personal_token(registration)})
                ),
            }
            for registration in registrations
        ]
    queue_mail(
        to=email,
        template=PREFIX + "lost_links",
        context={"items": items},
        language=language,
        erase_body_after_send=True,
    )


def team_place_free_after_deadline(event, free, waiting_count):
    """Tell the event's contact address that a place is free after the deadline and who decides."""
    if event.contact is None:
        return
    queue_mail(
        to=event.contact.email,
        template=PREFIX + "team_place_free",
        context={
            "event": event,
            "free": free,
            "waiting_count": waiting_count,
            "event_url": _absolute(event.get_absolute_url()),
        },
        language=settings.LANGUAGE_CODE,
    )
