"""Participant statistics that survive anonymisation: they read only the facts retention keeps.

Counts confirmed places (one per person and event) by role, municipality, district, first time
or returning, and attendance. Retention tests compare these before and after anonymisation.
"""

from django.db.models import Count, Q

from registrations.models import Booking


def participant_statistics(*, events=None, start=None, end=None):
    """{"total", "by_role", "by_municipality", "by_district", "first_time", "returning", "attended",
    "absent", "attendance_unknown"} for confirmed places, optionally limited to events or a period."""
    places = Booking.objects.filter(status=Booking.Status.CONFIRMED)
    if events is not None:
        places = places.filter(event__in=events)
    if start is not None:
        places = places.filter(event__start__gte=start)
    if end is not None:
        places = places.filter(event__start__lt=end)
    totals = places.aggregate(
        total=Count("id"),
        first_time=Count("id", filter=Q(registration__first_time=True)),
        returning=Count("id", filter=Q(registration__first_time=False)),
        # Aliases must not shadow Booking.attended, hence the prefix.
        n_attended=Count("id", filter=Q(attended=True)),
        n_absent=Count("id", filter=Q(attended=False)),
        n_unknown=Count("id", filter=Q(attended__isnull=True)),
    )
    totals["attended"], totals["absent"] = totals.pop("n_attended"), totals.pop("n_absent")
    totals["attendance_unknown"] = totals.pop("n_unknown")

    def grouped(field):
        rows = places.order_by().values(field).annotate(n=Count("id")).values_list(field, "n")
        return dict(rows)

    return {
        **totals,
        "by_role": grouped("registration__role"),
        "by_municipality": grouped("registration__municipality__name"),
        "by_district": grouped("registration__municipality__district__name"),
    }
