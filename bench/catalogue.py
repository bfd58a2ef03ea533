"""Catalogue benchmark: 1,000 upcoming + 20,000 past offers, production server, one worker.

    python bench/catalogue.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 200]
                              [--growth 5] [--small]

Last line: catalogue: upcoming=… past=… median_ms=… p95_ms=… filtered_median_ms=… detail_median_ms=…
baseline_median_ms=… ratio=… queries=… growth_ratio=…   (targets: ratio ≤ 5, growth_ratio ≤ 1.10, queries ≤ 7)

growth_ratio: after the first measurement the bench adds (growth − 1) times as many upcoming and past
offers, restarts the server and measures the catalogue again; the ratio is the second median over the
first. --small seeds the ordinary demo (60 upcoming, 200 past) instead of --scale: a quick smoke run.
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
    parser.add_argument("--growth", type=int, default=5, help="data multiplier for growth_ratio")
    parser.add_argument("--small", action="store_true", help="demo size instead of --scale (smoke run)")
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        started = time.monotonic()
        manage(env, "seed_demo", *([] if args.small else ["--scale"]))
        print(f"seed_demo took {time.monotonic() - started:.1f} s")
        queries, upcoming, past, detail_url = count_catalogue_queries(env)
        with production_server(env, workers=1) as base, httpx.Client(base_url=base, timeout=30) as client:
            filtered = "/veranstaltungen/?kreis=bautzen&art=schulung&q=asyl"
            for url in ["/veranstaltungen/", filtered, detail_url, "/robots.txt"]:
                time_requests(client, url, 20)  # warm up
            plain = time_requests(client, "/veranstaltungen/", args.requests)
            filtered_ms = time_requests(client, filtered, args.requests)
            detail = time_requests(client, detail_url, args.requests)
            baseline = time_requests(client, "/robots.txt", args.requests)
        upcoming_more, past_more = (upcoming * (args.growth - 1), past * (args.growth - 1))
        started = time.monotonic()
        manage(
            env,
            "shell",
            "-c",
            "from demo.seeders.events import seed_events; "
            f"seed_events(upcoming={upcoming_more}, past={past_more}, seed=2017)",
        )
        print(f"{args.growth}x the offers took {time.monotonic() - started:.1f} s more")
        with production_server(env, workers=1) as base, httpx.Client(base_url=base, timeout=30) as client:
            time_requests(client, "/veranstaltungen/", 20)  # warm up
            grown = time_requests(client, "/veranstaltungen/", args.requests)
    growth_ratio = round(median(grown) / max(median(plain), 0.01), 2)
    ratio = round(median(plain) / max(median(baseline), 0.01), 1)
    print(
        f"catalogue: upcoming={upcoming} past={past} median_ms={median(plain)} p95_ms={p95(plain)} "
        f"filtered_median_ms={median(filtered_ms)} detail_median_ms={median(detail)} "
        f"baseline_median_ms={median(baseline)} ratio={ratio} queries={queries} growth_ratio={growth_ratio}"
    )


if __name__ == "__main__":
    main()
