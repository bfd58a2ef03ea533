"""What the two PDFs show, read in a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_team
from documents.models import Certificate
from events.permissions import events_visible_to
from participants.models import CheckIn
from participants.queries import by_name
from registrations.models import Booking, without_address

EMPTY_ROWS = 10  # for people who come without registering


def attendance_list_rows(event):
    """Everyone with a place, by name (the list is printed before the door opens)."""
    return by_name(
        Booking.objects.filter(event=event, status__in=Booking.TAKEN).select_related("registration__municipality")
    )


def _event_hours(event):
    """Hours of an event without sessions: one day's length, times the number of days."""
    if not (event.start and event.end):
        return None
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    days = (end.date() - start.date()).days + 1
    if days == 1:
        return (end - start) / timedelta(hours=1)
    daily = (end - start - timedelta(days=days - 1)) / timedelta(hours=1)
    return daily * days if daily > 0 else None


@dataclass(frozen=True)
class CertificateData:
    booking: Booking
    hours: float | None
    sessions: list


def certificate_data(bookings, event):
    """Per attended booking: the sessions attended and the hours they add up to."""
    check_ins = CheckIn.objects.filter(session__isnull=False).select_related("session").order_by("session__start")
    bookings = Booking.objects.filter(pk__in=[b.pk for b in bookings]).select_related(
        "registration", "event__venue__municipality", "event__contact"
    )
    bookings = bookings.prefetch_related(Prefetch("check_ins", queryset=check_ins, to_attr="session_check_ins"))
    result = []
    for booking in by_name(bookings):
        sessions = [c.session for c in booking.session_check_ins]
        hours = sum((s.end - s.start) / timedelta(hours=1) for s in sessions) if sessions else _event_hours(event)
        result.append(CertificateData(booking, hours, sessions))
    return result


def attended_bookings(event):
    return Booking.objects.filter(event=event, attended=True, status__in=Booking.TAKEN).exclude(
        registration__anonymised_at__isnull=False
    )


def hub_figures(*, event):
    """Answer to `event_hub_figures`: certificates sent (one query)."""
    return [(50, _("Bescheinigungen verschickt"), Certificate.objects.filter(booking__event=event).count())]


def certificate_counts(event):
    """What happens with the certificate of each person present, in one query. The parts add up
    to `present`, the participant list's "Anwesend": sent, still to send, no e-mail address (to
    print), or contact data already anonymised (retention)."""
    present = Booking.objects.filter(event=event, attended=True, status__in=Booking.TAKEN)
    open_ = Q(certificate__isnull=True)
    erased = Q(registration__anonymised_at__isnull=False)
    no_address = without_address("registration__")
    return present.aggregate(
        present=Count("id"),
        sent=Count("id", filter=Q(certificate__isnull=False)),
        pending=Count("id", filter=open_ & ~erased & ~no_address),
        without_address=Count("id", filter=open_ & ~erased & no_address),
        erased=Count("id", filter=open_ & erased),
    )


def attended_without_address(event):
    """People present who left no e-mail address (walk-ins): their certificate is printed."""
    bookings = attended_bookings(event).filter(without_address("registration__"), certificate__isnull=True)
    return by_name(bookings.select_related("registration"))


def events_with_certificates_due(events, now=None):
    """Of `events`, those over with someone checked in who has no certificate yet (dashboard)."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        attended=True, status__in=Booking.TAKEN, certificate__isnull=True, registration__anonymised_at__isnull=True
    ).exclude(without_address("registration__"))
    return events.filter(end__lt=now, pk__in=due.values("event")).order_by("-end", "id")


def due_for_dashboard(*, user, now):
    """Answer to `dashboard_due`: the team's events over with certificates still to send."""
    if not is_team(user):
        return []
    due = list(events_with_certificates_due(events_visible_to(user), now)[:20])
    return [("documents/_due.html", {"due_certificates": due})] if due else []
