"""Writes of the newsletter: one transaction each, audit entries for the team's actions, mail only
through `mail.services.queue_mail`.

Exactly one copy per subscriber: a copy is queued together with its `Delivery` row, and the
unique constraint (issue, subscriber) admits one such row, however often a sending is started or
its batch job runs (jobs of one issue are serialised by locking the issue's row). A subscriber
who unsubscribes meanwhile takes the copies still waiting with them (`erase_mails`)."""

import hashlib
import hmac
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from audit.services import record
from core.text import render_markdown
from mail.models import OutboxMessage
from mail.services import erase_mails, queue_mail
from newsletter.models import Delivery, Issue, Sending, Subscriber, Suppression
from newsletter.queries import progress, recipients, sending_recipients
from newsletter.tokens import confirm_token, personal_token

logger = logging.getLogger(__name__)

BATCH_TASK = "newsletter.tasks.send_batch"


class SendingRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Sign-up, confirmation, managing, unsubscribing ---------------------------------------


def address_hash(email):
    """A keyed hash of the normalised address: recognises it again, cannot be turned back."""
    key = hashlib.sha256(f"newsletter-suppression:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def is_suppressed(email):
    return Suppression.objects.filter(address_hash=address_hash(email)).exists()


def subscribe(*, email, districts, topics, consent, language, source=Subscriber.Source.SITE, now=None):
    """Start a subscription: a pending row and the confirmation mail. The same address again gets
    the mail again (a new link); an active subscriber gets their personal link instead. An address
    that asked for "never again" gets nothing. The answer never tells which case it was."""
    now = now or timezone.now()
    email = email.strip()
    with transaction.atomic():
        if is_suppressed(email):
            logger.info("newsletter sign-up for a suppressed address ignored")
            return None
        existing = Subscriber.objects.current().select_for_update().filter(email__iexact=email).first()
        if existing and existing.status == Subscriber.Status.ACTIVE:
            _queue(existing, "newsletter/mail/already_subscribed", {"manage_url": manage_url(existing)})
            return existing
        subscriber = existing or Subscriber(email=email, created_at=now)
        subscriber.language = language
        subscriber.source = source
        for field, value in consent.as_fields().items():
            setattr(subscriber, field, value)
        subscriber.save()
        subscriber.districts.set(districts)
        subscriber.topics.set(topics)
        _queue(
            subscriber,
            "newsletter/mail/confirm",
            {
                "confirm_url": _absolute(reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})),
                "hours": settings.NEWSLETTER_CONFIRM_HOURS,
            },
        )
    return subscriber


def subscribe_from_registration(*, email, language, consent):
    """Answer to the registrations' hook `newsletter_requested`: the same double opt-in, all of
    Saxony and every topic (the person narrows it down through the personal link)."""
    subscribe(
        email=email,
        districts=[],
        topics=[],
        consent=consent,
        language=language,
        source=Subscriber.Source.REGISTRATION,
    )


def confirm(*, subscriber, now=None):
    """The person confirmed their address. Idempotent; None if the subscription ended meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return None
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["status", "confirmed_at"])
            _queue(subscriber, "newsletter/mail/welcome", {"manage_url": manage_url(subscriber)})
    return subscriber


def resend_confirmation(*, subscriber):
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.Status.PENDING:
            return False
        _queue(
            subscriber,
            "newsletter/mail/confirm",
            {
                "confirm_url": _absolute(reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})),
                "hours": settings.NEWSLETTER_CONFIRM_HOURS,
            },
        )
    return True


def update_interests(*, subscriber, districts, topics):
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return None
        subscriber.districts.set(districts)
        subscriber.topics.set(topics)
    return subscriber


def unsubscribe(*, subscriber, never_again=False, now=None):
    """End the subscription and erase the address at once: the row keeps status, dates, regions and
    topics for the counts. Copies still waiting in the outbox go too, so none arrives after this.
    `never_again` keeps a keyed hash of the address, so a later sign-up with it is ignored.
    Idempotent: returns False when it was over already."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return False
        if never_again:
            Suppression.objects.get_or_create(address_hash=address_hash(subscriber.email))
        _withdraw_waiting_copies(subscriber)
        erase_mails(belonging_to=[subscriber.outbox_key])
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = now
        subscriber.email = ""
        subscriber.save(update_fields=["status", "unsubscribed_at", "email"])
    logger.info("newsletter subscriber id=%s unsubscribed", subscriber.pk)
    return True


