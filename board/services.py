"""Writes of the board: posting, confirming, reviewing, the poster's own changes, reports and alerts.

Each is one transaction; its mails are outbox rows in the same transaction; the team's actions are
in the audit log (ids only, never names, addresses or text).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import record
from board import mails
from board.models import Alert, Post, Report, TrustedInitiative, has_contact_data
from mail.services import erase_mails

logger = logging.getLogger(__name__)

ANONYMOUS_TEXT = ""


class StaleVersion(Exception):
    """Someone else changed the post since the page was opened (optimistic locking)."""


class NotReviewable(Exception):
    """The post is not waiting for review (or not public, for reports) any more."""


def default_valid_until(now=None):
    return (now or timezone.now()) + timedelta(weeks=settings.BOARD_VALID_WEEKS)


def _public_text(post):
    return f"{post.title}\n{post.text}\n{post.organisation}\n{post.first_name}"


def _locked(post):
    return Post.objects.select_for_update(of=("self",)).select_related("initiative").get(pk=post.pk)


def is_trusted(post) -> bool:
    """Trusted initiatives skip review: the post names the initiative, comes from its known contact
    address, and has no phone number or e-mail address in its public text."""
    if post.poster != Post.Poster.INITIATIVE or post.initiative is None or post.needs_review_for_contact_data:
        return False
    if post.email.casefold() != post.initiative.contact_email.casefold():
        return False
    return TrustedInitiative.objects.filter(initiative=post.initiative).exists()


@transaction.atomic
def create_post(*, form, language) -> Post:
    """A new post from the public form; it waits for the poster to confirm the address."""
    post = form.save(commit=False)
    post.status = Post.Status.UNCONFIRMED
    post.language = language
    post.needs_review_for_contact_data = has_contact_data(_public_text(post))
    for name, value in form.consent().as_fields().items():
        setattr(post, name, value)
    post.save()
    mails.confirm_post(post)
    logger.info("board post %s created", post.pk)
    return post


@transaction.atomic
def confirm_post(*, post) -> tuple[Post, bool]:
    """The poster confirmed the address: publish a trusted initiative's post, else queue it for review.
    Returns (post, confirmed now); a second confirmation changes nothing."""
    post = _locked(post)
    if post.status != Post.Status.UNCONFIRMED:
        return post, False
    now = timezone.now()
    post.confirmed_at = now
    if is_trusted(post):
        post.status = Post.Status.PUBLISHED
        post.published_at = now
    else:
        post.status = Post.Status.PENDING
    post.save(update_fields=["confirmed_at", "status", "published_at", "updated_at"])
    mails.post_received(post)
    return post, True


def _check_version(post, version):
    if version is not None and post.version != version:
        raise StaleVersion


@transaction.atomic
def approve_post(*, post, by, version=None, trust=False, request=None) -> Post:
    post = _locked(post)
    _check_version(post, version)
    if post.status != Post.Status.PENDING:
        raise NotReviewable
    now = timezone.now()
    post.status = Post.Status.PUBLISHED
    post.published_at = post.published_at or now
    post.reviewed_at, post.reviewed_by = now, by
    post.version += 1
    post.save(update_fields=["status", "published_at", "reviewed_at", "reviewed_by", "version", "updated_at"])
    record(actor=by, action="board.post_approved", target=post, request=request)
    if trust and post.initiative_id:
        TrustedInitiative.objects.get_or_create(initiative_id=post.initiative_id, defaults={"trusted_by": by})
        record(actor=by, action="board.initiative_trusted", target=post.initiative, request=request)
    mails.post_approved(post)
    return post


@transaction.atomic
def reject_post(*, post, by, reason, version=None, request=None) -> Post:
    """Reject a waiting post, or take down a public one (after a report); the poster reads the reason."""
    post = _locked(post)
    _check_version(post, version)
    if post.status not in (Post.Status.PENDING, Post.Status.PUBLISHED):
        raise NotReviewable
    now = timezone.now()
    post.status = Post.Status.REJECTED
    post.rejection_reason = reason
    post.reviewed_at, post.reviewed_by, post.closed_at = now, by, now
    post.version += 1
    post.save(
        update_fields=["status", "rejection_reason", "reviewed_at", "reviewed_by", "closed_at", "version", "updated_at"]
    )
    post.reports.filter(handled_at__isnull=True).update(handled_at=now)
    record(actor=by, action="board.post_rejected", target=post, request=request)
    mails.post_rejected(post)
    return post


@transaction.atomic
def dismiss_reports(*, post, by, request=None) -> int:
    count = post.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())
    record(actor=by, action="board.reports_dismissed", target=post, details={"reports": count}, request=request)
    return count


@transaction.atomic
def edit_post(*, form) -> Post:
    """The poster's own change through the personal link. A public post that is not a trusted
    initiative's goes back to the team before the change is shown."""
    post = form.save(commit=False)
    post.needs_review_for_contact_data = has_contact_data(_public_text(post))
    if post.status == Post.Status.PUBLISHED and not is_trusted(post):
        post.status = Post.Status.PENDING
    post.version += 1
    post.save()
    return post


