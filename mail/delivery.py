"""Sending one outbox row through SMTP, exactly the way the worker does it.

Guarantees:
- A row is claimed with one conditional UPDATE (queued and due -> sending). Two workers that
  get the same job race on that UPDATE; only one of them sees "1 row changed" and sends.
- A row recorded as `sent` is never claimed again, however often its job runs.
- SMTP trouble: attempts + 1, exponential back-off (MAIL_RETRY_BASE_SECONDS doubled per attempt,
  capped at MAIL_RETRY_MAX_SECONDS), a new job is enqueued for that moment in the same
  transaction. After MAIL_MAX_ATTEMPTS the row is `failed`; a 5xx refusal fails at once.
- A worker killed between claiming and recording the result leaves the row in `sending`.
  The sweep puts such rows back in the queue after MAIL_SENDING_TIMEOUT. If the SMTP server
  had already accepted the mail, the recipient gets it twice — with the same Message-ID, so
  the duplicate is recognisable (and mail clients usually collapse it). This window is the few
  milliseconds between the server's "250 OK" and our commit.
"""

import base64
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from mail.models import OutboxMessage

logger = logging.getLogger(__name__)

SEND_TASK_PATH = "mail.tasks.send_outbox_message"


def deliver(message_id):
    """Send one outbox row if it is queued and due. Returns the row's status afterwards (or None)."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        # Sent already, claimed by another worker, failed for good, or not due yet: nothing to do.
        logger.debug("mail id=%s not claimable, skipped", message_id)
        return None
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _send(message)
    except (smtplib.SMTPException, OSError) as error:
        return _record_failure(message, error)
    _record_sent(message)
    return OutboxMessage.Status.SENT


def _send(message):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": message.message_id},
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    connection = get_connection(fail_silently=False)
    connection.open()
    try:
        # send_messages returns the number sent; the SMTP backend raises on refusal.
        if connection.send_messages([email]) != 1:
            raise smtplib.SMTPException("not sent")
    finally:
        # Closing (QUIT) can fail on a half-dead server; the mail is accepted already then.
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            logger.warning("mail id=%s: SMTP connection did not close cleanly", message.pk)


def _record_sent(message):
    fields = {"status": OutboxMessage.Status.SENT, "sent_at": timezone.now(), "last_error": ""}
    if message.erase_body_after_send:
        # Relay messages carry what one private person wrote to another: keep only the envelope.
        fields.update(subject="", text="", html="", attachments=[])
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(**fields)
    logger.info("mail sent id=%s attempts=%s", message.pk, message.attempts)


def _record_failure(message, error):
    description = describe_error(error)
    permanent = _is_permanent(error)
    now = timezone.now()
    with transaction.atomic():
        if permanent or message.attempts >= settings.MAIL_MAX_ATTEMPTS:
            status, next_attempt_at = OutboxMessage.Status.FAILED, now
        else:
            status, next_attempt_at = OutboxMessage.Status.QUEUED, now + retry_delay(message.attempts)
        OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
            status=status, next_attempt_at=next_attempt_at, last_error=description
        )
        if status == OutboxMessage.Status.QUEUED:
            # Same transaction as the row update: the retry job exists if and only if the row says so.
            from mail.services import enqueue_send

            enqueue_send(message.pk, run_after=next_attempt_at)
    log = logger.error if status == OutboxMessage.Status.FAILED else logger.warning
    log("mail id=%s attempt=%s %s: %s", message.pk, message.attempts, status, description)
    return status


def retry_delay(attempts):
    """Back-off after the given number of failed attempts: base, 2×base, 4×base … capped."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def describe_error(error):
    """Class name and SMTP code only — SMTP replies and exception texts may quote the address."""
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(reply[0]) for reply in error.recipients.values()})
        code = ",".join(codes)
    name = type(error).__name__
    return f"{name} {code}" if code else name


def _is_permanent(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(reply[0] >= 500 for reply in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(error, smtplib.SMTPResponseException) and code is not None and code >= 500


def sweep(now=None):
    """Re-queue rows stuck in `sending` and enqueue a job for due rows that have none.

    Idempotent: run it as often as you like; a superfluous job finds nothing to claim.
    Returns (requeued_stuck, enqueued).
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from mail.services import enqueue_send

    now = now or timezone.now()
    requeued = OutboxMessage.objects.stuck(now).update(status=OutboxMessage.Status.QUEUED, next_attempt_at=now)
    if requeued:
        logger.warning("mail sweep: %s message(s) stuck in sending put back in the queue", requeued)
    waiting = {
        args_kwargs["kwargs"].get("message_id")
        for args_kwargs in DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=SEND_TASK_PATH
        ).values_list("args_kwargs", flat=True)
    }
    enqueued = 0
    for message_id in OutboxMessage.objects.due(now).values_list("pk", flat=True):
        if message_id not in waiting:
            enqueue_send(message_id)
            enqueued += 1
    if enqueued:
        logger.info("mail sweep: enqueued %s job(s) for due messages", enqueued)
    return requeued, enqueued


def prune_jobs(now=None):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    deleted, _ = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lte=now - timedelta(days=7))
        | Q(status=TaskResultStatus.FAILED, finished_at__lte=now - timedelta(days=30))
        | Q(status=TaskResultStatus.RUNNING, started_at__lte=now - timedelta(days=1))
    ).delete()
    return deleted