def erase_address(*, email, now=None):
    """Answer to privacy's hook `address_erased`: every subscription of the address ends and loses
    it. Returns how many did."""
    ended = 0
    for subscriber in Subscriber.objects.current().filter(email__iexact=email.strip()):
        ended += unsubscribe(subscriber=subscriber, now=now)
    return ended


def _withdraw_waiting_copies(subscriber):
    waiting = OutboxMessage.objects.filter(
        belongs_to=subscriber.outbox_key, status=OutboxMessage.Status.QUEUED
    ).values_list("pk", flat=True)
    Delivery.objects.filter(subscriber=subscriber, outbox_id__in=list(waiting)).update(
        outcome=Delivery.Outcome.WITHDRAWN, outbox_id=None
    )


def delete_unconfirmed(*, now):
    """Retention: sign-ups never confirmed go after `newsletter_unconfirmed_days`."""
    cutoff = now - timedelta(days=settings.PRIVACY_RETENTION["newsletter_unconfirmed_days"])
    deleted = 0
    for subscriber in Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff):
        with transaction.atomic():
            erase_mails(belonging_to=[subscriber.outbox_key])
            subscriber.delete()
            deleted += 1
    return {"newsletter_unconfirmed_deleted": deleted}


def manage_url(subscriber):
    return _absolute(reverse("newsletter:manage", kwargs={"token": personal_token(subscriber)}))


def unsubscribe_url(subscriber):
    return _absolute(reverse("newsletter:unsubscribe", kwargs={"token": personal_token(subscriber)}))


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _queue(subscriber, template, context, **kwargs):
    return queue_mail(
        to=subscriber.email,
        template=template,
        context=context,
        language=subscriber.language,
        belongs_to=subscriber.outbox_key,
        **kwargs,
    )


# --- Issues ---------------------------------------------------------------------------------


def save_issue(*, form, by, request=None):
    """Create or edit an issue (optimistic locking: the form carries the version it was opened with)."""
    with transaction.atomic():
        issue = form.instance
        created = issue.pk is None
        if not created:
            current = Issue.objects.select_for_update().get(pk=issue.pk)
            if current.version != form.cleaned_data["version"]:
                raise StaleIssue
            issue.version = current.version + 1
        issue = form.save()
        record(
            actor=by,
            action="newsletter.issue_created" if created else "newsletter.issue_changed",
            target=issue,
            request=request,
        )
    return issue


class StaleIssue(Exception):
    """Someone else saved the issue since the form was opened."""


def issue_context(issue, subscriber=None):
    context = {
        "issue": issue,
        "issue_html": render_markdown(issue.body),
        "issue_url": _absolute(issue.get_absolute_url()),
        "pdf_url": _absolute(issue.pdf_url) if issue.pdf else "",
    }
    if subscriber is not None:
        context.update(manage_url=manage_url(subscriber), unsubscribe_url=unsubscribe_url(subscriber))
    return context


def one_click_headers(subscriber):
    """RFC 8058: a mail client may unsubscribe with one POST to this HTTPS link, no page needed."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.PROJECT_NAME} Newsletter <newsletter.{_list_domain()}>",
    }


def _list_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def send_test(*, issue, by, request=None):
    """The issue as subscribers will see it, to the team member's own address."""
    with transaction.atomic():
        context = issue_context(issue)
        context.update(manage_url=_absolute(reverse("newsletter:signup")), unsubscribe_url="", is_test=True)
        queue_mail(to=by.email, template="newsletter/mail/issue", context=context, language="de")
        record(actor=by, action="newsletter.test_sent", target=issue, request=request)


# --- Sending --------------------------------------------------------------------------------


def start_sending(*, issue, districts, topics, by, request=None, now=None):
    """Start sending an issue to the chosen recipients. Refused for an unpublished issue, an empty
    selection, or while a sending of the issue runs (started twice: the first one is returned)."""
    now = now or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        running = Sending.objects.filter(issue=issue, status=Sending.Status.RUNNING).first()
        if running:
            return running
        if not issue.is_published:
            raise SendingRefused("unpublished")
        chosen = recipients(districts=districts, topics=topics).exclude(deliveries__issue=issue)
        count = chosen.count()
        if not count:
            raise SendingRefused("empty")
        sending = Sending.objects.create(
            issue=issue,
            recipients_at_start=count,
            rate_per_minute=settings.NEWSLETTER_RATE_PER_MINUTE,
            next_batch_at=now,
            started_by=by,
            started_at=now,
        )
        sending.districts.set(districts)
        sending.topics.set(topics)
        record(
            actor=by,
            action="newsletter.sending_started",
            target=issue,
            details={"sending": sending.pk, "recipients": count},
            request=request,
        )
        transaction.on_commit(lambda: _enqueue_batch(sending.pk))
    return sending


