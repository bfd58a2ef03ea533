"""Registrations and people: read from the facts that survive anonymisation.

One query returns a row per booking (a registration has one per event or course module) with its
registration's small columns, the facts row and a few 0/1 flags, without grouping: grouping fifteen
thousand registrations in the database cost three times as much as the rows themselves. Python folds
the bookings of each registration and counts people, first-timers and roles in one pass with local
counters. A report of a year reads about fifteen thousand registrations, so every join and conversion
per row counts (bench/reports.py)."""

from collections import Counter

from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from regions.models import District, Municipality
from registrations.models import Booking, Registration, Role
from reports.models import RegistrationFacts
from reports.queries.report import Row, Table, figure


def registrations_in(scope):
    """Registrations for offers in the scope whose address was confirmed (or that the team entered):
    unconfirmed ones are deleted after a few days and would make the figures drift."""
    return Registration.objects.filter(event__in=scope.offers().values("pk"), email_confirmed_at__isnull=False)


def _flag(condition):
    """1 if the row (a booking with its registration and facts) meets the condition, else 0."""
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _came_before(scope):
    """1 if the person (by pseudonym) held a place at an offer that began before the period, else 0.

    A scalar look-up rather than EXISTS: PostgreSQL hashes an EXISTS over every earlier place in the
    archive before the first row, while this one it answers per row through `facts_person_idx`, and
    only for the rows that ask (a quarter): 30 instead of 70 ms for a year in bench/reports.py."""
    earlier = RegistrationFacts.objects.filter(
        pseudonym=OuterRef("report_facts__pseudonym"),
        registration__event__start__lt=scope.since,
        registration__bookings__status=Booking.Status.CONFIRMED,
    )
    found = Subquery(earlier.annotate(one=Value(1)).values("one")[:1], output_field=IntegerField())
    return Coalesce(found, Value(0))


def booking_rows(scope):
    """One row per booking of the registrations in the scope (a registration without bookings gives
    one row of empty flags): (registration id, role, first time, municipality, offer, pseudonym,
    waited, confirmed, attended, confirmed at a held event, cancelled, ever had a place, came before
    the period), flags as 0 or 1 (True or False on some databases)."""
    confirmed = Q(bookings__status=Booking.Status.CONFIRMED)
    # Asked only for first-time registrations with a place and a pseudonym (the registration's flag
    # compares addresses exactly; the pseudonym ignores case).
    asks = confirmed & Q(first_time=True) & ~Q(report_facts__pseudonym="")
    held = scope.units().filter(status="held").values("pk")  # a list the database builds once
    rows = (
        registrations_in(scope)
        .order_by()
        .values_list("pk", "role", "first_time", "municipality_id", "event_id", "report_facts__pseudonym")
        .annotate(
            waited=ExpressionWrapper(Q(report_facts__waited=True), output_field=BooleanField()),
            confirmed=_flag(confirmed),
            attended=_flag(Q(bookings__attended=True)),
            held=_flag(confirmed & Q(bookings__event__in=held)),
            cancelled=_flag(Q(bookings__status=Booking.Status.CANCELLED)),
            placed=_flag(Q(bookings__confirmed_at__isnull=False)),
            came_before=Case(When(asks, then=_came_before(scope)), default=Value(0), output_field=IntegerField()),
        )
    )
    # Read straight from the cursor: plain values need none of the ORM's per-row work, which costs
    # as much as the query for a year of registrations.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fold(earlier, row):
    """Two bookings of one registration (course modules) as one row: a flag is set if either has it."""
    return (*earlier[:7], *(a or b for a, b in zip(earlier[7:], row[7:], strict=True)))


def registration_rows(scope):
    """One row per registration, as `booking_rows` gives them, its bookings' flags folded."""
    folded = {}
    for row in booking_rows(scope):
        pk = row[0]
        earlier = folded.get(pk)
        folded[pk] = row if earlier is None else _fold(earlier, row)
    return folded.values()


def _count(scope):
    """The figures (a dict), {role: people} and {(district, "confirmed" or "attended"): n}: one pass
    over the registrations, with plain local counters (a year is fifteen thousand rows)."""
    district_of = dict(Municipality.objects.values_list("pk", "district_id"))
    offer_district = dict(scope.offers().values_list("pk", "venue__municipality__district"))
    total = confirmed_total = attended_total = no_shows = demand = cancellations = elsewhere = 0
    by_district = Counter()
    people, first_timers, municipalities = {}, set(), set()
    for row in registration_rows(scope):
        pk, role, first_time, place, offer, pseudonym, waited, *flags = row
        confirmed, attended, held, cancelled, placed, before = flags
        district = offer_district.get(offer)
        total += 1
        if attended:
            attended_total += 1
            by_district[district, "attended"] += 1
        elif held:
            no_shows += 1
        if waited and not placed:
            demand += 1
        if cancelled:
            cancellations += 1
        if not confirmed:
            continue
        # One key per person: the pseudonym, or the registration itself without one (no address, erased).
        key = pseudonym or f"registration:{pk}"
        confirmed_total += 1
        by_district[district, "confirmed"] += 1
        latest = people.get(key)
        if latest is None or latest[0] < pk:
            people[key] = (pk, role)  # the role of the person's latest registration
        if first_time and not before:
            first_timers.add(key)
        if place:
            municipalities.add(place)
            if district and district_of.get(place) != district:
                elsewhere += 1
    found = {
        "registrations": total,
        "confirmed": confirmed_total,
        "attended": attended_total,
        "no_shows": no_shows,
        "waiting_demand": demand,
        "cancellations": cancellations,
        "people": len(people),
        "first_timers": len(first_timers),
        "municipalities": len(municipalities),
        "from_other_districts": elsewhere,
    }
    return found, Counter(role for _pk, role in people.values()), by_district


def section(scope):
    found, roles, by_place = _count(scope)
    keys = ("registrations", "confirmed", "attended", "no_shows", "waiting_demand", "cancellations", "people")
    keys += ("first_timers", "municipalities", "from_other_districts")
    figures = [figure(key, found[key]) for key in keys]
    total = found["people"] or 1
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
    by_district = Table(
        "participants_by_district",
        _("Teilnehmer_innen nach Landkreis"),
        _("Bestätigte und teilgenommene Anmeldungen nach dem Landkreis des Angebots."),
        (_("Bestätigt"), _("Teilgenommen")),
        tuple(Row(d.slug, d.name, (by_place[d.pk, "confirmed"], by_place[d.pk, "attended"])) for d in districts),
        first=_("Landkreis"),
    )
    return figures, [by_role, by_district]
