"""Reports benchmark: five years of data (2,500 events, 75,000 registrations with their bookings and
report facts, 20,000 consultations), the report page for the last year with a comparison, and its
PDF and XLSX exports, in-process on a throwaway database with production settings (on PostgreSQL
with the statistics autovacuum would have gathered: `ANALYZE` after seeding).

    python bench/reports.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 20]
                            [--scale 1.0] [--profile]

`--scale 0.02` seeds a fiftieth for a quick smoke run. Counts the SQL queries of the page for the
small first year and for the whole data (they must be equal). `page_median_ms` is a page whose report
is computed anew on every request (`neu=1`), the exports too; the line before the last one gives the
median of the same page within REPORTS_CACHE_SECONDS (the report reused). `--profile` prints pyinstrument's call
tree of three page requests (and their SQL time) before the last line. Last line:
reports: events=N registrations=N page_median_ms=N pdf_s=N xlsx_s=N queries=N
(target: page median under 500 ms, queries independent of the data size).
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, median, production_env

EVENTS, REGISTRATIONS, CONSULTATIONS, YEARS = 2_500, 75_000, 20_000, 5
ROLES = ("volunteer", "professional", "administration")


def _seed(rng, scale, first_year):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from events.models import Contact, Event, Topic, Venue
    from multipliers.models import Consultation
    from regions.models import Municipality
    from registrations.models import Booking, Registration
    from reports.models import RegistrationFacts
    from reports.pseudonyms import pseudonym

    places = list(Municipality.objects.order_by("id"))
    venues = Venue.objects.bulk_create(
        [
            Venue(name=f"Bench-Ort {n}", street="Markt 1", postal_code="01000", municipality=p)
            for n, p in enumerate(places)
        ]
    )
    contact = Contact.objects.create(role="Bench-Team", email="bench.team@example.org")
    events_total, registrations_total = int(EVENTS * scale), int(REGISTRATIONS * scale)
    kinds = [Event.Kind.TRAINING, Event.Kind.TRAINING, Event.Kind.NETWORK, Event.Kind.CONFERENCE]
    events = []
    for n in range(events_total):
        day = date(first_year, 1, 1) + timedelta(days=int(n * YEARS * 365 / max(events_total, 1)))
        start = timezone.make_aware(datetime(day.year, day.month, day.day, 9))
        status = Event.Status.CANCELLED if n % 25 == 0 else Event.Status.HELD
        events.append(
            Event(
                kind=kinds[n % 4], title=f"Bench {n}", slug=f"bench-report-{n}", summary="Bench", start=start,
                end=start + timedelta(hours=3 + n % 5), status=status, venue=venues[rng.randrange(len(venues))],
                contact=contact, capacity=40,
            )
        )  # fmt: skip
    events = Event.objects.bulk_create(events, batch_size=1000)
    people = [f"person{n}@example.org" for n in range(max(registrations_total // 3, 1))]
    registrations, bookings_of = [], []
    for n in range(registrations_total):
        event = events[n % len(events)]
        # Distinct people at one event, the same people across events (unique per event and address).
        email = people[(n // len(events) + (n % len(events)) * 13) % len(people)]
        registrations.append(
            Registration(
                event=event, submission_key=f"bench-{n}", name=f"Bench {n}", email=email,
                role=ROLES[n % 3], municipality=places[rng.randrange(len(places))],
                first_time=n % 4 == 0, email_confirmed_at=event.start - timedelta(days=10),
                created_at=event.start - timedelta(days=12),
            )
        )  # fmt: skip
        bookings_of.append(event)
    registrations = Registration.objects.bulk_create(registrations, batch_size=2000)
    statuses = [Booking.Status.CONFIRMED] * 8 + [Booking.Status.WAITING, Booking.Status.CANCELLED]
    bookings, facts = [], []
    for n, (registration, event) in enumerate(zip(registrations, bookings_of, strict=True)):
        status = statuses[n % len(statuses)]
        confirmed = status == Booking.Status.CONFIRMED
        bookings.append(
            Booking(
                registration=registration, event=event, status=status,
                confirmed_at=registration.email_confirmed_at if confirmed else None,
                attended=(n % 5 != 0) if confirmed else None,
            )
        )  # fmt: skip
        facts.append(
            RegistrationFacts(registration=registration, pseudonym=pseudonym(registration.email), waited=n % 10 == 8)
        )
    Booking.objects.bulk_create(bookings, batch_size=5000)
    RegistrationFacts.objects.bulk_create(facts, batch_size=5000)
    topic = Topic.objects.get_or_create(slug="asylverfahren", defaults={"name": "Asylverfahren"})[0]
    multiplier = User.objects.create(
        email="bench.multi@example.org", role=User.Role.MULTIPLIER, password=make_password(None)
    )
    entries = Consultation.objects.bulk_create(
        [
            Consultation(
                multiplier=multiplier, month=date(first_year + n % YEARS, n % 12 + 1, 1),
                district_id=places[n % len(places)].district_id, advised="volunteer", duration="30",
            )
            for n in range(int(CONSULTATIONS * scale))
        ],
        batch_size=5000,
    )  # fmt: skip
    links = Consultation.topics.through
    links.objects.bulk_create([links(consultation_id=e.pk, topic_id=topic.pk) for e in entries], batch_size=5000)
    return len(events), len(registrations)


def _profile(client, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with CaptureQueriesContext(connection) as captured, profiler:
        for _n in range(3):
            client.get("/team/berichte/", query)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:8]
    print(f"SQL: {sum(float(q['time']) for q in captured.captured_queries):.3f} s in {len(captured)} queries; slowest:")
    for q in slowest:
        print(f"  {q['time']} s  {q['sql'][:300]}")


def seed_and_measure(env, *, scale, requests, profile=False):
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    last_year = timezone.localdate().year - 1
    first_year = last_year - YEARS + 1
    team = User.objects.create(email="bench.team.login@example.org", role=User.Role.TEAM)
    device = TOTPDevice.objects.create(user=team, name="bench", confirmed=True)
    client = Client()
    client.force_login(team)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    query = {"zeitraum": f"jahr-{last_year}", "vergleich": "vorjahr"}

    def page_queries():
        client.get("/team/berichte/", query)  # warm caches (menu, districts)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/team/berichte/", {**query, "neu": "1"})
        assert response.status_code == 200 and "Kennzahlen" in response.content.decode(), response.status_code
        return len(captured)

    queries_empty = page_queries()
    events, registrations = _seed(random.Random(16), scale, first_year)
    if connection.vendor == "postgresql":
        # The statistics autovacuum gathers within a minute of such a load on a production server;
        # without them PostgreSQL plans the seeded tables as if they were empty (nested loops over
        # thousands of rows). SQLite gathers none by itself, so it is measured without.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    queries_full = page_queries()
    timings, cached = [], []
    for _n in range(requests):
        started = time.perf_counter()
        client.get("/team/berichte/", {**query, "neu": "1"})  # computed anew, as the first view of a period
        timings.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get("/team/berichte/", query)  # the same period again within REPORTS_CACHE_SECONDS
        cached.append((time.perf_counter() - started) * 1000)
    if profile:
        _profile(client, {**query, "neu": "1"})
    cache.clear()  # the exports count everything themselves, as when downloaded without viewing first
    started = time.perf_counter()
    pdf = client.get("/team/berichte/export.pdf", query)
    pdf_s = time.perf_counter() - started
    cache.clear()
    started = time.perf_counter()
    xlsx = client.get("/team/berichte/export.xlsx", query)
    xlsx_s = time.perf_counter() - started
    assert pdf.status_code == 200 and xlsx.status_code == 200, (pdf.status_code, xlsx.status_code)
    connection.close()
    return events, registrations, timings, cached, pdf_s, xlsx_s, queries_empty, queries_full


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full data, e.g. 0.02 for a smoke run")
    parser.add_argument("--profile", action="store_true", help="print where three page requests spend their time")
    args = parser.parse_args()

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")  # the in-process pages need the static manifest
        started = time.monotonic()
        events, registrations, timings, cached, pdf_s, xlsx_s, q_empty, q_full = seed_and_measure(
            env, scale=args.scale, requests=args.requests, profile=args.profile
        )
        print(f"seeded and measured in {time.monotonic() - started:.1f} s; queries empty={q_empty} full={q_full}")
        print(f"the same page again (reused report): median {median(cached)} ms")
    print(
        f"reports: events={events} registrations={registrations} page_median_ms={median(timings)} "
        f"pdf_s={pdf_s:.1f} xlsx_s={xlsx_s:.1f} queries={q_full}"
    )


if __name__ == "__main__":
    main()
