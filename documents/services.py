"""Teilnahmeliste and Teilnahmebescheinigung: rendering, and sending certificates through the outbox.

Sending is two steps: the team's action writes a Mailing (`start_certificate_mailing`) and enqueues
the background task on commit; the worker (`send_certificates`) renders one PDF per attendee and
queues one mail each, every attendee in its own short transaction, so a crashed worker resumes
where it stopped and nobody gets two certificates.

A PDF that fails for one person is counted on the mailing (`failed`) and the others still go out.
A mailing the worker never finished (it died, or its job was lost) is picked up again when the
team clicks "senden" once more, and by the periodic `resume_certificate_mailings`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.text import slugify

from core.registry import announce
from documents import queries
from documents.models import Certificate
from documents.pdf import render_pdf
from events.models import Event
from mail.services import Attachment
from participants.mailings import finish_mailing, queue_for, start_mailing
from participants.models import Mailing
from registrations.models import Booking, without_address

logger = logging.getLogger(__name__)

# An unfinished mailing without a new certificate for this long has lost its worker.
STALLED_AFTER = timedelta(minutes=10)
# Enqueued by name: the task module imports this one, so imports run one way (tasks → services).
SEND_CERTIFICATES_TASK = "documents.tasks.send_certificates"


def _organiser():
    return {
        "organiser_name": settings.ORGANISER_NAME,
        "project_name": settings.PROJECT_NAME,
        "funding_line": settings.FUNDING_LINE,
    }


def attendance_list_pdf(event, session=None):
    rows = queries.attendance_list_rows(event)
    context = {
        "event": event,
        "session": session,
        "rows": rows,
        "empty_rows": range(len(rows) + 1, len(rows) + 1 + queries.EMPTY_ROWS),
        **_organiser(),
    }
    return render_pdf("documents/attendance_list.html", context)


def certificate_pdf(data, event, topics):
    registration = data.booking.registration
    with translation.override(registration.language):
        context = {"data": data, "registration": registration, "event": event, "topics": topics, **_organiser()}
        context["issued_on"] = timezone.localdate()
        # Other apps add lines, e.g. the workshops attended at a conference: [(label, [lines])].
        context["extra_facts"] = [
            fact for facts in announce("certificate_facts", booking=data.booking) for fact in facts
        ]
        return render_pdf("documents/certificate.html", context)


def certificate_filename(event):
    return f"teilnahmebescheinigung-{slugify(event.title)[:60] or 'veranstaltung'}.pdf"


def certificate_for(booking):
    """The PDF for one attended booking (personal link download)."""
    event = Event.objects.prefetch_related("topics").select_related("venue__municipality").get(pk=booking.event_id)
    (data,) = queries.certificate_data([booking], event)
    return certificate_pdf(data, event, list(event.topics.all()))


def certificates_pending(event):
    return queries.attended_bookings(event).filter(certificate__isnull=True).exclude(without_address("registration__"))


def running_certificate_mailing(event):
    """The event's certificate mailing the worker has not finished yet, if any."""
    mailings = Mailing.objects.filter(event=event, kind=Mailing.Kind.CERTIFICATES, prepared_at__isnull=True)
    return mailings.order_by("id").first()


@transaction.atomic
def start_certificate_mailing(*, actor, event, request=None):
    """The team's action: certificates to everyone checked in who has none yet.

    Returns (mailing, started). While a mailing of the event is unfinished, a second request (a
    double click, a second tab) gets that one back and starts nothing; (None, False) if nobody is left.
    """
    # Two requests at once take turns on the event row; the second then sees the first mailing.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    running = running_certificate_mailing(event)
    if running is not None:
        _enqueue(running)  # resumes it if its worker died; a second job only takes turns
        return running, False
    planned = certificates_pending(event).count()
    if not planned:
        return None, False
    mailing = start_mailing(
        actor=actor,
        event=event,
        kind=Mailing.Kind.CERTIFICATES,
        audience=Mailing.Audience.ATTENDEES,
        planned=planned,
        audit_action="certificates.sent",
        request=request,
    )
    _enqueue(mailing)
    return mailing, True


def _enqueue(mailing):
    task = import_string(SEND_CERTIFICATES_TASK)
    transaction.on_commit(lambda: task.enqueue(mailing_id=mailing.pk))


def resume_certificate_mailings(*, now=None):
    """The periodic sweep: enqueue the worker again for every unfinished mailing that stalled."""
    since = (now or timezone.now()) - STALLED_AFTER
    stalled = (
        Mailing.objects.filter(kind=Mailing.Kind.CERTIFICATES, prepared_at__isnull=True, created_at__lt=since)
        .exclude(certificates__sent_at__gte=since)
        .distinct()
    )
    resumed = 0
    for mailing in stalled:
        _enqueue(mailing)
        resumed += 1
    return resumed


def send_certificates(*, mailing_id):
    """The worker's part: render and queue every certificate still missing. Returns how many it queued."""
    mailing = Mailing.objects.get(pk=mailing_id)
    event = (
        Event.objects.prefetch_related("topics")
        .select_related("venue__municipality", "contact")
        .get(pk=mailing.event_id)
    )
    topics = list(event.topics.all())
    sent = failed = 0
    for data in queries.certificate_data(list(certificates_pending(event)), event):
        try:
            sent += _send_one(mailing, data, event, topics)
        except Exception as error:  # noqa: BLE001 - one broken PDF must not keep the others from going out
            failed += 1
            # Ids and the error's type only: the message may quote the person's data.
            logger.error(
                "certificate for booking %s (mailing %s) failed: %s",
                data.booking.pk,
                mailing.pk,
                type(error).__name__,
            )
    # Each run retries everyone still without a certificate, so its count replaces the last one.
    finish_mailing(mailing, failed=failed)
    return sent


def _send_one(mailing, data, event, topics):
    """Render and queue one certificate in its own transaction; 0 if someone else already did."""
    with transaction.atomic():
        # The lock makes two workers on the same mailing take turns; the second sees the row.
        Booking.objects.select_for_update().filter(pk=data.booking.pk).first()
        if Certificate.objects.filter(booking=data.booking).exists():
            return 0
        registration = data.booking.registration
        queue_for(
            mailing,
            registration,
            template="documents/mail/certificate",
            context={"registration": registration, "event": event},
            reply_to=event.contact.email if event.contact else "",
            attachments=[
                Attachment(certificate_filename(event), certificate_pdf(data, event, topics), "application/pdf")
            ],
            erase_body_after_send=True,
        )
        Certificate.objects.create(booking=data.booking, mailing=mailing)
        return 1