def _enqueue_batch(sending_id, run_after=None):
    job = import_string(BATCH_TASK)
    (job.using(run_after=run_after) if run_after else job).enqueue(sending_id=sending_id)


# Copies queued in one transaction: short write transactions (SQLite has one writer at a time, and
# the workers record their sends meanwhile).
CHUNK = 100


def queue_batch(*, sending_id, now=None):
    """Queue the next copies of a running sending, if they are due: at most CHUNK at once, and the
    next chunk when the rate per minute allows it (rate 300: 100 copies every 20 seconds).

    Runs as often as anyone likes (a job started twice, the safety net, a restarted worker): the
    issue's row lock serialises the chunks, a chunk that is not yet due does nothing, and the
    (issue, subscriber) constraint refuses a second copy. Returns how many copies it queued."""
    now = now or timezone.now()
    with transaction.atomic():
        sending = Sending.objects.filter(pk=sending_id).first()
        if sending is None:
            return 0
        issue = Issue.objects.select_for_update().get(pk=sending.issue_id)
        sending = Sending.objects.select_for_update().get(pk=sending_id)
        if sending.status != Sending.Status.RUNNING or sending.next_batch_at > now:
            return 0
        size = min(CHUNK, sending.rate_per_minute)
        batch = list(sending_recipients(sending).exclude(deliveries__issue=issue).order_by("id")[:size])
        context = issue_context(issue)
        queued = 0
        for subscriber in batch:
            try:
                with transaction.atomic():
                    delivery = Delivery.objects.create(
                        sending=sending, issue=issue, subscriber=subscriber, queued_at=now
                    )
                    links = {"manage_url": manage_url(subscriber), "unsubscribe_url": unsubscribe_url(subscriber)}
                    message = _queue(
                        subscriber, "newsletter/mail/issue", {**context, **links}, headers=one_click_headers(subscriber)
                    )
                    delivery.outbox_id = message.pk
                    delivery.save(update_fields=["outbox_id"])
                    queued += 1
            except IntegrityError:
                logger.warning("newsletter sending id=%s: a copy existed already, skipped", sending.pk)
        if len(batch) < size:
            sending.status = Sending.Status.QUEUED
            sending.queued_at = now
        else:
            sending.next_batch_at = now + timedelta(seconds=60 * size / sending.rate_per_minute)
            next_at = sending.next_batch_at
            transaction.on_commit(lambda: _enqueue_batch(sending.pk, run_after=next_at))
        sending.save(update_fields=["status", "queued_at", "next_batch_at"])
    logger.info("newsletter sending id=%s: %s copies queued", sending.pk, queued)
    return queued


def resume_sendings(*, now=None):
    """Safety net (periodic): a due batch whose job was lost runs now; sendings whose copies all
    left get their final report. Returns {"batches", "finished"}."""
    now = now or timezone.now()
    batches = 0
    for sending_id in Sending.objects.filter(status=Sending.Status.RUNNING, next_batch_at__lte=now).values_list(
        "pk", flat=True
    ):
        batches += 1 if queue_batch(sending_id=sending_id, now=now) else 0
    finished = 0
    for sending in Sending.objects.filter(status=Sending.Status.QUEUED):
        finished += finish_if_done(sending=sending, now=now)
    return {"batches": batches, "finished": finished}


def finish_if_done(*, sending, now=None):
    """Write the final report once no copy of the sending waits in the outbox any more."""
    now = now or timezone.now()
    with transaction.atomic():
        sending = Sending.objects.select_for_update().get(pk=sending.pk)
        if sending.status != Sending.Status.QUEUED:
            return 0
        figures = progress(sending)
        if figures["waiting"]:
            return 0
        sending.status = Sending.Status.DONE
        sending.finished_at = now
        sending.sent_count = figures["sent"]
        sending.failed_count = figures["failed"]
        sending.withdrawn_count = figures["withdrawn"]
        sending.save(update_fields=["status", "finished_at", "sent_count", "failed_count", "withdrawn_count"])
    return 1


def personal_token_of(subscriber):
    return personal_token(subscriber)
