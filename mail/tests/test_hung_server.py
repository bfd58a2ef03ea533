"""A mail server that hangs or crawls, and a worker killed while it hangs: no row stays `sending`
and no job stays `RUNNING` longer than a small multiple of EMAIL_TIMEOUT."""

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.registry import periodic_schedule
from mail import delivery, tasks
from mail import testing as mail_testing
from mail.models import OutboxMessage
from mail.services import queue_mail
from mail.tasks import send_outbox_message, sweep_outbox
from mail.testing import SilentServer, SMTPTestServer, deliver_outbox, make_due, run_jobs

silent_smtp_server = mail_testing.silent_smtp_server  # the fixture, for this module

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def queue_example():
    return queue_mail(
        to="erika@example.org", template="mail/example/hello", context={"name": "Erika", "link": "x"}, language="de"
    )


def test_the_sending_timeout_and_the_sweep_follow_email_timeout():
    assert django_settings.MAIL_SENDING_TIMEOUT == 3 * django_settings.EMAIL_TIMEOUT
    assert dict(periodic_schedule())["mail.tasks.sweep_outbox"] <= django_settings.EMAIL_TIMEOUT


def test_a_server_that_never_answers_costs_one_attempt_of_email_timeout(silent_smtp_server, settings):
    settings.EMAIL_TIMEOUT = 1
    settings.MAIL_SENDING_TIMEOUT = 60  # so it is EMAIL_TIMEOUT, not the conversation deadline, that ends it
    message = queue_example()
    send_outbox_message.enqueue(message_id=message.pk)

    started = time.monotonic()
    assert run_jobs() == 1  # the real worker code; it would hang here without a timeout
    assert time.monotonic() - started < 10

    assert silent_smtp_server.connections == 1
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == (OutboxMessage.Status.QUEUED, 1)
    assert row.last_error == "SMTPServerDisconnected"
    assert DBTaskResult.objects.get(task_path=tasks.SEND_TASK_PATH, status="SUCCESSFUL")
    assert DBTaskResult.objects.filter(task_path=tasks.SEND_TASK_PATH, status="READY").count() == 1  # the retry


def test_a_server_that_answers_each_step_just_in_time_is_cut_off_at_the_deadline(smtp_server, settings):
    # Each answer comes before the per-step timeout (2 s) …
    settings.EMAIL_TIMEOUT = 5
    settings.MAIL_SENDING_TIMEOUT = 6  # … per step min(5, 6/3) = 2 s; the whole conversation 4 s
    smtp_server.delay = 1.6  # EHLO at 1.6 s, MAIL at 3.2 s, RCPT would answer at 4.8 s
    message = queue_example()
    send_outbox_message.enqueue(message_id=message.pk)

    started = time.monotonic()
    run_jobs()
    elapsed = time.monotonic() - started

    row = OutboxMessage.objects.get()
    assert (row.status, row.last_error) == (OutboxMessage.Status.QUEUED, "TimeoutError")
    assert smtp_server.messages == []
    assert 3.5 < elapsed < 4.7  # ended by the deadline, before the server's answer to RCPT

    smtp_server.delay = 0  # the server recovers: the retry goes out, with the same Message-ID
    make_due()
    deliver_outbox()
    assert smtp_server.message_ids() == [message.message_id]


def test_a_late_worker_does_not_overwrite_the_attempt_that_replaced_its_claim(smtp_server):
    message = queue_example()
    now = timezone.now()
    # A worker claimed the row long ago and is presumed dead; the sweep handed the row on …
    long_ago = now - timedelta(hours=1)
    OutboxMessage.objects.filter(pk=message.pk).update(status="sending", attempts=1, claimed_at=long_ago)
    late = OutboxMessage.objects.get()
    tasks.sweep(now)
    assert send_outbox_message.call(message_id=message.pk) == OutboxMessage.Status.SENT  # … and the new attempt sent it
    jobs = DBTaskResult.objects.count()
    # … then the first worker comes back with a failure: it must not turn `sent` into `queued`.
    delivery._record_failure(late, TimeoutError(), enqueue_retry=tasks.enqueue_send)
    row = OutboxMessage.objects.get()
    assert (row.status, row.last_error) == (OutboxMessage.Status.SENT, "")
    assert DBTaskResult.objects.count() == jobs  # and it enqueues no retry


