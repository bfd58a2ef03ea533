"""Newsletter benchmark: one issue to 5,000 subscribers through the outbox, the real workers and a
local SMTP sink; one worker is killed in the middle and started again.

    python bench/newsletter.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                               [--subscribers 5000] [--workers 2] [--rate 60000]

1. A fresh database (temporary SQLite file, or a throwaway PostgreSQL database), migrated.
2. 5,000 confirmed subscribers (fictional, @example.org) and a published issue.
3. The team starts the sending twice (a double click) through `newsletter.services.start_sending`;
   the batch job (`newsletter.services.queue_batch`, what `newsletter.tasks.send_batch` runs) puts
   up to --rate copies a minute into the outbox (100 per transaction), each with its `Delivery`
   row. `queued_s` is the time until every copy was queued, the throttle's pauses included.
4. The real worker processes (`manage.py db_worker`, production settings) and the scheduler
   (`manage.py run_scheduler`: outbox sweep, newsletter safety net) send them to an aiosmtpd sink.
5. When half the copies have arrived, one worker is killed with SIGKILL in the middle of a send
   (at the DATA command, as bench/mail_outage.py does) and started again; the sweep puts its row
   back in the queue after MAIL_SENDING_TIMEOUT.
6. The sink counts Message-IDs: `delivered` is the number of distinct issue copies received,
   `duplicates` the copies received more than once; `mails_per_min` is the rate from the first to
   the last mail received.

Last line: newsletter: subscribers=5000 queued_s=N delivered=5000 duplicates=0 mails_per_min=N
"""

import argparse
import email
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import PYTHON, ROOT, free_port, fresh_database, manage, production_env
from bench.mail_outage import socket_owner

TIMEOUT = 900  # seconds for the whole delivery


class Sink:
    """The SMTP server: stores (Message-ID, recipients, time) and kills one worker once, halfway."""

    def __init__(self, expected):
        self.expected = expected
        self.received = []
        self.lock = threading.Lock()
        self.workers = []
        self.killed = threading.Event()
        self.note = ""

    def handler(self):
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if not sink.killed.is_set() and len(sink.received) >= sink.expected // 2:
                    alive = [w.pid for w in sink.workers if w.poll() is None]
                    owner = socket_owner(session.peer[1], alive)
                    victim = next((w for w in sink.workers if w.pid == owner), None)
                    if victim is not None:
                        victim.send_signal(signal.SIGKILL)
                        sink.note = f"SIGKILL worker pid {victim.pid} at DATA of mail {len(sink.received) + 1}"
                        sink.killed.set()
                        return "421 4.3.0 Worker gone"
                message_id = email.message_from_bytes(envelope.original_content or envelope.content)["Message-ID"]
                with sink.lock:
                    sink.received.append((message_id, tuple(envelope.rcpt_tos), time.monotonic()))
                return "250 Message accepted for delivery"

        return Handler()


