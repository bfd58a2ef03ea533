"""Test helpers for every app that sends mail: a real SMTP server and the real worker.

    def test_confirmation_mail(smtp_server, client):
        ...                                   # code that calls queue_mail()
        deliver_outbox()                      # runs the worker's job code until nothing is due
        (mail,) = smtp_server.messages_to("person@example.org")
        assert "Bitte bestätigen" in mail.subject
        client.get(mail.links[0])             # absolute URLs; use mail.paths for the test client

`smtp_server` is re-exported from the root conftest.py, so any test can ask for it. It points
EMAIL_BACKEND/EMAIL_HOST/EMAIL_PORT at an aiosmtpd server on a free port of 127.0.0.1.
`SilentServer` is a mail server that hangs: it accepts connections and never answers.
"""

import asyncio
import contextlib
import email
import email.policy
import logging
import re
import socket
import threading
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.db.models import Q
from django.utils import timezone

from mail.parsed import ParsedMail

# aiosmtpd logs every envelope address at INFO under "mail.log"; keep test logs free of them.
logging.getLogger("mail.log").setLevel(logging.WARNING)

URL_PATTERN = re.compile(r"https?://[^\s<>\"')]+")


@dataclass
class ReceivedMail(ParsedMail):
    """One message as the SMTP server received it."""

    mail_from: str
    rcpt_tos: list
    raw: bytes
    message: email.message.EmailMessage = field(repr=False)

    @property
    def attachments(self):
        """[(filename, mimetype, bytes)]"""
        return [
            (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
            for part in self.message.iter_attachments()
        ]

    @property
    def links(self):
        """Absolute URLs in the text part, in order."""
        return URL_PATTERN.findall(self.text)

    @property
    def paths(self):
        """The links as path + query, ready for Django's test client or a live server."""
        result = []
        for link in self.links:
            parts = urlsplit(link)
            result.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return result


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        await self.server.pause()
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        await self.server.pause()
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await self.server.pause()
        if self.server.reply:
            return self.server.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        with self.server.lock:
            self.server.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), raw, parsed))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPTestServer:
    """An aiosmtpd server in a thread. `stop()`/`start()` simulate an outage on the same port;
    set `reply = "451 4.3.0 Try again later"` (or a 5xx) to refuse recipients, and `delay` to
    the seconds it takes to answer EHLO, MAIL and RCPT each (a server at a crawl)."""

    def __init__(self, port=None):
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.messages = []
        self.reply = None
        self.delay = 0
        self.lock = threading.Lock()
        self._controller = None

    async def pause(self):
        if self.delay:
            await asyncio.sleep(self.delay)

    def start(self):
        if self._controller is None:
            self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)
            self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self):
        return self._controller is not None

    def messages_to(self, address):
        return [mail for mail in self.messages if address in mail.rcpt_tos]

    def message_ids(self):
        return [mail.message_id for mail in self.messages]


class SilentServer:
    """A TCP server that accepts every connection and never sends a byte: an SMTP server that
    hangs before its greeting. `connections` counts what it accepted."""

    def __init__(self, port=None):
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.connections = 0
        self._listener = None
        self._open = []

    def start(self):
        self._listener = socket.create_server((self.host, self.port))
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # stopped
            self._open.append(connection)  # kept open, never answered
            self.connections += 1

    def stop(self):
        if self._listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave the port taken.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        for connection in self._open:
            connection.close()
        self._open.clear()


def point_mail_settings_at(settings, server, *, timeout=5):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = timeout


@pytest.fixture
def silent_smtp_server(settings):
    """A mail server that hangs (accepts, never answers); Django's mail settings point at it."""
    server = SilentServer().start()
    point_mail_settings_at(settings, server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server for this test; Django's mail settings point at it."""
    server = SMTPTestServer().start()
    point_mail_settings_at(settings, server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail_catcher(settings, tmp_path):
    """The handler `manage.py mail_catcher` runs, on a free port, storing into a temporary folder;
    DEBUG on, so the development mail view /_dev/mails/ shows what arrived. Yields the folder."""
    from mail.management.commands.mail_catcher import StoreHandler

    settings.MAIL_CATCHER_DIR = tmp_path / "mails"
    port = free_port()
    controller = Controller(StoreHandler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEBUG = True
    try:
        yield settings.MAIL_CATCHER_DIR
    finally:
        controller.stop()


def run_jobs(*, worker_id="test-worker", backend_name="default"):
    """Run every due job on the task queue with django-tasks-db's own Worker.run_task,
    the code `manage.py db_worker` runs for each job. Returns the number of jobs run.

    Unlike `Worker.run()` it does not close database connections between jobs, so it also
    works inside pytest-django's per-test transaction. A job that raised fails the test.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        jobs = DBTaskResult.objects.ready().filter(backend_name=backend_name)
        with exclusive_transaction(jobs.db):
            job = jobs.get_locked()
            if job is not None:
                job.claim(worker_id)
        if job is None:
            return ran
        worker.run_task(job)
        ran += 1
        job.refresh_from_db()
        if job.status == "FAILED":
            raise AssertionError(f"background job {job.task_path} failed:\n{job.traceback}")


def deliver_outbox(*, rounds=20):
    """Run the worker until no outbox row is due any more (rows waiting for a retry later stay).

    Each round runs the periodic sweep (which enqueues a job for every due row without one —
    needed because pytest-django's transaction never commits, so `on_commit` never fires) and
    then all due jobs. Returns the number of jobs run.
    """
    from mail.models import OutboxMessage
    from mail.tasks import sweep_outbox

    total = 0
    for _ in range(rounds):
        sweep_outbox.enqueue()
        total += run_jobs()
        if not OutboxMessage.objects.due().exists():
            return total
    raise AssertionError(f"the outbox still has due messages after {rounds} rounds")


def make_due(*, seconds=None):
    """Let time pass for the outbox: queued rows and their waiting jobs become due now
    (or are moved `seconds` earlier). For retry tests without sleeping."""
    from django_tasks_db.models import DBTaskResult

    from mail.models import OutboxMessage

    now = timezone.now()
    if seconds is None:
        OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).update(next_attempt_at=now)
        DBTaskResult.objects.filter(status="READY").filter(~Q(run_after__lte=now)).update(run_after=now)
    else:
        delta = timedelta(seconds=seconds)
        for row in OutboxMessage.objects.filter(status__in=["queued", "sending"]):
            row.next_attempt_at -= delta
            if row.claimed_at:
                row.claimed_at -= delta
            row.save(update_fields=["next_attempt_at", "claimed_at"])
        for job in DBTaskResult.objects.filter(status="READY"):
            job.run_after -= delta
            job.save(update_fields=["run_after"])
