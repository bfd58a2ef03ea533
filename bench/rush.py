"""Registration rush: 500 registrations at the same moment for an event with 20 seats.

    python bench/rush.py [--database postgres|sqlite] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                         [--attempts 500] [--seats 20] [--workers 4] [--conn-max-age 60]

1. A fresh database (a throwaway PostgreSQL database by default, dropped afterwards; a
   temporary SQLite file with --database sqlite), migrated, with one published event.
2. The production server (gunicorn, several workers) on a free loopback port, with the production
   default for database connections (kept for 60 s; `--conn-max-age 0` opens one per request).
3. Every simulated person opens the form (GET) like a browser would; then all 500 forms are
   sent at the same moment from an async httpx client, each with its own single-use form token.
   All requests come from 127.0.0.1, so the bench raises the per-address rate limit with the
   documented setting REGISTRATION_RATE_PER_IP.
4. Every confirmation link is read from the outbox (the mails the worker would send, rendered
   from their recipe as the worker does: the bench runs no worker), opened, and the page's
   "Anmeldung bestätigen" button pressed (a POST: opening the link alone confirms nothing).
5. The database is read: places taken never exceed the seats, the first arrivals hold the
   places, the waiting list follows arrival order (booking ids are handed out under the
   event lock; creation times are taken under it too, so both orders must agree).

Last line: rush: seats=20 attempts=500 confirmed=20 waitlisted=480 errors=0 duplicates=0 order_ok=true p95_ms=N rps=N
"""

import argparse
import asyncio
import json
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import PYTHON, ROOT, fresh_database, manage, p95, production_env, production_server

HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')

SETUP = """
from events.testing import make_event
event = make_event(title="Rush-Schulung", capacity={seats}, days_ahead=30)
print(event.slug)
"""

REPORT = """
import json
import re
TEMPLATE = "registrations/mail/confirm_address"
from registrations.models import Booking, Registration
from mail.models import OutboxMessage
from mail.rendering import render_pending
for message in OutboxMessage.objects.filter(template=TEMPLATE, rendered=False):
    render_pending(message)  # as the worker does before sending (the bench runs none)
bookings = list(Booking.objects.filter(event__slug="{slug}").select_related("registration").order_by("id"))
statuses = [b.status for b in bookings]
registrations = Registration.objects.filter(event__slug="{slug}").order_by("created_at", "id")
by_time = list(registrations.values_list("id", flat=True))
emails = list(Registration.objects.values_list("email", flat=True))
print(json.dumps({{
    "statuses": statuses,
    "same_order": [b.registration_id for b in bookings] == by_time,
    "registrations": len(emails),
    "distinct_emails": len(set(emails)),
    "links": [
        link
        for text in OutboxMessage.objects.filter(template=TEMPLATE).values_list("text", flat=True)
        for link in re.findall(r"https?://\\S+/anmeldung/bestaetigen/\\S+?/", text)
    ],
}}))
"""


def shell(env, code):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


async def open_forms(client, url, count, cookie):
    semaphore = asyncio.Semaphore(50)

    async def one():
        async with semaphore:
            response = await client.get(url, headers={"Cookie": cookie})
            response.raise_for_status()
            fields = dict(HIDDEN.findall(response.text))
            fields.pop("company", None)  # the honeypot (core/_form_guard.html)
            return fields

    return await asyncio.gather(*(one() for _ in range(count)))


async def send_all(client, url, forms, cookie):
    start = asyncio.Event()
    results = []

    async def one(n, hidden):
        data = {
            **hidden,
            "name": f"Rush Teilnehmer_in {n}",
            "email": f"rush{n}@example.org",
            "role": "volunteer",
            "municipality": "Pirna",
            "privacy_consent": "on",
        }
        await start.wait()
        began = time.perf_counter()
        try:
            response = await client.post(url, data=data, headers={"Cookie": cookie, "Referer": url})
            ok = response.status_code == 302
            results.append(((time.perf_counter() - began) * 1000, ok, response.status_code))
        except Exception:  # noqa: BLE001 - a failed request counts as an error
            results.append(((time.perf_counter() - began) * 1000, False, 0))

    tasks = [asyncio.create_task(one(n, hidden)) for n, hidden in enumerate(forms)]
    await asyncio.sleep(0.2)  # every task is waiting at the start line
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return results, time.perf_counter() - began


