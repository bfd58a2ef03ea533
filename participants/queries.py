"""Reads for the participant pages, each a fixed number of queries however many people registered."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.text import natural_key
from participants.models import CheckIn, Mailing
from regions.models import Municipality
from registrations.models import Booking, Registration, Role, without_address

STATUS_GROUPS = {
    "confirmed": (Booking.Status.CONFIRMED,),
    "pending": (Booking.Status.HELD, Booking.Status.OFFERED),
    "waiting": (Booking.Status.WAITING,),
    "cancelled": (
        Booking.Status.CANCELLED,
        Booking.Status.LAPSED,
        Booking.Status.OFFER_EXPIRED,
        Booking.Status.EVENT_CANCELLED,
    ),
}


def _check_in_count(session=None):
    rows = CheckIn.objects.filter(booking=OuterRef("pk"))
    if session is not None:
        rows = rows.filter(session=session)
    rows = rows.order_by().values("booking").annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def bookings_of(event):
    """An event's bookings with registration, municipality, walk-in marker and check-in count."""
    return (
        Booking.objects.filter(event=event)
        .select_related("registration__municipality__district", "registration__walk_in")
        .annotate(check_in_count=_check_in_count())
    )


def by_name(bookings):
    """Bookings sorted by name as people read it ("… 2" before "… 10"); a database sorts "10" first."""
    return sorted(bookings, key=lambda booking: (natural_key(booking.registration.name), booking.pk))


def participant_rows(event, *, q="", status="", role="", municipality=None):
    """The participant list by name, filtered; without a status: everyone with a place or waiting."""
    bookings = bookings_of(event)
    statuses = STATUS_GROUPS.get(status) or Booking.ACTIVE
    bookings = bookings.filter(status__in=statuses)
    if q:
        bookings = bookings.filter(
            Q(registration__name__icontains=q)
            | Q(registration__email__icontains=q)
            | Q(registration__organisation__icontains=q)
        )
    if role:
        bookings = bookings.filter(registration__role=role)
    if municipality:
        bookings = bookings.filter(registration__municipality=municipality)
    return by_name(bookings)


def with_waiting_positions(bookings):
    """Set `position` on waiting bookings (their place in line for the whole event), in one query."""
    bookings = list(bookings)
    waiting = [b for b in bookings if b.status == Booking.Status.WAITING]
    if waiting:
        line = list(
            Booking.objects.filter(event=waiting[0].event_id, status=Booking.Status.WAITING)
            .order_by("id")
            .values_list("id", flat=True)
        )
        positions = {pk: n for n, pk in enumerate(line, start=1)}
        for booking in waiting:
            booking.position = positions.get(booking.pk)
    return bookings


def counts(event):
    """Counts by status group and attendance, in one query (also for partners without names)."""
    groups = {name: Count("id", filter=Q(status__in=statuses)) for name, statuses in STATUS_GROUPS.items()}
    return Booking.objects.filter(event=event).aggregate(
        **groups, attended=Count("id", filter=Q(attended=True, status__in=Booking.TAKEN))
    )


def hub_figures(*, event):
    """Answer to `event_hub_figures`: how many were present (one query)."""
    attended = Booking.objects.filter(event=event, attended=True, status__in=Booking.TAKEN).count()
    return [(40, _("Anwesend"), attended)]


def counts_by_role(event):
    rows = (
        Booking.objects.filter(event=event, status__in=Booking.TAKEN)
        .values("registration__role")
        .annotate(n=Count("id"))
        .order_by("registration__role")
    )
    labels = dict(Role.choices)
    return [(labels.get(row["registration__role"], row["registration__role"]), row["n"]) for row in rows]


def municipalities_of(event):
    """The municipalities the event's people come from (for the filter), one query."""
    ids = Registration.objects.filter(bookings__event=event).values("municipality")
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def recipients(event, audience):
    """Bookings (with registration) a mailing to `audience` goes to; walk-ins without address are left out."""
    if audience == Mailing.Audience.WAITING:
        bookings = Booking.objects.filter(event=event, status=Booking.Status.WAITING)
    elif audience == Mailing.Audience.ATTENDEES:
        bookings = Booking.objects.filter(event=event, status__in=Booking.TAKEN, attended=True)
    else:
        bookings = Booking.objects.filter(event=event, status__in=Booking.TAKEN)
    return (
        bookings.exclude(without_address("registration__"))
        .filter(registration__anonymised_at__isnull=True)
        .select_related("registration", "event__contact")
        .order_by("id")
    )


def without_address_counts(event):
    """How many people of each audience a mailing cannot reach (entered without an e-mail
    address), in one query: the team calls them or prints for them."""
    bookings = Booking.objects.filter(event=event, registration__anonymised_at__isnull=True)
    return bookings.filter(without_address("registration__")).aggregate(
        participants=Count("id", filter=Q(status__in=Booking.TAKEN)),
        waiting=Count("id", filter=Q(status=Booking.Status.WAITING)),
        attendees=Count("id", filter=Q(status__in=Booking.TAKEN, attended=True)),
    )


def mailing_progress(mailings):
    """Annotate queued / sent / failed outbox counts on mailings (one query)."""
    return mailings.annotate(
        n_queued=Count("messages", filter=Q(messages__status__in=("queued", "sending"))),
        n_sent=Count("messages", filter=Q(messages__status="sent")),
        n_failed=Count("messages", filter=Q(messages__status="failed")),
        n_written=Count("messages"),
    )


def check_in_rows(event, session, *, q=""):
    """People with a place (or already ticked) for the door list (sort it with `by_name`); `present`
    for this session."""
    present = CheckIn.objects.filter(booking=OuterRef("pk"), session=session)
    bookings = (
        Booking.objects.filter(event=event)
        .filter(Q(status__in=Booking.TAKEN) | Q(Exists(present)))
        .select_related("registration__municipality", "registration__walk_in")
        .annotate(present=Exists(present))
    )
    if q:
        bookings = bookings.filter(Q(registration__name__icontains=q) | Q(registration__organisation__icontains=q))
    return bookings


def check_in_counts(event, session):
    present = CheckIn.objects.filter(booking=OuterRef("pk"), session=session)
    return (
        Booking.objects.filter(event=event)
        .filter(Q(status__in=Booking.TAKEN) | Q(Exists(present)))
        .aggregate(expected=Count("id"), present=Count("id", filter=Q(Exists(present))))
    )


def attendees(event):
    """Who was present (at least once): the people a certificate and a feedback link go to."""
    return (
        Booking.objects.filter(event=event, attended=True, status__in=Booking.TAKEN)
        .select_related("registration__municipality", "event__contact")
        .order_by("registration__name", "id")
    )
