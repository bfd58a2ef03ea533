"""Catalogue benchmark: 1,000 upcoming + 20,000 past offers, production server, one worker.

    python bench/catalogue.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 200]

Last line: catalogue: upcoming=… past=… median_ms=… p95_ms=… filtered_median_ms=… detail_median_ms=…
baseline_median_ms=… ratio=… queries=…   (target: median under 50 ms)
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import (
    fresh_database,
    manage,
    median,
    p95,
    production_env,
    production_server,
    time_requests,
)


def count_catalogue_queries(env):
    """SQL queries of one catalogue request, measured in-process on the same database."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from events.models import Event

    client = Client()
    client.get("/veranstaltungen/")  # warm the municipality index cache like a running server
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/veranstaltungen/").status_code == 200
    upcoming = Event.objects.listed().upcoming().count()
    past = Event.objects.listed().past().count()
    event = Event.objects.listed().upcoming().filter(status="published").order_by("start").first()
    return len(ctx.captured_queries), upcoming, past, event.get_absolute_url()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        started = time.monotonic()
        manage(env, "seed_demo", "--scale")
        print(f"seed_demo --scale took {time.monotonic() - started:.1f} s")
        queries, upcoming, past, detail_url = count_catalogue_queries(env)
        with production_server(env, workers=1) as base, httpx.Client(base_url=base, timeout=30) as client:
            filtered = "/veranstaltungen/?kreis=bautzen&art=schulung&q=asyl"
            for url in ["/veranstaltungen/", filtered, detail_url, "/robots.txt"]:
                time_requests(client, url, 20)  # warm up
            plain = time_requests(client, "/veranstaltungen/", args.requests)
            filtered_ms = time_requests(client, filtered, args.requests)
            detail = time_requests(client, detail_url, args.requests)
            baseline = time_requests(client, "/robots.txt", args.requests)
    ratio = round(median(plain) / max(median(baseline), 0.01), 1)
    print(
        f"catalogue: upcoming={upcoming} past={past} median_ms={median(plain)} p95_ms={p95(plain)} "
        f"filtered_median_ms={median(filtered_ms)} detail_median_ms={median(detail)} "
        f"baseline_median_ms={median(baseline)} ratio={ratio} queries={queries}"
    )


if __name__ == "__main__":
    main()
