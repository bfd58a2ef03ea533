"""Sending one outbox row through SMTP, exactly the way the worker does it.

Guarantees:
- A row is claimed with one conditional UPDATE (queued and due -> sending). Two workers that
  get the same job race on that UPDATE; only one of them sees "1 row changed" and sends.
- A row recorded as `sent` is never claimed again, however often its job runs.
- SMTP trouble: attempts + 1, exponential back-off (MAIL_RETRY_BASE_SECONDS doubled per attempt,
  capped at MAIL_RETRY_MAX_SECONDS), a new job is enqueued for that moment in the same
  transaction (through the `enqueue_retry` the job passes in: this module knows the outbox rows
  and SMTP, not the job table, so it imports neither `mail.tasks` nor `mail.services`).
  After MAIL_MAX_ATTEMPTS the row is `failed`; a 5xx refusal fails at once.
- Every SMTP step waits at most EMAIL_TIMEOUT, and the whole conversation ends after two thirds
  of MAIL_SENDING_TIMEOUT (`_Deadline`), so a server that hangs or answers at a crawl costs one
  failed attempt and the row goes back to the queue; a live worker never holds a row longer.
- A worker killed between claiming and recording the result leaves the row in `sending` and
  its job `RUNNING`. The sweep (`mail.tasks.sweep`) puts such rows back in the queue after
  MAIL_SENDING_TIMEOUT (`requeue_stuck`) and marks the job failed. If the SMTP server had
  already accepted the mail, the recipient gets it twice — with the same Message-ID, so the
  duplicate is recognisable (and mail clients usually collapse it). This window is the few
  milliseconds between the server's "250 OK" and our commit. A result is recorded only for the
  claim it belongs to, so a late worker never overwrites a newer attempt.
"""

import base64
import contextlib
import logging
import smtplib
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mail import rendering
from mail.models import OutboxMessage

logger = logging.getLogger(__name__)


def deliver(message_id, *, enqueue_retry):
    """Send one outbox row if it is queued and due. Returns the row's status afterwards (or None).

    `enqueue_retry(message_id, run_after=…)` puts the job for the next attempt on the queue; it
    runs in the transaction that records the failure (`mail.tasks` passes `enqueue_send`)."""
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
        if not message.rendered:  # its caller left the rendering to the worker (`Rebuild`)
            rendering.render_pending(message)
    except Exception as error:  # noqa: BLE001 - recorded on the row like a failed attempt
        return _record_failure(message, error, enqueue_retry=enqueue_retry)
    try:
        _send(message)
    except (smtplib.SMTPException, OSError) as error:
        return _record_failure(message, error, enqueue_retry=enqueue_retry)
    _record_sent(message)
    return OutboxMessage.Status.SENT


def _send(message):
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={**message.headers, "Message-ID": message.message_id},
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    budget = settings.MAIL_SENDING_TIMEOUT
    # Connecting and the greeting are two steps the deadline cannot cut; together they stay
    # within its two thirds of the budget.
    connection = get_connection(fail_silently=False, timeout=min(settings.EMAIL_TIMEOUT, budget / 3))
    with _Deadline(connection, seconds=budget * 2 / 3) as deadline:
        try:
            connection.open()
            deadline.check()
            # send_messages returns the number sent; the SMTP backend raises on refusal.
            if connection.send_messages([email]) != 1:
                raise smtplib.SMTPException("not sent")
        except (smtplib.SMTPException, OSError) as error:
            if deadline.expired:
                raise TimeoutError("SMTP conversation took too long") from error
            raise
        finally:
            # Closing (QUIT) can fail on a half-dead server; the mail is accepted already then.
            try:
                connection.close()
            except (smtplib.SMTPException, OSError):
                logger.warning("mail id=%s: SMTP connection did not close cleanly", message.pk)


class _Deadline:
    """Ends an SMTP conversation that takes longer than `seconds` in total.

    EMAIL_TIMEOUT bounds each step, but a server that answers every command just before it would
    hold the row for many timeouts — past MAIL_SENDING_TIMEOUT, when the sweep hands the row to
    another worker and the mail would go out twice. A timer thread shuts the socket down, which
    ends the blocked read or write in the worker at once.
    """

    def __init__(self, connection, *, seconds):
        self.connection = connection
        self.expired = False
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        self._timer.cancel()

    def _cut(self):
        self.expired = True
        sock = getattr(self.connection.connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):  # closed already
                sock.shutdown(socket.SHUT_RDWR)

    def check(self):
        if self.expired:
            raise TimeoutError("SMTP conversation took too long")


def _record_sent(message):
    fields = {"status": OutboxMessage.Status.SENT, "sent_at": timezone.now(), "last_error": ""}
    if message.erase_body_after_send:
        # Relay messages carry what one private person wrote to another: keep only the envelope.
        fields.update(subject="", text="", html="", attachments=[])
    _own_claim(message).update(**fields)
    logger.info("mail sent id=%s attempts=%s", message.pk, message.attempts)


def _record_failure(message, error, *, enqueue_retry):
    description = describe_error(error)
    permanent = _is_permanent(error)
    now = timezone.now()
    with transaction.atomic():
        if permanent or message.attempts >= settings.MAIL_MAX_ATTEMPTS:
            status, next_attempt_at = OutboxMessage.Status.FAILED, now
        else:
            status, next_attempt_at = OutboxMessage.Status.QUEUED, now + retry_delay(message.attempts)
        recorded = _own_claim(message).update(status=status, next_attempt_at=next_attempt_at, last_error=description)
        if recorded and status == OutboxMessage.Status.QUEUED:
            # Same transaction as the row update: the retry job exists if and only if the row says so.
            enqueue_retry(message.pk, run_after=next_attempt_at)
    if not recorded:
        logger.warning("mail id=%s attempt=%s %s; row handed on meanwhile", message.pk, message.attempts, description)
        return None
    log = logger.error if status == OutboxMessage.Status.FAILED else logger.warning
    log("mail id=%s attempt=%s %s: %s", message.pk, message.attempts, status, description)
    return status


def _own_claim(message):
    """The row as long as it is still this worker's claim (the sweep may have handed it on)."""
    return OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.SENDING, claimed_at=message.claimed_at
    )


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
    if isinstance(error, rendering.NotRenderable):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(reply[0] >= 500 for reply in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(error, smtplib.SMTPResponseException) and code is not None and code >= 500


class WorkerLost(Exception):
    """Recorded on a job whose worker stopped (was killed, crashed) before the job finished.

    Job rows store this class's dotted path (`exception_class_path`) and import it again when they
    are read, so it keeps its place here although the sweep that records it lives in `mail.tasks`."""


def requeue_stuck(now):
    """Put rows still `sending` after MAIL_SENDING_TIMEOUT (their worker died) back in the queue."""
    requeued = OutboxMessage.objects.stuck(now).update(status=OutboxMessage.Status.QUEUED, next_attempt_at=now)
    if requeued:
        logger.warning("mail sweep: %s message(s) stuck in sending put back in the queue", requeued)
    return requeued