@transaction.atomic
def renew_post(*, post) -> Post:
    post = _locked(post)
    if post.is_open:
        post.valid_until = default_valid_until()
        post.renewal_sent_at = None
        post.save(update_fields=["valid_until", "renewal_sent_at", "updated_at"])
    return post


@transaction.atomic
def mark_done(*, post) -> Post:
    post = _locked(post)
    if post.is_open:
        post.status = Post.Status.DONE
        post.closed_at = timezone.now()
        post.save(update_fields=["status", "closed_at", "updated_at"])
    return post


def blank_post(post, *, now):
    """Remove the personal data of one post (and its mails); kind, category, place and dates stay."""
    Post.objects.filter(pk=post.pk).update(
        email=f"anonym-{post.uuid.hex[:16]}@anonymised.invalid",
        first_name="",
        title=ANONYMOUS_TEXT,
        text=ANONYMOUS_TEXT,
        rejection_reason="",
        search_text="",
        anonymised_at=now,
    )
    return erase_mails(belonging_to=[post.outbox_key])


@transaction.atomic
def delete_post(*, post) -> None:
    """The poster deletes the post: gone from the site, and its personal data erased at once."""
    post = _locked(post)
    now = timezone.now()
    if post.status not in Post.CLOSED:
        post.status = Post.Status.WITHDRAWN
    post.closed_at = post.closed_at or now
    post.save(update_fields=["status", "closed_at", "updated_at"])
    blank_post(post, now=now)


@transaction.atomic
def report_post(*, post, reason, note) -> Report:
    logger.info("board post %s reported", post.pk)
    return Report.objects.create(post=post, reason=reason, note=note)


@transaction.atomic
def send_new_links(*, email) -> None:
    """ "Neuen Link anfordern": a new confirmation link for each unconfirmed post and alert, and the
    personal link for each open post of this address. Nothing for an unknown address, and the
    answer is the same either way."""
    email = email.strip()
    posts = Post.objects.for_cards().filter(email__iexact=email, anonymised_at__isnull=True)
    for post in posts.exclude(status__in=Post.CLOSED):
        if post.status == Post.Status.UNCONFIRMED:
            mails.confirm_post(post)
        else:
            mails.personal_link(post)
    for alert in Alert.objects.select_related("district").filter(email__iexact=email, confirmed_at__isnull=True):
        mails.confirm_alert(alert)


# --- Alerts -------------------------------------------------------------------------------


@transaction.atomic
def subscribe_alert(*, email, kind, category, district, language) -> Alert:
    """A new alert waiting for confirmation; the same wish again sends the confirmation again
    (unconfirmed) or nothing (already confirmed)."""
    alert, created = Alert.objects.get_or_create(
        email=email.strip().lower(),
        kind=kind,
        category=category,
        district=district,
        defaults={"language": language},
    )
    if alert.confirmed_at is None:
        mails.confirm_alert(alert)
    return alert


@transaction.atomic
def confirm_alert(*, alert) -> tuple[Alert, bool]:
    alert = Alert.objects.select_for_update(of=("self",)).select_related("district").get(pk=alert.pk)
    if alert.confirmed_at is not None:
        return alert, False
    alert.confirmed_at = alert.last_sent_at = timezone.now()
    alert.save(update_fields=["confirmed_at", "last_sent_at"])
    return alert, True


@transaction.atomic
def unsubscribe_alert(*, alert) -> None:
    erase_mails(belonging_to=[alert.outbox_key], finished_only=True)
    Alert.objects.filter(pk=alert.pk).delete()


# --- Periodic work ------------------------------------------------------------------------


def send_renewal_reminders(*, now) -> int:
    """A week before a public post expires, its poster gets a mail with the link to renew it (once)."""
    due = Post.objects.public(now).filter(
        valid_until__lte=now + timedelta(days=settings.BOARD_RENEWAL_DAYS), renewal_sent_at__isnull=True
    )
    sent = 0
    for post in due.for_cards().order_by("id"):
        with transaction.atomic():
            if Post.objects.filter(pk=post.pk, renewal_sent_at__isnull=True).update(renewal_sent_at=now):
                mails.renewal_due(post)
                sent += 1
    return sent


def send_alert_mails(*, now) -> int:
    """One mail per confirmed alert with the posts published since its last mail (none: no mail)."""
    sent = 0
    for alert in Alert.objects.filter(confirmed_at__isnull=False).select_related("district").order_by("id"):
        since = alert.last_sent_at or alert.confirmed_at
        posts = list(
            alert.matches(Post.objects.public(now).filter(published_at__gt=since, published_at__lte=now))
            .for_cards()
            .order_by("published_at", "id")[: settings.BOARD_ALERT_MAX_POSTS]
        )
        with transaction.atomic():
            # The claim makes a second run in the same moment send nothing twice.
            claimed = Alert.objects.filter(pk=alert.pk, last_sent_at=alert.last_sent_at).update(last_sent_at=now)
            if claimed and posts:
                mails.alert_digest(alert, posts)
                sent += 1
    return sent
