"""Mail outage benchmark: 200 mails queued while the SMTP server is down, a worker killed mid-send.

    python bench/mail_outage.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                                [--mails 200] [--workers 2] [--outage 6] [--kill random]

1. A fresh database (temporary SQLite file, or a throwaway PostgreSQL database), migrated.
2. 200 mails queued with queue_mail() in one transaction; the SMTP port is closed.
3. The real worker processes (`manage.py db_worker`, production settings) and the scheduler
   (`manage.py run_scheduler`, which runs the outbox sweep) start; every attempt fails with
   "connection refused" and is retried with back-off (shortened to 1 s, 2 s, 4 s here).
4. After --outage seconds an aiosmtpd server starts on that port.
5. When half the mails have arrived, one worker is killed with SIGKILL in the middle of a
   send: by default at the DATA command of the next mail, before the server accepts it, so
   the row is left in `sending` — the sweep must re-queue it after MAIL_SENDING_TIMEOUT (3 ×
   EMAIL_TIMEOUT, 6 s here). `--kill random` instead kills a worker at a random moment; if that moment falls in
   the few milliseconds between the server's "250 OK" and the worker's commit, that mail
   arrives twice with the same Message-ID (the documented, recognisable duplicate).
6. The killed worker is started again; the bench waits until every row is `sent`, then
   counts at the server. Duplicates are counted by Message-ID.

Last line: mail_outage: queued=200 delivered=200 duplicates=0
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import PYTHON, ROOT, free_port, fresh_database, manage, production_env

TIMEOUT = 100  # seconds for the whole delivery


def socket_owner(client_port, pids):
    """The pid (among pids) holding the TCP connection from local port client_port (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == client_port:
                inodes.add(fields[9])
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return pid
        except OSError:
            continue
    return None


class Bench:
    def __init__(self, args, env):
        self.args = args
        self.env = env
        self.workers = []
        self.received = []
        self.lock = threading.Lock()
        self.killed = threading.Event()
        self.kill_note = ""

    # --- processes ---------------------------------------------------------
    def start_worker(self, index):
        command = [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.2"]
        command += ["--no-startup-delay", "--verbosity", "0", "--worker-id", f"bench-{index}-{time.monotonic_ns()}"]
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)
        self.workers.append(process)
        return process

    def kill(self, process, note):
        process.send_signal(signal.SIGKILL)
        self.kill_note = note
        self.killed.set()

    # --- SMTP server -------------------------------------------------------
    def handler(self):
        bench = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if (
                    bench.args.kill == "data"
                    and not bench.killed.is_set()
                    and len(bench.received) >= bench.args.mails // 2
                ):
                    alive = [w.pid for w in bench.workers if w.poll() is None]
                    owner = socket_owner(session.peer[1], alive)
                    victim = next((w for w in bench.workers if w.pid == owner), None)
                    if victim is not None:
                        bench.kill(victim, f"SIGKILL worker pid {victim.pid} at DATA of mail {len(bench.received) + 1}")
                        return "421 4.3.0 Worker gone"
                with bench.lock:
                    bench.received.append(envelope.original_content or envelope.content)
                return "250 Message accepted for delivery"

        return Handler()

    def random_killer(self):
        while len(self.received) < self.args.mails // 3:
            time.sleep(0.01)
        time.sleep(random.uniform(0, 0.5))
        victim = next(w for w in self.workers if w.poll() is None)
        self.kill(victim, f"SIGKILL worker pid {victim.pid} at a random moment after {len(self.received)} mails")


def queue_mails(env, count):
    """Queue the mails in-process with the project's own code (one transaction, jobs on commit)."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections, transaction

    from mail.services import queue_mail

    with transaction.atomic():
        ids = [
            queue_mail(
                to=f"person{n}@example.org",
                template="mail/example/hello",
                context={"name": f"Person {n}", "link": f"{env['SITE_URL']}/bestaetigen/{n}/"},
                language="de" if n % 2 else "en",
            ).message_id
            for n in range(count)
        ]
    connections.close_all()
    return ids


def outbox_counts():
    from django.db import connections
    from django.db.models import Count, Sum

    from mail.models import OutboxMessage

    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
    attempts = OutboxMessage.objects.aggregate(total=Sum("attempts"))["total"] or 0
    connections.close_all()
    return counts, attempts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--mails", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--outage", type=float, default=6, help="seconds the SMTP server stays down")
    parser.add_argument("--kill", choices=["data", "random"], default="data")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    smtp_port = free_port()
    started = time.monotonic()
    with fresh_database(args.database_url) as database_url:
        env = production_env(
            database_url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=smtp_port,
            EMAIL_TIMEOUT=2,  # MAIL_SENDING_TIMEOUT and MAIL_SWEEP_INTERVAL follow it (6 s, 2 s)
            MAIL_RETRY_BASE_SECONDS=1,
            MAIL_RETRY_MAX_SECONDS=4,
            MAIL_MAX_ATTEMPTS=100,
            LOG_LEVEL="ERROR",  # hundreds of expected retry warnings during the outage
        )
        manage(env, "migrate", "--noinput", "mail")
        manage(env, "migrate", "--noinput", "django_tasks_database")
        manage(env, "migrate", "--noinput", "core")  # the scheduler's claims (core.PeriodicRun)
        queued_ids = queue_mails(env, args.mails)
        print(f"queued {len(queued_ids)} mails; SMTP port {smtp_port} closed", flush=True)

        bench = Bench(args, env)
        scheduler = subprocess.Popen(
            [PYTHON, "manage.py", "run_scheduler"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        for index in range(args.workers):
            bench.start_worker(index)
        controller = None
        try:
            time.sleep(args.outage)
            counts, attempts = outbox_counts()
            print(f"after {args.outage:.0f} s outage: {attempts} failed attempts, outbox {counts}", flush=True)
            controller = Controller(bench.handler(), hostname="127.0.0.1", port=smtp_port)
            controller.start()
            print("SMTP server up", flush=True)
            if args.kill == "random":
                threading.Thread(target=bench.random_killer, daemon=True).start()

            restarted = False
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                if bench.killed.is_set() and not restarted:
                    print(bench.kill_note, flush=True)
                    time.sleep(0.5)
                    bench.start_worker(len(bench.workers))
                    print("worker started again", flush=True)
                    restarted = True
                counts, attempts = outbox_counts()
                if counts.get("sent", 0) + counts.get("failed", 0) >= args.mails and restarted:
                    break
                time.sleep(0.5)
            time.sleep(1)  # let a late duplicate (if any) arrive before counting
            print(f"outbox {counts}, {attempts} attempts in total", flush=True)
        finally:
            for process in [*bench.workers, scheduler]:
                if process.poll() is None:
                    process.terminate()
            for process in [*bench.workers, scheduler]:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            if controller is not None:
                controller.stop()

    import email

    received_ids = [email.message_from_bytes(raw)["Message-ID"] for raw in bench.received]
    per_id = Counter(received_ids)
    delivered = len(set(received_ids) & set(queued_ids))
    duplicates = sum(n - 1 for n in per_id.values())
    print(f"received {len(received_ids)} messages in {time.monotonic() - started:.1f} s", flush=True)
    print(f"mail_outage: queued={len(queued_ids)} delivered={delivered} duplicates={duplicates}")


if __name__ == "__main__":
    main()
