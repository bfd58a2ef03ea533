"""Training-request queue benchmark: 5,000 requests, production server (gunicorn, one worker).

    python bench/requests.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 50]

Counts the SQL queries of the team's queue (`/team/anfragen/`, first page, filtered to "older than
7 days") in-process with 10 and with 5,000 requests in the database (must be equal), then times the
same page on the production server with 5,000 requests for a logged-in team member (session written
as in bench/backoffice.py: the verified two-factor login without the forms).

Last line: requests: total=5000 queue_median_ms=N queue_queries_small=N queue_queries_large=N
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, median, production_env, production_server, time_requests

SMALL, LARGE = 10, 5000
URL = "/team/anfragen/?alter=7"


def add_requests(count, start, team):
    """`count` confirmed requests across every municipality, state and kind, 10–100 days old."""
    from datetime import timedelta

    from django.utils import timezone

    from regions.models import Municipality
    from training_requests.models import TrainingRequest

    places = list(Municipality.objects.order_by("pk"))
    states, kinds = TrainingRequest.State.values, TrainingRequest.Kind.values
    now = timezone.now()
    rows = TrainingRequest.objects.bulk_create(
        TrainingRequest(
            organisation=f"Bench-Initiative {n}",
            kind=kinds[n % len(kinds)],
            municipality=places[n % len(places)],
            expected_participants=10 + n % 30,
            contact_name=f"Person {n}",
            contact_email=f"bench-{n}@example.org",
            state=states[n % len(states)],
            email_confirmed_at=now,
            assignee=team if n % 2 else None,
        )
        for n in range(start, start + count)
    )
    for offset, row in enumerate(rows):
        row.created_at = now - timedelta(days=10 + offset % 90)
    TrainingRequest.objects.bulk_update(rows, ["created_at"], batch_size=1000)


def build(env):
    os.environ.update(env)
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.testing import make_totp_device, make_user

    team = make_user("team", email="bench-team@example.org")
    device = make_totp_device(team)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(team.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = team.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return team, session.session_key, settings.SESSION_COOKIE_NAME


def count_queries(session_key, cookie_name):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[cookie_name] = session_key
    client.get(URL)  # warm caches like a running server
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    if response.status_code != 200 or "Bench-Initiative" not in response.content.decode():
        raise RuntimeError(f"{URL} answered {response.status_code} without the requests")
    return len(ctx.captured_queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")  # the in-process pages need the static manifest
        team, session_key, cookie_name = build(env)
        add_requests(SMALL, 0, team)
        small = count_queries(session_key, cookie_name)
        add_requests(LARGE - SMALL, SMALL, team)
        large = count_queries(session_key, cookie_name)
        from training_requests.models import TrainingRequest

        total = TrainingRequest.objects.count()
        with production_server(env, workers=1) as base:
            headers = {"Cookie": f"{cookie_name}={session_key}"}
            with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
                time_requests(client, URL, 5)  # warm up
                queue_ms = time_requests(client, URL, args.requests)
    print(
        f"requests: total={total} queue_median_ms={median(queue_ms)} "
        f"queue_queries_small={small} queue_queries_large={large}"
    )
    if small != large or total != LARGE:
        sys.exit(1)


if __name__ == "__main__":
    main()
