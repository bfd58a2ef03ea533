"""Offers, sessions and hours."""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session
from regions.models import District
from reports.queries.report import Row, Table, figure

STATES = (Event.Status.HELD, Event.Status.CANCELLED, Event.Status.PUBLISHED)


def state_columns():
    return (_("durchgeführt"), _("abgesagt"), _("geplant"))


def _hours(start, end):
    return (end - start).total_seconds() / 3600 if start and end else 0.0


def month_of(moment, zone):
    """ "2025-03": the month of a moment in the given time zone (strftime and localtime per row were a
    tenth of a report's time)."""
    local = moment.astimezone(zone)
    return f"{local.year:04d}-{local.month:02d}"


def unit_facts(scope):
    """[(event id, kind, district id, month, hours, sessions, attendees)] for every unit that was not
    cancelled: its sessions' lengths and number, or start to end and one session without any."""
    units = scope.units().exclude(status=Event.Status.CANCELLED)
    # Grouped by these columns only (annotating first would group by every column of the event).
    rows = (
        units.order_by()
        .values_list("pk", "kind", "course__kind", "venue__municipality__district", "start", "end")
        .annotate(attendees=Count("bookings", filter=Q(bookings__attended=True)))
    )
    sessions = defaultdict(list)
    for event_id, start, end in Session.objects.filter(event__in=units.values("pk")).values_list(
        "event", "start", "end"
    ):
        sessions[event_id].append(_hours(start, end))
    found, zone = [], timezone.get_current_timezone()
    for pk, kind, course_kind, district, start, end, attendees in rows:
        own = sessions.get(pk)
        hours = sum(own) if own else _hours(start, end)
        month = month_of(start, zone)
        found.append((pk, course_kind or kind, district, month, hours, len(own) if own else 1, attendees))
    return found


def months_of(scope):
    months, day = [], scope.start.replace(day=1)
    while day <= scope.end:
        months.append(day.strftime("%Y-%m"))
        day = day.replace(year=day.year + (day.month == 12), month=day.month % 12 + 1)
    return months


def section(scope):
    offers = Counter(scope.offers().values_list("kind", "venue__municipality__district", "status"))
    zone = timezone.get_current_timezone()
    offer_months = Counter(
        month_of(start, zone)
        for start in scope.offers().exclude(status=Event.Status.CANCELLED).values_list("start", flat=True)
    )
    units = unit_facts(scope)
    hours = sum(u[4] for u in units)
    participant_hours = sum(u[4] * u[6] for u in units)

    def count(status, kind=None, district=None):
        return sum(
            n
            for (k, d, s), n in offers.items()
            if s == status and kind in (None, k) and (district is None or d == district)
        )

    figures = [
        figure("offers_held", count(Event.Status.HELD)),
        figure("offers_cancelled", count(Event.Status.CANCELLED)),
        figure("offers_planned", count(Event.Status.PUBLISHED)),
        figure("sessions", sum(u[5] for u in units)),
        figure("training_hours", round(hours, 1)),
        figure("participant_hours", round(participant_hours, 1)),
    ]
    by_kind_hours = defaultdict(float)
    by_kind_person_hours = defaultdict(float)
    for unit in units:
        by_kind_hours[unit[1]] += unit[4]
        by_kind_person_hours[unit[1]] += unit[4] * unit[6]
    kinds = [k for k in Event.Kind if not scope.kinds or k in scope.kinds]
    by_kind = Table(
        "offers_by_kind",
        _("Angebote nach Art"),
        _("Angebote mit Beginn im Zeitraum nach Stand; Stunden und Teilnahmestunden der nicht abgesagten."),
        (*state_columns(), _("Stunden"), _("Teilnahmestunden")),
        tuple(
            Row(
                kind.value,
                kind.label,
                (
                    *(count(s, kind=kind.value) for s in STATES),
                    round(by_kind_hours[kind.value], 1),
                    round(by_kind_person_hours[kind.value], 1),
                ),
            )
            for kind in kinds
        ),
        first=_("Art"),
    )
    districts = District.objects.order_by("name")
    if scope.districts:
        districts = districts.filter(pk__in=scope.districts)
    by_district = Table(
        "offers_by_district",
        _("Angebote nach Landkreis"),
        _("Angebote mit Beginn im Zeitraum nach dem Landkreis ihres Ortes und nach Stand."),
        state_columns(),
        tuple(Row(d.slug, d.name, tuple(count(s, district=d.pk) for s in STATES)) for d in districts),
        first=_("Landkreis"),
    )
    attendees_by_month = Counter()
    for unit in units:
        attendees_by_month[unit[3]] += unit[6]
    by_month = Table(
        "by_month",
        _("Nach Monat"),
        _("Nicht abgesagte Angebote nach Monat ihres Beginns; Anwesende nach Monat der Veranstaltung oder des Moduls."),
        (_("Angebote"), _("Anwesende")),
        tuple(Row(m, m, (offer_months[m], attendees_by_month[m])) for m in months_of(scope)),
        first=_("Monat"),
    )
    return figures, [by_kind, by_district, by_month]
