"""Several servers: two app servers, two task workers and two schedulers on one PostgreSQL and Redis.

    python bench/cluster.py [--database-url postgres://postgres@127.0.0.1:5432/sfi_bench_cluster]
                            [--redis-url redis://127.0.0.1:6379/13] [--attempts 500] [--seats 20]
                            [--interval 4] [--periods 8] [--keep-database]

1. The database named by --database-url is dropped and created fresh (and dropped again at the
   end unless --keep-database or the bench failed), migrated, with one published event; the
   Redis database named by --redis-url (the bench's own) is emptied: it holds the shared
   rate-limit counters.
2. An SMTP catcher (aiosmtpd) and, all with production settings: two app servers (gunicorn, two
   workers each, on separate ports), two task workers (`manage.py db_worker`) and two schedulers
   (`manage.py run_scheduler`) with every periodic task every --interval seconds
   (PERIODIC_TASK_INTERVALS_JSON; the outbox sweep every 2 s, EMAIL_TIMEOUT=2).
3. The rush of bench/rush.py, spread over both servers: person n opens the form on server n % 2
   and sends it to the other one (the form token, CSRF cookie and rate-limit counters are shared),
   all at the same moment.
4. While the workers deliver the confirmation mails, one worker is killed with SIGKILL in the
   middle of a send (at the DATA command, before the catcher accepts the mail: the row stays
   `sending` until the sweep re-queues it) and started again. One scheduler is killed as well and
   started again two periods later.
5. Every confirmation link is read from the mails the catcher received and confirmed on the
   servers in turn (open the link, press "Anmeldung bestätigen").
6. The bench waits until every outbox row is sent and the schedulers have run for at least
   --periods periods, then counts: confirmed places; errors (failed requests plus outbox rows
   never received); mails received (distinct Message-IDs, each an outbox row) and duplicate
   mails (a Message-ID received twice); duplicate periodic runs: jobs of a periodic task with no
   `core.PeriodicRun` claim, or more jobs of a task than periods passed while the schedulers ran.

Last line (one line):
    cluster: app_servers=2 workers=2 schedulers=2 seats=20 attempts=500 confirmed=20 errors=0 mails=N
             duplicate_mails=0 duplicate_periodic=0
"""

import argparse
import asyncio
import contextlib
import email
import email.policy
import json
import math
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import PYTHON, ROOT, free_port, manage, production_env, production_server
from bench.mail_outage import socket_owner
from bench.rush import SETUP, follow, open_forms, shell

CONFIRM_LINK = re.compile(r"https?://\S+?/anmeldung/bestaetigen/\S+?/")
TIMEOUT = 240  # seconds for the mails to arrive

PERIODIC = """
import json
from core import registry
print(json.dumps(dict(registry.periodic_schedule())))
"""