async def follow(client, base, links):
    """Open each confirmation link and press the page's button, as the person would."""
    semaphore = asyncio.Semaphore(20)
    errors = 0

    async def one(link):
        nonlocal errors
        url = f"{base}/{link.split('://', 1)[1].split('/', 1)[1]}"
        async with semaphore:
            try:
                page = await client.get(url)
                fields = dict(HIDDEN.findall(page.text))
                cookie = f"csrftoken={page.cookies.get('csrftoken') or client.cookies.get('csrftoken')}"
                response = await client.post(url, data=fields, headers={"Cookie": cookie, "Referer": url})
                errors += page.status_code != 200 or response.status_code != 302
            except Exception:  # noqa: BLE001
                errors += 1

    await asyncio.gather(*(one(link) for link in links))
    return errors


async def rush(base, slug, attempts):
    import httpx

    url = f"{base}/veranstaltungen/{slug}/anmelden/"
    limits = httpx.Limits(max_connections=attempts, max_keepalive_connections=attempts)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        first = await client.get(url)
        token = first.cookies.get("csrftoken")
        cookie = f"csrftoken={token}"  # sent by hand: production cookies are Secure, the bench speaks http
        forms = await open_forms(client, url, attempts, cookie)
        results, seconds = await send_all(client, url, forms, cookie)
    return results, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--attempts", type=int, default=500)
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--conn-max-age", type=int, default=60, help="DB_CONN_MAX_AGE (production: 60)")
    args = parser.parse_args()

    with fresh_database(args.database_url if args.database == "postgres" else None) as database_url:
        env = production_env(
            database_url,
            REGISTRATION_RATE_PER_IP="100000/h",  # all requests come from 127.0.0.1
            DB_CONN_MAX_AGE=args.conn_max_age,
        )
        manage(env, "migrate", "--noinput")
        slug = shell(env, SETUP.format(seats=args.seats))
        print(f"event {slug} with {args.seats} seats; {args.attempts} people open the form", flush=True)
        with production_server(env, workers=args.workers) as base:
            results, seconds = asyncio.run(rush(base, slug, args.attempts))
            errors = sum(1 for _, ok, _ in results if not ok)
            report = json.loads(shell(env, REPORT.format(slug=slug)))
            print(f"following {len(report['links'])} confirmation links", flush=True)
            errors += asyncio.run(_follow(base, report["links"]))
        report = json.loads(shell(env, REPORT.format(slug=slug)))

    statuses = report["statuses"]
    confirmed = statuses.count("confirmed")
    waitlisted = statuses.count("waiting")
    taken = sum(statuses.count(s) for s in ("confirmed", "held", "offered"))
    order_ok = (
        report["same_order"]
        and taken <= args.seats
        and statuses == ["confirmed"] * confirmed + ["waiting"] * (len(statuses) - confirmed)
    )
    duplicates = report["registrations"] - report["distinct_emails"]
    latencies = [ms for ms, _, _ in results]
    print(
        f"rush: seats={args.seats} attempts={args.attempts} confirmed={confirmed} waitlisted={waitlisted} "
        f"errors={errors} duplicates={duplicates} order_ok={str(order_ok).lower()} "
        f"p95_ms={round(p95(latencies))} rps={round(args.attempts / seconds)}"
    )


async def _follow(base, links):
    import httpx

    async with httpx.AsyncClient(timeout=60) as client:
        return await follow(client, base, links)


if __name__ == "__main__":
    main()
