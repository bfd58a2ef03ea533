"""Where one registration POST spends its time, measured in-process with pyinstrument.

    python bench/profile_register.py [--database postgres|sqlite] [--requests 100] [--conn-max-age 60] [--html FILE]

A fresh database (as `bench/rush.py` makes it), one published event with 20 seats, production
settings (DEBUG off), Django's test client. Each timed request opens the form (GET, untimed) and
sends it with a new address, as a person in the rush would. Prints the median milliseconds per POST,
the SQL queries of one POST, how many of them ran while the event row was locked and how long the
lock was held (from the `SELECT … FOR UPDATE` to the commit; on SQLite the whole write transaction is
the lock, from its first write), and pyinstrument's call tree of the timed POSTs.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import fresh_database, manage, production_env

HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--conn-max-age", type=int, default=60, help="DB_CONN_MAX_AGE (production: 60)")
    parser.add_argument("--html", default="", help="write pyinstrument's HTML report to this file")
    args = parser.parse_args()

    with fresh_database(args.database_url if args.database == "postgres" else None) as database_url:
        env = production_env(
            database_url,
            REGISTRATION_RATE_PER_IP="100000/h",
            ALLOWED_HOSTS="testserver",
            SINGLE_PROCESS="1",
            DB_CONN_MAX_AGE=str(args.conn_max_age),
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")  # production settings serve hashed static names
        os.environ.update(env)
        profile(args)


def profile(args):
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from pyinstrument import Profiler

    from events.testing import make_event

    event = make_event(title="Rush-Schulung", capacity=20, days_ahead=30)
    url = f"/veranstaltungen/{event.slug}/anmelden/"
    client = Client(headers={"accept-language": "de"})
    counter = iter(range(10**9))

    def form():
        page = client.get(url)
        fields = dict(HIDDEN.findall(page.content.decode()))
        fields.pop("company", None)
        n = next(counter)
        return {
            **fields,
            "name": f"Rush Teilnehmer_in {n}",
            "email": f"rush{n}@example.org",
            "role": "volunteer",
            "municipality": "Pirna",
            "privacy_consent": "on",
        }

    def post(data):
        response = client.post(url, data)
        assert response.status_code == 302, response.status_code

    post(form())  # warm the process like a running server
    log = {"queries": [], "locked": 0, "lock_start": None, "lock_seconds": []}

    def end_of_lock():
        log["lock_seconds"].append(time.perf_counter() - log["lock_start"])
        log["lock_start"] = None

    def watch(execute, sql, params, many, context):
        upper = sql.lstrip().upper()
        starts_lock = "FOR UPDATE" in upper or (connection.vendor == "sqlite" and not upper.startswith("SELECT"))
        if log["lock_start"] is None and starts_lock and connection.in_atomic_block:
            log["lock_start"] = time.perf_counter()
            transaction.on_commit(end_of_lock)
        log["queries"].append(sql)
        log["locked"] += log["lock_start"] is not None
        return execute(sql, params, many, context)

    data = form()
    with connection.execute_wrapper(watch):
        post(data)
    print(f"queries per POST: {len(log['queries'])}, {log['locked']} of them while the event is locked")
    for sql in log["queries"]:
        print("   ", sql[:160])

    durations, locks = [], []
    profiler = Profiler(interval=0.0005)
    for _ in range(args.requests):
        data = form()
        log["lock_seconds"].clear()
        with connection.execute_wrapper(watch):
            profiler.start()
            started = time.perf_counter()
            post(data)
            durations.append((time.perf_counter() - started) * 1000)
            profiler.stop()
        locks.extend(s * 1000 for s in log["lock_seconds"])
    print(
        f"register POST: median_ms={statistics.median(durations):.1f} "
        f"lock_median_ms={statistics.median(locks):.1f} requests={args.requests}"
    )
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=True))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
