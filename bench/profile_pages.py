"""Where a public page spends its time, measured in-process with pyinstrument (no server, no network).

    python manage.py migrate && python manage.py seed_demo --scale     # bench data, once
    python bench/profile_pages.py [--requests 50] [--html DIR] [--only catalogue]

Runs with production settings (DEBUG off) on DATABASE_URL. For each page it prints the median
milliseconds per request, the SQL queries of one request and pyinstrument's call tree of all the
timed requests; with --html it also writes one interactive pyinstrument page per public page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = {
    "catalogue": "/veranstaltungen/",
    "filtered": "/veranstaltungen/?kreis=bautzen&art=schulung&q=asyl",
    "event": None,  # the first upcoming published offer, found at run time
    "wegweiser": "/wegweiser/?q=beratung",
    "initiatives_map": "/initiativen/karte/",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--html", default="", help="folder for pyinstrument's HTML reports")
    parser.add_argument("--only", default="", help="one page name: " + ", ".join(PAGES))
    parser.add_argument("--cold", action="store_true", help="bypass the public page cache (measures rendering)")
    args = parser.parse_args()

    os.environ.setdefault("SECRET_KEY", "profile-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("SINGLE_PROCESS", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sfi.settings")
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    from core import public_cache
    from events.models import Event

    first = Event.objects.listed().upcoming().filter(status="published").order_by("start").first()
    PAGES["event"] = first.get_absolute_url()
    client = Client(headers={"accept-language": "de"})
    for name, url in PAGES.items():
        if args.only and name != args.only:
            continue
        if args.cold:
            public_cache.disabled_for_profiling = True
        client.get(url)  # warm process caches like a running server
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            assert client.get(url).status_code == 200
        durations = []
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(url)
            durations.append((time.perf_counter() - started) * 1000)
        profiler.stop()
        print(f"== {name} {url}: median_ms={statistics.median(durations):.1f} queries={len(queries)}")
        print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=True))
        if args.html:
            Path(args.html).mkdir(parents=True, exist_ok=True)
            Path(args.html, f"{name}.html").write_text(profiler.output_html())


if __name__ == "__main__":
    main()
