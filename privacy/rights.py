"""Data subject rights: access and portability (Art. 15, 20 GDPR) and erasure (Art. 17).

A person is identified by the e-mail address of their registrations: the personal link proves
it (the link went to that address), the staff tool takes it from a request sent by e-mail.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from privacy.retention import anonymise_after, blank_personal_fields, erase_mails_of

logger = logging.getLogger(__name__)


def registrations_of(email):
    """All registrations made with this address that still hold personal data."""
    from registrations.models import Registration

    return (
        Registration.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)
        .select_related("event", "municipality__district")
        .prefetch_related("bookings__event", "event__registration_questions")
        .order_by("created_at", "id")
    )


def _iso(moment):
    return moment.isoformat() if moment else None


def _answers(registration):
    labels = {str(q.pk): q.label for q in registration.event.registration_questions.all()}
    return {labels.get(key, key): value for key, value in registration.answers.items()}


def export_data(registrations, *, now=None):
    """Everything we hold about the person, as plain JSON-ready data (also shown as a page)."""
    now = now or timezone.now()
    items = []
    for r in registrations:
        items.append(
            {
                "angebot": r.event.title,
                "angemeldet_am": _iso(r.created_at),
                "sprache": r.language,
                "name": r.name,
                "email": r.email,
                "telefon": r.phone,
                "organisation": r.organisation,
                "rolle": r.get_role_display(),
                "gemeinde": r.municipality.name if r.municipality else None,
                "landkreis": r.municipality.district.name if r.municipality else None,
                "erstmals_dabei": r.first_time,
                "barrierefreiheit": r.accessibility_needs,
                "kinderbetreuung": r.childcare_needs,
                "sprachmittlung": r.interpretation_language,
                "ernaehrung": r.diet,
                "antworten": _answers(r),
                "newsletter": r.newsletter_consent,
                "email_bestaetigt_am": _iso(r.email_confirmed_at),
                "datenschutzerklaerung_version": r.privacy_notice_version,
                "eingewilligt_am": _iso(r.privacy_consented_at),
                "anonymisiert_ab": _iso(anonymise_after(r)),
                "termine": [
                    {
                        "titel": b.event.title,
                        "beginn": _iso(b.event.start),
                        "ende": _iso(b.event.end),
                        "stand": b.get_status_display(),
                        "teilgenommen": b.attended,
                    }
                    for b in sorted(r.bookings.all(), key=lambda b: (b.event.start, b.pk))
                ],
            }
        )
    return {"exportiert_am": _iso(now), "anmeldungen": items}


@dataclass(frozen=True)
class Erasure:
    cancelled: int
    anonymised: int
    mails_deleted: int


def erase_person(*, email, now=None):
    """Delete every mail to the address or written for its registrations (sent, waiting or being
    sent), cancel the person's places in events still to come (the waiting list moves up through
    the registrations service), then anonymise every registration of the address at once.

    The cancellation notice written on the way is the one mail left: the page promises it, and
    it tells the owner of the address if someone else used their link. Once sent, the retention
    run deletes it (`privacy.retention`, rule 5)."""
    from registrations.models import Booking
    from registrations.services import cancel_registration

    now = now or timezone.now()
    with transaction.atomic():
        registrations = list(registrations_of(email))
        mails_deleted = _erase_mails(email, registrations)
        cancelled = 0
        for registration in registrations:
            upcoming = [
                b
                for b in registration.bookings.all()
                if b.status in Booking.ACTIVE and b.event.start and b.event.start > now
            ]
            if upcoming:
                cancelled += len(cancel_registration(registration=registration, now=now))
        for registration in registrations:
            blank_personal_fields(registration, now=now, keep_attendance_list=False)
    logger.info("erasure done: %s registrations anonymised, %s places cancelled", len(registrations), cancelled)
    return Erasure(cancelled=cancelled, anonymised=len(registrations), mails_deleted=mails_deleted)


def _erase_mails(email, registrations):
    """The request names the address: every mail to it goes, also those no registration names
    (lost links), and those written for its registrations whatever address they went to."""
    if not apps.is_installed("mail"):
        return 0
    from mail.services import erase_mails

    return erase_mails(to=email) + erase_mails_of(registrations)


def record(*, actor, action, registrations=(), request=None, **counts):
    """Write the step to the audit log: ids and counts only, never the address."""
    if not apps.is_installed("audit"):
        logger.info("privacy action %s on %s registrations", action, len(registrations))
        return
    from audit.services import record as audit_record

    details = {"registrations": [r.pk for r in registrations][:50], **counts}
    audit_record(actor=actor, action=action, target=None, details=details, request=request)
