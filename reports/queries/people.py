"""Registrations and people: read from the facts that survive anonymisation."""

from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _

from regions.models import District
from registrations.models import Booking, Registration, Role
from reports.models import RegistrationFacts
from reports.queries.report import Row, Table, figure


def registrations_in(scope):
    """Registrations for offers in the scope whose address was confirmed (or that the team entered):
    unconfirmed ones are deleted after a few days and would make the figures drift."""
    return Registration.objects.filter(event__in=scope.offers().values("pk"), email_confirmed_at__isnull=False)


def person_key(registration_id, pseudonym):
    """One key per person: the pseudonym, or the registration itself without one (no address, erased)."""
    return pseudonym or f"registration:{registration_id}"


def section(scope):
    registrations = registrations_in(scope)
    rows = list(
        registrations.values_list(
            "pk",
            "role",
            "first_time",
            "municipality",
            "municipality__district",
            "event__venue__municipality__district",
            "report_facts__pseudonym",
            "report_facts__waited",
        )
    )
    bookings = defaultdict(list)
    for registration_id, status, confirmed_at, attended, event_status in Booking.objects.filter(
        registration__in=registrations.values("pk")
    ).values_list("registration", "status", "confirmed_at", "attended", "event__status"):
        bookings[registration_id].append((status, confirmed_at, attended, event_status))

    confirmed = [r for r in rows if any(b[0] == Booking.Status.CONFIRMED for b in bookings[r[0]])]
    attended = [r for r in rows if any(b[2] is True for b in bookings[r[0]])]
    no_shows = [
        r
        for r in confirmed
        if any(b[0] == Booking.Status.CONFIRMED and b[3] == "held" for b in bookings[r[0]])
        and not any(b[2] is True for b in bookings[r[0]])
    ]
    demand = [r for r in rows if r[7] and not any(b[1] for b in bookings[r[0]])]
    cancelled = [r for r in rows if any(b[0] == Booking.Status.CANCELLED for b in bookings[r[0]])]
    # A person's role is the one of their latest registration in the period.
    people = {}
    for r in sorted(confirmed, key=lambda r: r[0]):
        people[person_key(r[0], r[6])] = r[1]
    # Registrations' own flag, and no place before the period under the same pseudonym (the flag
    # compares addresses exactly; the pseudonym ignores case).
    came_before = set(
        RegistrationFacts.objects.filter(
            pseudonym__in=registrations.exclude(report_facts__pseudonym="").values("report_facts__pseudonym"),
            registration__event__start__lt=scope.since,
            registration__bookings__status=Booking.Status.CONFIRMED,
        ).values_list("pseudonym", flat=True)
    )
    first_timers = {person_key(r[0], r[6]) for r in confirmed if r[2] and r[6] not in came_before}
    municipalities = {r[3] for r in confirmed if r[3]}
    from_elsewhere = [r for r in confirmed if r[4] and r[5] and r[4] != r[5]]

    figures = [
        figure("registrations", len(rows)),
        figure("confirmed", len(confirmed)),
        figure("attended", len(attended)),
        figure("no_shows", len(no_shows)),
        figure("waiting_demand", len(demand)),
        figure("cancellations", len(cancelled)),
        figure("people", len(people)),
        figure("first_timers", len(first_timers)),
        figure("municipalities", len(municipalities)),
        figure("from_other_districts", len(from_elsewhere)),
    ]
    roles = Counter(people.values())
    total = len(people) or 1
    by_role = Table(
        "people_by_role",
        _("Personen nach Rolle"),
        _("Verschiedene Personen mit bestätigtem Platz nach der Rolle ihrer letzten Anmeldung im Zeitraum."),
        (_("Personen"), _("Anteil in %")),
        tuple(
            Row(role.value, role.label, (roles[role.value], round(100 * roles[role.value] / total, 1))) for role in Role
        ),
        first=_("Rolle"),
    )
    districts = District.objects.order_by("name")
    if scope.districts:
        districts = districts.filter(pk__in=scope.districts)
    confirmed_by_district = Counter(r[5] for r in confirmed)
    attended_by_district = Counter(r[5] for r in attended)
    by_district = Table(
        "participants_by_district",
        _("Teilnehmer_innen nach Landkreis"),
        _("Bestätigte und teilgenommene Anmeldungen nach dem Landkreis des Angebots."),
        (_("Bestätigt"), _("Teilgenommen")),
        tuple(Row(d.slug, d.name, (confirmed_by_district[d.pk], attended_by_district[d.pk])) for d in districts),
        first=_("Landkreis"),
    )
    return figures, [by_role, by_district]
