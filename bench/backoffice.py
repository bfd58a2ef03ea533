"""Back-office benchmark: an event with 300 participants, production server (gunicorn, one worker).

    python bench/backoffice.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 50]

Times the participant list and the check-in page for a logged-in team member, counts the SQL
queries of both pages with 3 and with 300 participants (in-process, same database; must be equal),
and times the real certificate worker (`documents.services.send_certificates`) for 300 attendees.

Login: the bench skips the password and TOTP forms (their own tests live in accounts/). It writes
a session row the way Django's login() and django-otp's login() leave it — user id, backend, the
password-derived session hash, and `otp_device_id` holding a confirmed TOTP device's persistent
id — so OTPMiddleware marks the request verified exactly as after a real code entry.

Last line: backoffice: participants=300 list_median_ms=N checkin_median_ms=N queries_small=N
queries_large=N certificates_s=N
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, median, production_env, production_server, time_requests

LARGE, SMALL = 300, 3


def build(env):
    """Two events (3 and 300 confirmed participants), a team account with a verified session."""
    os.environ.update(env)
    import django

    django.setup()
    from datetime import timedelta
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.testing import make_totp_device, make_user
    from events.testing import make_event
    from regions.models import Municipality
    from registrations.models import Booking, Registration

    places = list(Municipality.objects.order_by("name")[:40])
    start = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    events = {}
    for size in (SMALL, LARGE):
        event = make_event(
            title=f"Bench-Schulung mit {size} Personen",
            slug=f"bench-{size}",
            start=start,
            end=start + timedelta(hours=6),
            registration_deadline=None,
            capacity=size,
        )
        registrations = Registration.objects.bulk_create(
            Registration(
                event=event,
                submission_key=f"bench-{size}-{n}",
                name=f"Person {n:03d} Beispiel",
                email=f"person{n}-{size}@example.org",
                organisation=f"Initiative {n % 25}",
                role="volunteer" if n % 3 else "professional",
                municipality=places[n % len(places)],
                email_confirmed_at=start - timedelta(days=3),
            )
            for n in range(size)
        )
        Booking.objects.bulk_create(
            Booking(registration=r, event=event, status=Booking.Status.CONFIRMED, confirmed_at=start)
            for r in registrations
        )
        events[size] = event
    team = make_user("team", email="bench-team@example.org")
    device = make_totp_device(team)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(team.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = team.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return events, team, session.session_key, settings.SESSION_COOKIE_NAME


def count_queries(events, session_key, cookie_name):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[cookie_name] = session_key
    counts = {}
    for size, event in events.items():
        for page in ("teilnehmende/", "einlass/"):
            url = f"/team/veranstaltungen/{event.pk}/{page}"
            client.get(url)  # warm caches like a running server
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            if response.status_code != 200 or "Person 000 Beispiel" not in response.content.decode():
                raise RuntimeError(f"{url} answered {response.status_code} without the participants")
            counts[(size, page)] = len(ctx.captured_queries)
    return counts


def time_certificates(event, team):
    """Check everyone in, then run the worker's function for all 300 certificates."""
    from django.utils import timezone

    from documents.services import send_certificates
    from mail.models import OutboxMessage
    from participants.models import CheckIn, Mailing
    from registrations.models import Booking

    bookings = list(Booking.objects.filter(event=event))
    CheckIn.objects.bulk_create(CheckIn(booking=b, checked_in_by=team, checked_in_at=timezone.now()) for b in bookings)
    Booking.objects.filter(event=event).update(attended=True)
    mailing = Mailing.objects.create(event=event, kind="certificates", audience="attendees", planned=len(bookings))
    started = time.perf_counter()
    sent = send_certificates(mailing_id=mailing.pk)
    seconds = time.perf_counter() - started
    queued = OutboxMessage.objects.filter(template="documents/mail/certificate").count()
    if sent != len(bookings) or queued != len(bookings):
        raise RuntimeError(f"the worker queued {queued} certificates for {len(bookings)} attendees")
    return round(seconds, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        events, team, session_key, cookie_name = build(env)
        counts = count_queries(events, session_key, cookie_name)
        large = events[LARGE]
        with production_server(env, workers=1) as base:
            # The session cookie is Secure in production; send it as a header over the local http.
            headers = {"Cookie": f"{cookie_name}={session_key}"}
            with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
                list_url = f"/team/veranstaltungen/{large.pk}/teilnehmende/"
                checkin_url = f"/team/veranstaltungen/{large.pk}/einlass/"
                for url in (list_url, checkin_url):
                    time_requests(client, url, 5)  # warm up
                list_ms = time_requests(client, list_url, args.requests)
                checkin_ms = time_requests(client, checkin_url, args.requests)
        certificates_s = time_certificates(large, team)
    small_total = counts[(SMALL, "teilnehmende/")] + counts[(SMALL, "einlass/")]
    large_total = counts[(LARGE, "teilnehmende/")] + counts[(LARGE, "einlass/")]
    print(
        "queries per page (3 / 300): "
        + ", ".join(f"{page} {counts[(SMALL, page)]}/{counts[(LARGE, page)]}" for page in ("teilnehmende/", "einlass/"))
    )
    print(
        f"backoffice: participants={LARGE} list_median_ms={median(list_ms)} checkin_median_ms={median(checkin_ms)} "
        f"queries_small={small_total} queries_large={large_total} certificates_s={certificates_s}"
    )
    if small_total != large_total:
        sys.exit(1)


if __name__ == "__main__":
    main()
