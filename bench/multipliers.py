"""Multiplier programme benchmark: 500 listed multipliers, 20,000 consultation log entries and a
cohort of 30 people × 6 modules, production server, one worker.

    python bench/multipliers.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 200]

Times the public search "Multiplikator_innen in Ihrer Nähe" (Görlitz, 40 km, Asylverfahren) over
HTTP, counts the SQL queries of the cohort matrix page for a cohort of 3 and of 30 people (they
must be equal), and times logging one consultation (the multiplier's form POST, in-process).
Last line: multipliers: listed=500 search_median_ms=N matrix_queries_small=N matrix_queries_large=N
log_entry_ms=N (target: search median under 30 ms, matrix queries equal).
"""

import argparse
import os
import random
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, median, p95, production_env, production_server, time_requests

SEARCH_URL = "/multiplikatorinnen/?ort=G%C3%B6rlitz&umkreis=40&thema=asylverfahren"
LISTED, LOG_ENTRIES = 500, 20_000


def _seed_people(rng):
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from events.models import Language, Topic
    from multipliers.models import LISTING_CONSENT_VERSION, Consultation, Multiplier
    from regions.models import Municipality

    topics = [
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in (("asylverfahren", "Asylverfahren"), ("arbeit", "Arbeit"), ("sprache", "Sprache"))
    ]
    languages = [
        Language.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("de", "Deutsch"), ("ar", "Arabisch"), ("fa", "Persisch"))
    ]
    places = list(Municipality.objects.order_by("id"))
    users = User.objects.bulk_create(
        [
            User(email=f"bench.multi{n}@example.org", role=User.Role.MULTIPLIER, password=make_password(None))
            for n in range(LISTED)
        ]
    )
    from django.utils import timezone

    profiles = Multiplier.objects.bulk_create(
        [
            Multiplier(
                user=user,
                display_name=f"Bench M. {n}",
                municipality=places[n % len(places)],
                listed=True,
                listing_consent_version=LISTING_CONSENT_VERSION,
                listing_consented_at=timezone.now(),
            )
            for n, user in enumerate(users)
        ]
    )
    topic_links = Multiplier.topics.through
    language_links = Multiplier.languages.through
    topic_links.objects.bulk_create(
        [topic_links(multiplier_id=p.pk, topic_id=t.pk) for p in profiles for t in rng.sample(topics, 2)]
    )
    language_links.objects.bulk_create(
        [language_links(multiplier_id=p.pk, language_id=lang.pk) for p in profiles for lang in rng.sample(languages, 2)]
    )
    today = date.today()
    entries = Consultation.objects.bulk_create(
        [
            Consultation(
                multiplier_id=users[n % LISTED].pk,
                month=date(today.year - (1 if n % 12 >= today.month else 0), (today.month - n % 12 - 1) % 12 + 1, 1),
                district_id=places[n % len(places)].district_id,
                advised="volunteer",
                duration="30",
            )
            for n in range(LOG_ENTRIES)
        ],
        batch_size=2000,
    )
    links = Consultation.topics.through
    links.objects.bulk_create(
        [links(consultation_id=e.pk, topic_id=topics[n % 3].pk) for n, e in enumerate(entries)], batch_size=5000
    )
    return users[0]


def _cohort(size, title):
    from django.utils import timezone

    from events.models import Contact, Event, Venue
    from participants.models import CheckIn
    from privacy.consent import Consent
    from regions.models import Municipality
    from registrations import services
    from registrations.models import Booking, Registration

    place = Municipality.objects.get(name="Görlitz")
    venue = Venue.objects.create(name="Bench-Saal", street="Markt 1", postal_code="02826", municipality=place)
    contact = Contact.objects.create(role="Bench-Team", email="bench.team@example.org")
    first = timezone.now() - timedelta(days=60)
    course = Event.objects.create(
        kind=Event.Kind.COURSE, title=title, slug=f"bench-{secrets.token_hex(4)}", summary="Bench",
        start=first, end=first + timedelta(weeks=5, hours=7), status=Event.Status.HELD, venue=venue, contact=contact,
    )  # fmt: skip
    for week in range(6):
        start = first + timedelta(weeks=week)
        Event.objects.create(
            kind=Event.Kind.COURSE, course=course, title=f"Modul {week + 1}", slug=f"{course.slug}-{week}",
            summary="Bench", start=start, end=start + timedelta(hours=7), status=Event.Status.HELD,
            venue=venue, contact=contact,
        )  # fmt: skip
    before = first - timedelta(days=7)
    for n in range(size):
        key = secrets.token_urlsafe(16)
        person = {"name": f"Bench Person {n}", "email": f"bench.{course.slug}.{n}@example.org", "role": "volunteer"}
        services.register(
            event=course, person=person, consent=Consent(version=None, at=before), submission_key=key,
            language="de", now=before,
        )  # fmt: skip
        registration = Registration.objects.get(submission_key=key)
        services.confirm_address(registration=registration, now=before)
        for booking in Booking.objects.filter(registration=registration).order_by("event__start")[: 6 - n % 2]:
            CheckIn.objects.create(booking=booking)
            Booking.objects.filter(pk=booking.pk).update(attended=True)
    return course


def seed_and_measure(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from multipliers.models import Multiplier

    rng = random.Random(12)
    multiplier = _seed_people(rng)
    small, large = _cohort(3, "Bench-Fortbildung klein"), _cohort(30, "Bench-Fortbildung groß")
    team = User.objects.create(email="bench.team.login@example.org", role=User.Role.TEAM)
    device = TOTPDevice.objects.create(user=team, name="bench", confirmed=True)

    def matrix_queries(course):
        client = Client()
        client.force_login(team)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        client.get(f"/team/veranstaltungen/{course.pk}/kohorte/")  # warm caches (menu, places)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/team/veranstaltungen/{course.pk}/kohorte/")
        assert response.status_code == 200, response.status_code
        return len(captured)

    queries_small, queries_large = matrix_queries(small), matrix_queries(large)

    client = Client()
    client.force_login(multiplier)
    district = Multiplier.objects.get(user=multiplier).municipality.district_id
    from events.models import Topic

    topic = Topic.objects.get(slug="asylverfahren").pk
    form = {
        "month": timezone.localdate().strftime("%Y-%m"),
        "district": district,
        "topics": [topic],
        "advised": "volunteer",
        "duration": "30",
    }
    timings = []
    for _n in range(50):
        started = time.perf_counter()
        response = client.post("/multiplikator/beratungen/", form)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.status_code
    connection.close()
    return Multiplier.objects.listed().count(), queries_small, queries_large, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")  # the in-process pages need the static manifest
        started = time.monotonic()
        listed, queries_small, queries_large, log_ms = seed_and_measure(env)
        print(f"seeded {listed} listed multipliers, {LOG_ENTRIES} log entries in {time.monotonic() - started:.1f} s")
        with production_server(env, workers=1) as base, httpx.Client(base_url=base, timeout=30) as client:
            page = client.get(SEARCH_URL)
            assert page.status_code == 200 and "gefunden" in page.text, page.status_code
            time_requests(client, SEARCH_URL, 20)  # warm up
            search = time_requests(client, SEARCH_URL, args.requests)
    print(f"details: search_p95_ms={p95(search)} log_entry_p95_ms={p95(log_ms)}")
    print(
        f"multipliers: listed={listed} search_median_ms={median(search)} matrix_queries_small={queries_small} "
        f"matrix_queries_large={queries_large} log_entry_ms={median(log_ms)}"
    )


if __name__ == "__main__":
    main()
