"""The outbox and the worker, against a real SMTP server (mail.testing.smtp_server)."""

import logging
import smtplib

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from mail import delivery, tasks
from mail.models import OutboxMessage
from mail.services import Attachment, queue_mail
from mail.tasks import send_outbox_message
from mail.testing import deliver_outbox, make_due, run_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

ADDRESS = "erika.musterfrau@example.org"


def queue_example(**overrides):
    fields = {
        "to": ADDRESS,
        "template": "mail/example/hello",
        "context": {"name": "Erika & Co", "link": "http://127.0.0.1:8000/bestaetigen/abc?x=1&y=2"},
        "language": "de",
    }
    return queue_mail(**{**fields, **overrides})


def test_queue_mail_writes_a_rendered_row_and_sends_nothing_yet(smtp_server):
    message = queue_example(reply_to="team@example.org")

    row = OutboxMessage.objects.get()
    assert row == message
    assert row.status == OutboxMessage.Status.QUEUED
    assert row.subject == "Hallo Erika & Co"  # plain text: not HTML-escaped
    assert "http://127.0.0.1:8000/bestaetigen/abc?x=1&y=2" in row.text
    assert "Erika &amp; Co" in row.html  # HTML: escaped
    assert row.message_id.startswith("<") and row.message_id.endswith("@127.0.0.1>")
    assert row.template == "mail/example/hello" and row.language == "de"
    assert smtp_server.messages == []


def test_worker_sends_text_html_attachment_reply_to_and_message_id(smtp_server):
    message = queue_example(
        reply_to="team@example.org",
        attachments=(Attachment(filename="event.ics", content=b"BEGIN:VCALENDAR\r\n", mimetype="text/calendar"),),
    )

    deliver_outbox()

    (mail,) = smtp_server.messages
    assert mail.rcpt_tos == [ADDRESS]
    assert mail.subject == "Hallo Erika & Co"
    assert mail.message_id == message.message_id
    assert mail.reply_to == "team@example.org"
    assert "bitte bestätigen Sie Ihre Adresse" in mail.text
    assert mail.links == ["http://127.0.0.1:8000/bestaetigen/abc?x=1&y=2", "http://127.0.0.1:8000/"]
    assert mail.paths == ["/bestaetigen/abc?x=1&y=2", "/"]
    assert '<a href="http://127.0.0.1:8000/bestaetigen/abc?x=1&amp;y=2">' in mail.html
    assert mail.attachments == [("event.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n")]
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.SENT
    assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""


def test_message_is_rendered_in_the_requested_language(smtp_server):
    queue_example(language="en")
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert mail.subject == "Hello Erika & Co"
    assert "please confirm your address" in mail.text
    assert '<html lang="en">' in mail.html


def test_retry_after_the_server_was_down_keeps_the_message_id(smtp_server):
    message = queue_example()
    smtp_server.stop()

    deliver_outbox()

    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.QUEUED
    assert row.attempts == 1
    assert row.last_error == "ConnectionRefusedError 111"
    assert row.next_attempt_at > row.claimed_at  # back-off
    # The retry job waits for the back-off; it is on the queue, not lost.
    assert DBTaskResult.objects.filter(status="READY", task_path=tasks.SEND_TASK_PATH).count() == 1

    smtp_server.start()
    deliver_outbox()
    assert smtp_server.messages == []  # still waiting for the back-off

    make_due()
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert mail.message_id == message.message_id
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.SENT and row.attempts == 2


def test_back_off_doubles_and_is_capped(settings):
    settings.MAIL_RETRY_BASE_SECONDS = 30
    settings.MAIL_RETRY_MAX_SECONDS = 300
    assert [delivery.retry_delay(n).total_seconds() for n in range(1, 7)] == [30, 60, 120, 240, 300, 300]


