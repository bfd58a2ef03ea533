"""What registrations hold about a person, for privacy's access, export and erasure tools
(declared as PERSONAL_DATA in registrations/contributions.py; see core.registry.PersonalDataHolder).

A person is identified by the e-mail address of their registrations: the personal link proves
it (the link went to that address), the staff tool takes it from a request sent by e-mail.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.registry import PersonalRecord
from registrations.models import Booking, Registration
from registrations.permissions import registration_from_link
from registrations.retention import anonymise_after, blank_personal_fields, erase_mails_of
from registrations.services import cancel_registration
from registrations.tokens import personal_token


def registrations_of(email):
    """All registrations made with this address that still hold personal data. People entered
    without an address are never found by one: an empty address finds nobody."""
    if not email.strip():
        return []
    return list(
        Registration.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)
        .select_related("event", "municipality__district")
        .prefetch_related("bookings__event", "event__registration_questions")
        .order_by("created_at", "id")
    )


def address_from_link(token):
    """The address behind a personal link; 404 for a tampered, unknown or anonymised link."""
    return registration_from_link(token).email


def describe(registrations):
    """What each registration is on „Meine Daten“, with its personal page (signed link)."""
    return [
        PersonalRecord(
            what=_("Anmeldung"),
            title=r.event.title,
            url=reverse("registrations:personal", kwargs={"token": personal_token(r)}),
        )
        for r in registrations
    ]


def _iso(moment):
    return moment.isoformat() if moment else None


def _answers(registration):
    labels = {str(q.pk): q.label for q in registration.event.registration_questions.all()}
    return {labels.get(key, key): value for key, value in registration.answers.items()}


def export(registrations, *, now):
    """Everything we hold about the person, as plain JSON-ready data (also shown as a page)."""
    return [
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
        for r in registrations
    ]


def erase(registrations, *, now=None):
    """Delete every mail written for the registrations (sent, waiting or being sent), cancel the
    person's places in events still to come (the waiting list moves up through the registrations
    service), then anonymise every registration at once. Run inside privacy's transaction.

    The cancellation notice written on the way is the one mail left: the page promises it, and
    it tells the owner of the address if someone else used their link. Once sent, the retention
    run deletes it (registrations.retention, rule 5)."""
    now = now or timezone.now()
    mails_deleted = erase_mails_of(registrations)
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
    return {"cancelled": cancelled, "anonymised": len(registrations), "mails_deleted": mails_deleted}