def start_worker(env, index):
    command = [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.2"]
    command += ["--no-startup-delay", "--verbosity", "0", "--worker-id", f"bench-{index}-{time.monotonic_ns()}"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def setup(env, count):
    """Subscribers, an issue and a team account, in-process with the project's own models."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections
    from django.utils import timezone

    from accounts.models import User
    from newsletter.models import Issue, Subscriber

    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"leser{n}@example.org", status=Subscriber.Status.ACTIVE, confirmed_at=now)
        for n in range(count)
    )
    issue = Issue.objects.create(
        year=2015,
        number=2,
        slug="2015-02",
        title="Erste Unterstützer_innen-Schulungen in Sächsische Schweiz-Osterzgebirge",
        summary="Rückblick auf die ersten Schulungen (fiktiv).",
        body="## Pirna und Freital\n\nDie ersten Schulungen haben begonnen (fiktiver Text).",
        published_at=now,
    )
    team = User.objects.create_user(email="team@example.org", role=User.Role.TEAM)
    connections.close_all()
    return issue.pk, team.pk


def queue_issue(issue_id, team_id):
    """Start the sending twice and run its batches until every copy is queued. Returns seconds."""
    from django.db import connections

    from accounts.models import User
    from newsletter import services
    from newsletter.models import Issue, Sending

    issue, team = Issue.objects.get(pk=issue_id), User.objects.get(pk=team_id)
    started = time.monotonic()
    first = services.start_sending(issue=issue, districts=[], topics=[], by=team)
    again = services.start_sending(issue=issue, districts=[], topics=[], by=team)
    assert first.pk == again.pk, "a second start must find the running sending"
    while Sending.objects.filter(pk=first.pk, status=Sending.Status.RUNNING).exists():
        if not services.queue_batch(sending_id=first.pk):
            time.sleep(0.05)  # the next chunk is not due yet (--rate)
    seconds = time.monotonic() - started
    connections.close_all()
    return seconds


def outbox_counts():
    from django.db import connections
    from django.db.models import Count

    from mail.models import OutboxMessage

    counts = dict(
        OutboxMessage.objects.filter(template="newsletter/mail/issue")
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    connections.close_all()
    return counts


def final_report():
    from newsletter import services
    from newsletter.models import Sending

    services.resume_sendings()
    return Sending.objects.values_list("status", "sent_count", "failed_count").get()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=int, default=60000, help="NEWSLETTER_RATE_PER_MINUTE")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    smtp_port = free_port()
    with fresh_database(args.database_url) as database_url:
        env = production_env(
            database_url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=smtp_port,
            EMAIL_TIMEOUT=2,  # MAIL_SENDING_TIMEOUT and the sweep follow it (6 s, 2 s)
            NEWSLETTER_RATE_PER_MINUTE=args.rate,
            LOG_LEVEL="ERROR",
        )
        manage(env, "migrate", "--noinput")
        issue_id, team_id = setup(env, args.subscribers)
        print(f"{args.subscribers} subscribers, one issue; SMTP sink on port {smtp_port}", flush=True)

        sink = Sink(args.subscribers)
        controller = Controller(sink.handler(), hostname="127.0.0.1", port=smtp_port)
        controller.start()
        scheduler = subprocess.Popen(
            [PYTHON, "manage.py", "run_scheduler"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        sink.workers += [start_worker(env, index) for index in range(args.workers)]
        try:
            queued_s = queue_issue(issue_id, team_id)
            print(f"all {args.subscribers} copies queued in {queued_s:.1f} s", flush=True)
            restarted = False
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                if sink.killed.is_set() and not restarted:
                    print(sink.note, flush=True)
                    sink.workers.append(start_worker(env, len(sink.workers)))
                    print("worker started again", flush=True)
                    restarted = True
                counts = outbox_counts()
                if counts.get("sent", 0) + counts.get("failed", 0) >= args.subscribers and restarted:
                    break
                time.sleep(1)
            time.sleep(1)  # a late duplicate (if any) arrives before counting
            print(f"outbox {counts}; sending {final_report()}", flush=True)
        finally:
            for process in [*sink.workers, scheduler]:
                if process.poll() is None:
                    process.terminate()
            for process in [*sink.workers, scheduler]:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            controller.stop()

    per_id = Counter(message_id for message_id, _, _ in sink.received)
    per_person = Counter(address for _, rcpts, _ in sink.received for address in rcpts)
    # Copies beyond one per person, whether they repeat a Message-ID or carry a new one.
    duplicates = len(sink.received) - len(per_person)
    times = [at for _, _, at in sink.received]
    minutes = (max(times) - min(times)) / 60 if len(times) > 1 else 0
    mails_per_min = round(len(per_id) / minutes) if minutes else 0
    print(
        f"newsletter: subscribers={args.subscribers} queued_s={queued_s:.1f} delivered={len(per_id)} "
        f"duplicates={duplicates} mails_per_min={mails_per_min}"
    )


if __name__ == "__main__":
    main()