def test_sweep_marks_jobs_of_dead_workers_failed_after_their_bound(settings):
    settings.MAIL_SENDING_TIMEOUT = 60
    settings.JOB_RUNNING_TIMEOUT = 3600
    send = DBTaskResult.objects.get(pk=send_outbox_message.enqueue(message_id=1).id)
    other = DBTaskResult.objects.get(pk=sweep_outbox.enqueue().id)
    for job in (send, other):
        job.claim("worker-that-was-killed")  # what db_worker writes when it starts a job
    started = send.started_at

    tasks.sweep(started + timedelta(seconds=59))
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"RUNNING"}

    tasks.sweep(started + timedelta(seconds=61))
    send.refresh_from_db()
    assert send.status == "FAILED" and send.exception_class_path == "mail.delivery.WorkerLost"
    assert send.task_result.errors[0].exception_class is delivery.WorkerLost
    assert DBTaskResult.objects.get(pk=other.pk).status == "RUNNING"  # other jobs may take longer

    tasks.sweep(started + timedelta(seconds=3601))
    assert DBTaskResult.objects.get(pk=other.pk).status == "FAILED"


# --- The real thing: worker processes, one killed while the server hangs ------------------------

EMAIL_TIMEOUT = 2  # so MAIL_SENDING_TIMEOUT is 6 s and the sweep runs every 2 s


def _env(database_url, port):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    for name in ("MAIL_SENDING_TIMEOUT", "MAIL_SWEEP_INTERVAL", "JOB_RUNNING_TIMEOUT", "EMAIL_HOST_USER"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="sfi.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
        LOG_LEVEL="ERROR",
    )
    return env


SET_UP = """
from django.core.management import call_command
from mail.services import queue_mail
call_command("migrate", "mail", verbosity=0)
call_command("migrate", "django_tasks_database", verbosity=0)
call_command("migrate", "core", verbosity=0)  # the scheduler's claims (core.PeriodicRun)
print(queue_mail(to="erika@example.org", template="mail/example/hello", context={"name": "E", "link": "x"}).message_id)
"""


def _start(env, log, *args):
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=log, stderr=log)


def _wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {seconds} s for {what}")


def test_a_worker_killed_while_the_server_hangs_loses_neither_the_mail_nor_its_job(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    silent = SilentServer().start()
    env = _env(f"sqlite:///{path}", silent.port)
    log = (tmp_path / "processes.log").open("w")
    processes = []

    def query(sql):
        with sqlite3.connect(path, timeout=10) as db:
            return db.execute(sql).fetchall()

    def status():
        return query("SELECT status FROM mail_outboxmessage")[0][0]

    try:
        setup = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SET_UP], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert setup.returncode == 0, setup.stderr
        message_id = setup.stdout.strip().splitlines()[-1]

        doomed = _start(env, log, "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.1",
                        "--no-startup-delay", "--worker-id", "doomed")  # fmt: skip
        processes.append(doomed)
        _wait_for(lambda: status() == "sending" and silent.connections, 30, "the worker to hang on the server")
        doomed.send_signal(signal.SIGKILL)  # killed while waiting for the greeting
        doomed.wait()
        killed_at = time.monotonic()

        silent.stop()
        server = SMTPTestServer(port=silent.port).start()  # the mail server is back
        try:
            processes.append(_start(env, log, "run_scheduler"))
            processes.append(_start(env, log, "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.1",
                                    "--no-startup-delay", "--worker-id", "fresh"))  # fmt: skip
            _wait_for(lambda: status() == "sent", 40, "the row to be sent again")
            recovered_in = time.monotonic() - killed_at
            time.sleep(0.5)  # a duplicate, if any, would arrive now
            assert server.message_ids() == [message_id]
        finally:
            server.stop()
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=20)
        log.close()
        silent.stop()

    # Back in the queue after MAIL_SENDING_TIMEOUT (6 s) + a sweep (2 s), plus process start-up.
    assert recovered_in < 4 * EMAIL_TIMEOUT + 10, (tmp_path / "processes.log").read_text()[-3000:]
    (job,) = query(
        "SELECT status, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'mail.tasks.send_outbox_message' AND worker_ids LIKE '%doomed%'"
    )
    assert job == ("FAILED", "mail.delivery.WorkerLost")
    assert query("SELECT attempts FROM mail_outboxmessage") == [(2,)]