REPORT = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from core.models import PeriodicRun
from mail.models import OutboxMessage
from registrations.models import Booking
paths = {paths}
jobs = DBTaskResult.objects.filter(task_path__in=paths)
runs = PeriodicRun.objects.values_list("job_id", "task_path", "period_start")
print(json.dumps({{
    "statuses": list(Booking.objects.filter(event__slug="{slug}").values_list("status", flat=True)),
    "outbox": dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by()),
    "message_ids": list(OutboxMessage.objects.values_list("message_id", flat=True)),
    "jobs": [[str(pk), path] for pk, path in jobs.values_list("id", "task_path")],
    "runs": [[job, path, start.timestamp()] for job, path, start in runs],
}}))
"""


@contextlib.contextmanager
def named_database(database_url, *, keep=False):
    """The database named in the URL, dropped and created empty; dropped again afterwards unless kept."""
    import psycopg

    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name or ""):
        raise SystemExit(f"--database-url must name a database of lower-case letters, digits and _: {name!r}")
    admin_dsn = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield database_url
    if not keep:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Cluster:
    def __init__(self, env, mails_before_kill):
        self.env = env
        self.workers = []
        self.schedulers = []
        self.received = []
        self.lock = threading.Lock()
        self.kill_after = mails_before_kill
        self.worker_killed = threading.Event()
        self.notes = []

    def start(self, *command):
        return subprocess.Popen([PYTHON, "manage.py", *command], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)

    def start_worker(self):
        self.workers.append(
            self.start(
                "db_worker",
                "--queue-name",
                "*",
                "--no-reload",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--verbosity",
                "0",
                "--worker-id",
                f"cluster-{len(self.workers)}-{time.monotonic_ns()}",
            )  # fmt: skip
        )

    def start_scheduler(self):
        self.schedulers.append(self.start("run_scheduler"))

    def alive(self, processes):
        return [p for p in processes if p.poll() is None]

    def handler(self):
        cluster = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if not cluster.worker_killed.is_set() and len(cluster.received) >= cluster.kill_after:
                    owner = socket_owner(session.peer[1], [w.pid for w in cluster.alive(cluster.workers)])
                    victim = next((w for w in cluster.workers if w.pid == owner), None)
                    if victim is not None:
                        victim.send_signal(signal.SIGKILL)
                        cluster.notes.append(
                            f"SIGKILL worker pid {victim.pid} at DATA of mail {len(cluster.received) + 1}"
                        )
                        cluster.worker_killed.set()
                        return "421 4.3.0 Worker gone"
                with cluster.lock:
                    cluster.received.append(envelope.original_content or envelope.content)
                return "250 Message accepted for delivery"

        return Handler()

    def messages(self):
        with self.lock:
            raw = list(self.received)
        return [email.message_from_bytes(data, policy=email.policy.default) for data in raw]

    def confirmation_links(self):
        links = set()
        for message in self.messages():
            body = message.get_body(preferencelist=("plain",))
            links.update(CONFIRM_LINK.findall(body.get_content() if body else ""))
        return sorted(links)

    def stop_all(self):
        processes = [*self.workers, *self.schedulers]
        for process in self.alive(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


async def rush(bases, slug, attempts):
    """bench/rush.py's rush over two servers: person n opens the form on server n % 2 and sends it
    to the other one; all forms leave at the same moment."""
    import httpx

    limits = httpx.Limits(max_connections=attempts, max_keepalive_connections=attempts)
    urls = [f"{base}/veranstaltungen/{slug}/anmelden/" for base in bases]
    # A generous timeout: the bench proves correctness on a shared machine, not latency.
    async with httpx.AsyncClient(timeout=600, limits=limits) as client:
        first = await client.get(urls[0])
        cookie = f"csrftoken={first.cookies.get('csrftoken')}"  # production cookies are Secure; the bench speaks http
        opened = [await open_forms(client, url, (attempts + 1 - i) // 2, cookie) for i, url in enumerate(urls)]
        start = asyncio.Event()
        results = []

        async def one(n):
            hidden = opened[n % 2][n // 2]
            url = urls[(n + 1) % 2]
            data = {
                **hidden,
                "name": f"Cluster Teilnehmer_in {n}",
                "email": f"cluster{n}@example.org",
                "role": "volunteer",
                "municipality": "Pirna",
                "privacy_consent": "on",
            }
            await start.wait()
            try:
                response = await client.post(url, data=data, headers={"Cookie": cookie, "Referer": url})
                results.append(302 if response.status_code == 302 else response.status_code)
            except Exception as exc:  # noqa: BLE001 - a failed request counts as an error
                results.append(type(exc).__name__)

        tasks = [asyncio.create_task(one(n)) for n in range(attempts)]
        await asyncio.sleep(0.2)  # every task is waiting at the start line
        began = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
    return results, time.perf_counter() - began


async def confirm(bases, links):
    import httpx

    async with httpx.AsyncClient(timeout=600) as client:
        errors = await asyncio.gather(
            *(follow(client, bases[i % len(bases)], links[i :: len(bases)]) for i in range(len(bases)))
        )
    return sum(errors)


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    print(f"timed out after {timeout} s waiting for {what}", flush=True)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sfi_bench_cluster")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13", help="a Redis database of the bench's own")
    parser.add_argument("--attempts", type=int, default=500)
    parser.add_argument("--seats", type=int, default=20)
    parser.add_argument("--interval", type=int, default=4, help="seconds between runs of every periodic task")
    parser.add_argument("--periods", type=int, default=8, help="periods the schedulers run at least")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()

    import redis
    from aiosmtpd.controller import Controller

    began = time.monotonic()
    redis.Redis.from_url(args.redis_url).flushdb()
    smtp_port = free_port()
    with named_database(args.database_url, keep=args.keep_database) as database_url:
        env = production_env(
            database_url,
            REDIS_URL=args.redis_url,
            REGISTRATION_RATE_PER_IP="100000/h",  # all requests come from 127.0.0.1
            DB_CONN_MAX_AGE=0,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=smtp_port,
            EMAIL_TIMEOUT=2,  # the sweep every 2 s; a row left `sending` is re-queued after 6 s
            MAIL_RETRY_BASE_SECONDS=1,
            MAIL_RETRY_MAX_SECONDS=4,
        )
        manage(env, "migrate", "--noinput")
        declared = json.loads(shell(env, PERIODIC))
        intervals = {path: args.interval for path in declared if path != "mail.tasks.sweep_outbox"}
        env["PERIODIC_TASK_INTERVALS_JSON"] = json.dumps(intervals)
        schedule = json.loads(shell(env, PERIODIC))
        slug = shell(env, SETUP.format(seats=args.seats))
        print(f"event {slug} with {args.seats} seats; {len(schedule)} periodic tasks: {schedule}", flush=True)

        cluster = Cluster(env, mails_before_kill=args.attempts // 4)
        controller = Controller(cluster.handler(), hostname="127.0.0.1", port=smtp_port)
        controller.start()
        errors = 0
        try:
            with production_server(env, workers=2) as first, production_server(env, workers=2) as second:
                bases = [first, second]
                for _ in range(2):
                    cluster.start_worker()
                schedulers_from = time.time()
                for _ in range(2):
                    cluster.start_scheduler()
                print(
                    f"app servers {' '.join(bases)}; 2 workers, 2 schedulers, SMTP catcher on {smtp_port}", flush=True
                )

                results, seconds = asyncio.run(rush(bases, slug, args.attempts))
                failed = Counter(result for result in results if result != 302)
                errors += sum(failed.values())
                print(f"rush: {len(results)} forms sent in {seconds:.1f} s, errors {dict(failed)}", flush=True)

                # One scheduler goes down for two periods, then comes back.
                cluster.schedulers[1].send_signal(signal.SIGKILL)
                cluster.notes.append(f"SIGKILL scheduler pid {cluster.schedulers[1].pid}")
                restart_scheduler_at = time.monotonic() + 2 * args.interval

                def confirmations_in():
                    nonlocal restart_scheduler_at
                    if cluster.worker_killed.is_set() and len(cluster.alive(cluster.workers)) < 2:
                        time.sleep(0.5)
                        cluster.start_worker()
                        cluster.notes.append("worker started again")
                    if restart_scheduler_at and time.monotonic() >= restart_scheduler_at:
                        cluster.start_scheduler()
                        cluster.notes.append("scheduler started again")
                        restart_scheduler_at = 0
                    return len(cluster.confirmation_links()) >= args.attempts

                wait_for(confirmations_in, TIMEOUT, "the confirmation mails")
                links = cluster.confirmation_links()
                print(f"{len(links)} confirmation links received; confirming them on both servers", flush=True)
                errors += asyncio.run(confirm(bases, links))

                def all_sent():
                    confirmations_in()
                    outbox = json.loads(shell(env, REPORT.format(slug=slug, paths=list(schedule))))["outbox"]
                    return set(outbox) == {"sent"} and time.time() - schedulers_from >= args.periods * args.interval

                wait_for(all_sent, TIMEOUT, "every mail to be sent")
                time.sleep(2)  # a late duplicate, if any, would arrive now
                schedulers_until = time.time()
                report = json.loads(shell(env, REPORT.format(slug=slug, paths=list(schedule))))
        finally:
            cluster.stop_all()
            controller.stop()

    for note in cluster.notes:
        print(note, flush=True)
    received = Counter(message["Message-ID"] for message in cluster.messages())
    expected = set(report["message_ids"])
    mails = len(set(received) & expected)
    duplicate_mails = sum(n - 1 for n in received.values())
    missing = len(expected - set(received))
    errors += missing

    claimed = {job for job, _, _ in report["runs"]}
    unclaimed = sum(1 for job, _ in report["jobs"] if job not in claimed)
    jobs_per_task = Counter(path for _, path in report["jobs"])
    beyond = 0
    for path, interval in schedule.items():
        periods = math.floor(schedulers_until / interval) - math.floor(schedulers_from / interval) + 1
        beyond += max(0, jobs_per_task[path] - periods)
    duplicate_periodic = max(unclaimed, beyond)
    confirmed = report["statuses"].count("confirmed")
    print(
        f"outbox {report['outbox']}; mails expected {len(expected)}, received {sum(received.values())} "
        f"({missing} missing); periodic jobs {dict(jobs_per_task)} over "
        f"{schedulers_until - schedulers_from:.0f} s, {unclaimed} without a claim, {beyond} beyond one per period",
        flush=True,
    )
    print(f"runtime {time.monotonic() - began:.0f} s", flush=True)
    print(
        f"cluster: app_servers=2 workers=2 schedulers=2 seats={args.seats} attempts={args.attempts} "
        f"confirmed={confirmed} errors={errors} mails={mails} duplicate_mails={duplicate_mails} "
        f"duplicate_periodic={duplicate_periodic}"
    )


if __name__ == "__main__":
    main()
