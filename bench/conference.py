"""Conference rush: 600 registrations at the same moment for a Fachkonferenz with 3 slots × 4
workshops of 25 places each, every person choosing a workshop (and a second choice) per slot.

    python bench/conference.py [--database postgres|sqlite] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                               [--attempts 600] [--places 25] [--workers 4]

1. A fresh database (a throwaway PostgreSQL database by default, dropped afterwards; a temporary
   SQLite file with --database sqlite), migrated, with one published conference and its programme.
2. The production server (gunicorn, several workers) on a free loopback port.
3. Every simulated person opens the registration form (GET); then all forms are sent at the same
   moment from an async httpx client, each with its own single-use form token and one first and
   one second choice per slot (the same fixed pseudo-random choices on every run).
4. The database is read: no workshop holds more people than its places, in every workshop every
   place was handed out before anyone had to wait (places go in arrival order), and choice ids
   follow the order the registrations were created in (both are written under the same locks).
5. The name badges of everyone with a place are rendered as one PDF (A6), timed.

Last line: conference: attempts=600 workshops=12 over_capacity=0 errors=0 order_ok=true p95_ms=N badges_s=N
"""

import argparse
import asyncio
import json
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import PYTHON, ROOT, fresh_database, manage, p95, production_env, production_server
from bench.rush import open_forms

SETUP = """
import json
from conferences.testing import make_conference, workshops
conference = make_conference(slots=3, workshops=4, capacity={places}, days_ahead=30)
grouped = workshops(conference)
print(json.dumps({{"slug": conference.event.slug, "slots": [[s.pk for s in sessions] for sessions in grouped],
    "slot_ids": [sessions[0].slot_id for sessions in grouped]}}))
"""

REPORT = """
import json, time
from conferences.badges import badges_pdf, rows
from conferences.models import Choice, Conference, Session
from registrations.models import Registration
conference = Conference.objects.select_related("event").get(event__slug="{slug}")
sessions = list(Session.objects.filter(conference=conference, kind="workshop"))
over, order_ok = 0, True
for session in sessions:
    placed = list(Choice.objects.filter(session=session, status="place").values_list("id", flat=True))
    waiting = list(Choice.objects.filter(session=session, status="waiting").values_list("id", flat=True))
    over += len(placed) > session.places
    order_ok &= not (placed and waiting) or max(placed) < min(waiting)
choices = Choice.objects.filter(slot__conference=conference).order_by("id")
choices = list(choices.values_list("registration_id", flat=True))
by_time = Registration.objects.filter(event=conference.event).order_by("created_at", "id")
by_time = list(by_time.values_list("id", flat=True))
first_seen = list(dict.fromkeys(choices))
order_ok &= first_seen == by_time
began = time.perf_counter()
pdf = badges_pdf(conference.event, rows(conference.event, conference, with_others=False), layout="a6")
badges_s = time.perf_counter() - began
print(json.dumps({{"workshops": len(sessions), "over": over, "order_ok": order_ok, "registrations": len(by_time),
    "choices": len(choices), "badges_s": badges_s, "pdf_bytes": len(pdf)}}))
"""


def shell(env, code):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    return result.stdout.strip().splitlines()[-1]


def wishes(n, programme):
    rng = random.Random(n)
    data = {}
    for slot_id, sessions in zip(programme["slot_ids"], programme["slots"], strict=True):
        first, second = rng.sample(sessions, 2)
        data[f"workshop_{slot_id}"] = str(first)
        data[f"workshop_{slot_id}_second"] = str(second)
    return data


async def send_all(client, url, forms, cookie, programme):
    start = asyncio.Event()
    results = []

    async def one(n, hidden):
        data = {
            **hidden,
            "name": f"Fachtag Teilnehmer_in {n}",
            "email": f"fachtag{n}@example.org",
            "role": "volunteer",
            "municipality": "Dresden",
            "badge_name": "full",
            "privacy_consent": "on",
            **wishes(n, programme),
        }
        await start.wait()
        began = time.perf_counter()
        try:
            response = await client.post(url, data=data, headers={"Cookie": cookie, "Referer": url})
            results.append(((time.perf_counter() - began) * 1000, response.status_code == 302))
        except Exception:  # noqa: BLE001 - a failed request counts as an error
            results.append(((time.perf_counter() - began) * 1000, False))

    tasks = [asyncio.create_task(one(n, hidden)) for n, hidden in enumerate(forms)]
    await asyncio.sleep(0.2)  # every task is waiting at the start line
    start.set()
    await asyncio.gather(*tasks)
    return results


async def rush(base, programme, attempts):
    import httpx

    url = f"{base}/veranstaltungen/{programme['slug']}/anmelden/"
    limits = httpx.Limits(max_connections=attempts, max_keepalive_connections=attempts)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:
        first = await client.get(url)
        cookie = f"csrftoken={first.cookies.get('csrftoken')}"  # sent by hand: production cookies are Secure
        forms = await open_forms(client, url, attempts, cookie)
        return await send_all(client, url, forms, cookie, programme)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--attempts", type=int, default=600)
    parser.add_argument("--places", type=int, default=25)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    with fresh_database(args.database_url if args.database == "postgres" else None) as database_url:
        env = production_env(database_url, REGISTRATION_RATE_PER_IP="100000/h", DB_CONN_MAX_AGE=0)
        manage(env, "migrate", "--noinput")
        programme = json.loads(shell(env, SETUP.format(places=args.places)))
        print(
            f"conference {programme['slug']}: 3 slots × 4 workshops of {args.places}; {args.attempts} people",
            flush=True,
        )
        with production_server(env, workers=args.workers) as base:
            results = asyncio.run(rush(base, programme, args.attempts))
        report = json.loads(shell(env, REPORT.format(slug=programme["slug"])))

    errors = sum(1 for _, ok in results if not ok)
    errors += args.attempts - report["registrations"]
    errors += report["registrations"] * 3 - report["choices"]
    print(
        f"conference: attempts={args.attempts} workshops={report['workshops']} over_capacity={report['over']} "
        f"errors={errors} order_ok={str(report['order_ok']).lower()} p95_ms={round(p95([ms for ms, _ in results]))} "
        f"badges_s={report['badges_s']:.1f}"
    )


if __name__ == "__main__":
    main()
