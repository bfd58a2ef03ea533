"""Teilnahmeliste and Teilnahmebescheinigung: rendering, and sending certificates through the outbox.

Sending is two steps: the team's action writes a Mailing (`start_certificate_mailing`) and enqueues
the background task on commit; the worker (`send_certificates`) renders one PDF per attendee and
queues one mail each, every attendee in its own short transaction, so a crashed worker resumes
where it stopped and nobody gets two certificates.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from audit.services import record
from documents import queries
from documents.models import Certificate
from documents.pdf import render_pdf
from events.models import Event
from mail.services import Attachment, queue_mail
from participants.models import Mailing
from registrations.models import Booking


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
        return render_pdf("documents/certificate.html", context)


def certificate_filename(event):
    return f"teilnahmebescheinigung-{slugify(event.title)[:60] or 'veranstaltung'}.pdf"


def certificate_for(booking):
    """The PDF for one attended booking (personal link download)."""
    event = Event.objects.prefetch_related("topics").select_related("venue__municipality").get(pk=booking.event_id)
    (data,) = queries.certificate_data([booking], event)
    return certificate_pdf(data, event, list(event.topics.all()))


def certificates_pending(event):
    return (
        queries.attended_bookings(event)
        .filter(certificate__isnull=True)
        .exclude(registration__email__endswith=".invalid")
    )


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
        return running, False
    planned = certificates_pending(event).count()
    if not planned:
        return None, False
    mailing = Mailing.objects.create(
        event=event,
        kind=Mailing.Kind.CERTIFICATES,
        audience=Mailing.Audience.ATTENDEES,
        planned=planned,
        created_by=actor,
    )
    record(
        actor=actor,
        action="certificates.sent",
        target=event,
        details={"mailing": mailing.pk, "recipients": planned},
        request=request,
    )
    from documents.tasks import send_certificates as task

    transaction.on_commit(lambda: task.enqueue(mailing_id=mailing.pk))
    return mailing, True


def send_certificates(*, mailing_id):
    """The worker's part: render and queue every certificate still missing. Returns how many it queued."""
    mailing = Mailing.objects.get(pk=mailing_id)
    event = (
        Event.objects.prefetch_related("topics")
        .select_related("venue__municipality", "contact")
        .get(pk=mailing.event_id)
    )
    topics = list(event.topics.all())
    sent = 0
    for data in queries.certificate_data(list(certificates_pending(event)), event):
        with transaction.atomic():
            # The lock makes two workers on the same mailing take turns; the second sees the row.
            Booking.objects.select_for_update().filter(pk=data.booking.pk).first()
            if Certificate.objects.filter(booking=data.booking).exists():
                continue
            registration = data.booking.registration
            message = queue_mail(
                to=registration.email,
                template="documents/mail/certificate",
                context={"registration": registration, "event": event},
                language=registration.language,
                reply_to=event.contact.email if event.contact else "",
                attachments=[
                    Attachment(certificate_filename(event), certificate_pdf(data, event, topics), "application/pdf")
                ],
                erase_body_after_send=True,
            )
            Certificate.objects.create(booking=data.booking, mailing=mailing)
            mailing.messages.add(message)
            sent += 1
    Mailing.objects.filter(pk=mailing.pk).update(prepared_at=timezone.now())
    return sent
