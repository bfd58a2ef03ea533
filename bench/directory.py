"""Wegweiser benchmark: 2,000 services and 1,000 initiatives, production server, one worker.

    python bench/directory.py [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--requests 200]

Times the search "Wer hilft hier?" (Freital, topic Asylverfahrensberatung) and the map page
(the network app's initiative map when it exists, else the Wegweiser's district overview).
Last line: directory: services=2000 search_median_ms=N map_median_ms=N queries=N
(queries = SQL queries of one search request; target: medians under 50 ms).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, median, p95, production_env, production_server, time_requests

SEARCH_URL = "/wegweiser/?ort=Freital&thema=asylverfahrensberatung"
ALL_TOPICS_URL = "/wegweiser/?ort=Freital"


def seed_and_measure(env):
    """Seed in-process (only what this bench needs) and count the queries of one search."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from demo.seeders.directory import seed_directory
    from directory.models import Service

    seed_directory(scale=True)
    try:
        from demo.seeders.network import seed_initiatives
        from network.models import Initiative

        seed_initiatives(count=1000)
        initiatives = Initiative.objects.count()
    except ImportError:
        initiatives = 0
    try:
        map_url = reverse("network:initiative_map")
    except NoReverseMatch:
        map_url = reverse("directory:overview")

    client = Client()
    client.get(SEARCH_URL)  # warm the municipality index cache like a running server
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(SEARCH_URL)
    assert response.status_code == 200 and "Angebote für Freital" in response.content.decode()
    connection.close()
    return Service.objects.count(), initiatives, map_url, len(ctx.captured_queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import httpx

    with fresh_database(args.database_url) as database_url:
        env = production_env(database_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
        manage(env, "migrate", "--noinput")
        started = time.monotonic()
        services, initiatives, map_url, queries = seed_and_measure(env)
        print(f"seeded {services} services and {initiatives} initiatives in {time.monotonic() - started:.1f} s")
        with production_server(env, workers=1) as base, httpx.Client(base_url=base, timeout=30) as client:
            for url in [SEARCH_URL, ALL_TOPICS_URL, map_url]:
                time_requests(client, url, 20)  # warm up
            search = time_requests(client, SEARCH_URL, args.requests)
            all_topics = time_requests(client, ALL_TOPICS_URL, args.requests)
            map_ms = time_requests(client, map_url, args.requests)
    print(
        f"details: initiatives={initiatives} map_url={map_url} search_p95_ms={p95(search)} "
        f"all_topics_median_ms={median(all_topics)} map_p95_ms={p95(map_ms)}"
    )
    print(
        f"directory: services={services} search_median_ms={median(search)} "
        f"map_median_ms={median(map_ms)} queries={queries}"
    )


if __name__ == "__main__":
    main()