def test_after_max_attempts_the_row_is_failed(smtp_server, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    queue_example()
    smtp_server.reply = "451 4.3.0 Try again later"
    for _ in range(5):
        deliver_outbox()
        make_due()
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.FAILED
    assert row.attempts == 3
    assert row.last_error == "SMTPRecipientsRefused 451"
    assert smtp_server.messages == []


def test_permanent_refusal_fails_at_once(smtp_server):
    queue_example()
    smtp_server.reply = "550 5.1.1 No such user"
    deliver_outbox()
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.FAILED and row.attempts == 1
    assert row.last_error == "SMTPRecipientsRefused 550"


def test_a_sent_row_is_never_sent_again(smtp_server):
    message = queue_example()
    deliver_outbox()
    assert len(smtp_server.messages) == 1

    # The same job twice more, the sweep, and a direct call: all find nothing to claim.
    send_outbox_message.enqueue(message_id=message.pk)
    send_outbox_message.enqueue(message_id=message.pk)
    make_due()
    run_jobs()
    deliver_outbox()
    assert send_outbox_message.call(message_id=message.pk) is None

    assert len(smtp_server.messages) == 1
    # Even if someone put the row back to "queued" by hand, a sent row keeps its sent_at.
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_erase_body_after_send_keeps_only_the_envelope(smtp_server):
    queue_example(
        erase_body_after_send=True,
        attachments=(Attachment(filename="a.txt", content=b"private", mimetype="text/plain"),),
    )
    deliver_outbox()

    (mail,) = smtp_server.messages
    assert "bitte bestätigen" in mail.text  # the recipient got everything
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.SENT
    assert (row.subject, row.text, row.html, row.attachments) == ("", "", "", [])
    assert row.to == ADDRESS and row.message_id


def test_erase_waits_until_the_mail_is_really_sent(smtp_server):
    queue_example(erase_body_after_send=True)
    smtp_server.stop()
    deliver_outbox()
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.QUEUED and "bitte bestätigen" in row.text


def test_sweep_requeues_rows_stuck_in_sending(smtp_server, settings):
    settings.MAIL_SENDING_TIMEOUT = 600
    message = queue_example()
    # A worker claimed the row and was killed before it could record the result.
    OutboxMessage.objects.filter(pk=message.pk).update(status="sending", attempts=1, claimed_at=message.created_at)
    deliver_outbox()
    assert smtp_server.messages == []  # not yet: it might still be on its way

    make_due(seconds=601)
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert mail.message_id == message.message_id
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.SENT and row.attempts == 2


def test_sweep_enqueues_a_job_only_for_due_rows_without_one(smtp_server):
    message = queue_example()
    assert tasks.sweep() == (0, 1)
    assert tasks.sweep() == (0, 0)  # its job is still waiting
    jobs = DBTaskResult.objects.filter(task_path=tasks.SEND_TASK_PATH)
    assert [job.args_kwargs["kwargs"] for job in jobs] == [{"message_id": message.pk}]


def test_no_recipient_address_in_logs_or_job_rows(smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    queue_example()
    smtp_server.reply = "451 4.3.0 Mailbox of erika.musterfrau@example.org busy"
    deliver_outbox()
    smtp_server.reply = None
    make_due()
    deliver_outbox()

    assert len(smtp_server.messages) == 1
    assert caplog.records, "expected log records"
    for record in caplog.records:
        assert ADDRESS not in record.getMessage()
        assert "erika" not in record.getMessage().lower()
    row = OutboxMessage.objects.get()
    assert "erika" not in row.last_error.lower()
    for job in DBTaskResult.objects.all():
        assert "erika" not in f"{job.args_kwargs} {job.return_value} {job.traceback}".lower()


def test_describe_error_never_contains_the_reply_text():
    error = smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"5.1.1 <erika.musterfrau@example.org> unknown")})
    assert delivery.describe_error(error) == "SMTPRecipientsRefused 550"
    assert delivery.describe_error(smtplib.SMTPDataError(554, b"rejected for erika")) == "SMTPDataError 554"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_job_is_enqueued_on_commit_and_vanishes_with_a_rollback(smtp_server):
    with transaction.atomic():
        message = queue_example()
        assert not DBTaskResult.objects.exists()  # not before the commit
    assert [job.args_kwargs["kwargs"] for job in DBTaskResult.objects.all()] == [{"message_id": message.pk}]

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_example(to="other@example.org")
        raise RuntimeError("the change that caused the mail failed")
    assert OutboxMessage.objects.count() == 1
    assert DBTaskResult.objects.count() == 1

    run_jobs()
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [[ADDRESS]]


def test_prune_removes_old_finished_and_dead_jobs_only(smtp_server):
    from datetime import timedelta

    from django.utils import timezone

    queue_example()
    deliver_outbox()  # one sweep job and one send job, both successful now
    fresh = DBTaskResult.objects.count()
    old = send_outbox_message.enqueue(message_id=0)
    DBTaskResult.objects.filter(pk=old.id).update(status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=8))
    dead = send_outbox_message.enqueue(message_id=0)
    DBTaskResult.objects.filter(pk=dead.id).update(status="RUNNING", started_at=timezone.now() - timedelta(days=2))
    waiting = send_outbox_message.enqueue(message_id=0)

    assert tasks.prune_jobs() == 2
    remaining = set(DBTaskResult.objects.values_list("id", flat=True))
    assert len(remaining) == fresh + 1 and waiting.db_result.id in remaining
