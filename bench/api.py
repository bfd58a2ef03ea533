"""REST API and webhooks benchmark: 1,000 upcoming + 20,000 past offers, production server, one worker.

    python bench/api.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 200] [--events 100]

Measures GET /api/v1/events (first page) and one event's detail through gunicorn, counts the SQL
queries of the list in-process, then publishes `--events` drafts with a webhook subscriber (a local
receiver that answers 500 to the first attempt of every fifth message) and runs the task worker
until everything is delivered.

Last line: api: events=1000 list_median_ms=N detail_median_ms=N queries_list=N webhook_deliveries=N duplicates=0
(target: list median under 30 ms)
"""

import argparse
import json
import os
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, median, production_env, production_server, time_requests


def start_receiver():
    """A webhook receiver: 500 for the first attempt of every fifth message, 204 otherwise."""
    seen, accepted = Counter(), Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            message_id = self.headers["webhook-id"]
            seen[message_id] += 1
            fail = seen[message_id] == 1 and int(message_id[-4:], 16) % 5 == 0
            if not fail:
                accepted[message_id] += 1
            self.send_response(500 if fail else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/hook", seen, accepted


def in_process(env):
    os.environ.update(env)
    import django

    django.setup()


def list_queries():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from events.models import Event

    client = Client()
    client.get("/api/v1/events")  # warm caches like a running server
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/events").status_code == 200
    upcoming = Event.objects.listed().upcoming().count()
    slug = Event.objects.listed().upcoming().filter(status="published").order_by("start").first().slug
    return len(ctx.captured_queries), upcoming, slug


def webhooks(count, url):
    """Publish `count` drafts with one subscriber; run the worker until nothing is pending."""
    from django.db import transaction

    from accounts.models import User
    from events.models import Event
    from events.services import publish_event
    from mail.testing import run_jobs
    from webhooks import services
    from webhooks.models import Delivery, Subscription

    team = User.objects.get(email="team@example.org")
    Subscription.objects.update(is_active=False)  # the demo's own (invented) receiver hears nothing
    subscription = Subscription.objects.create(user=team, url=url, event_types=["event.published"])
    source = Event.objects.filter(status="published", course__isnull=True).order_by("start")[:count]
    drafts = []
    for event in source:
        event.pk, event.id, event.slug, event.status = None, None, f"bench-{event.slug}"[:200], "draft"
        event.save()
        drafts.append(event)
    for event in drafts:
        with transaction.atomic():  # commits: the delivery job is enqueued on commit, as in production
            publish_event(actor=team, event=event)
    deadline = time.monotonic() + 300
    mine = Delivery.objects.filter(subscription=subscription)
    while mine.filter(status__in=["pending", "sending"]).exists() and time.monotonic() < deadline:
        for delivery_id in services.due_ids():
            services.enqueue(delivery_id)
        run_jobs()
    return mine.filter(status="succeeded").count()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--events", type=int, default=100, help="events published with a webhook subscriber")
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(
            database_url,
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            WEBHOOK_ALLOW_PRIVATE_TARGETS="1",
            WEBHOOK_RETRY_BASE_SECONDS="0",
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        started = time.monotonic()
        manage(env, "seed_demo", "--scale")
        print(f"seed_demo --scale took {time.monotonic() - started:.1f} s")
        in_process(env)
        queries, upcoming, slug = list_queries()
        with production_server(env, workers=1) as base, httpx.Client(base_url=base, timeout=30) as client:
            for url in ["/api/v1/events", f"/api/v1/events/{slug}"]:
                time_requests(client, url, 20)  # warm up
            listing = time_requests(client, "/api/v1/events", args.requests)
            detail = time_requests(client, f"/api/v1/events/{slug}", args.requests)
        server, url, seen, accepted = start_receiver()
        try:
            delivered = webhooks(args.events, url)
        finally:
            server.shutdown()
    duplicates = sum(n - 1 for n in accepted.values() if n > 1)
    retried = sum(1 for n in seen.values() if n > 1)
    print(json.dumps({"received": sum(seen.values()), "retried": retried}))
    print(
        f"api: events={upcoming} list_median_ms={median(listing)} detail_median_ms={median(detail)} "
        f"queries_list={queries} webhook_deliveries={delivered} duplicates={duplicates}"
    )


if __name__ == "__main__":
    main()
