"""What training requests hold about a requester, for privacy's access and erasure tools."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import PersonalRecord
from training_requests.models import TrainingRequest
from training_requests.services import anonymise
from training_requests.tokens import personal_token, request_for_personal_token


def requests_of(email):
    if not email.strip():
        return []
    return list(
        TrainingRequest.objects.filter(contact_email__iexact=email.strip(), anonymised_at__isnull=True)
        .select_related("municipality")
        .prefetch_related("messages")
        .order_by("pk")
    )


def address_from_link(token):
    """The address behind a request's personal link (so „Meine Daten“ opens from it too); 404 for
    a tampered, unknown, unconfirmed or anonymised link."""
    training_request = request_for_personal_token(token)
    if training_request is None or training_request.email_confirmed_at is None or not training_request.contact_email:
        raise Http404
    return training_request.contact_email


def describe(records):
    """Each request as „Meine Daten“ names it; unconfirmed ones have no personal page yet."""
    return [
        PersonalRecord(
            what=_("Schulungsanfrage"),
            title=f"{r.organisation}, {r.municipality.name}",
            url=reverse("training_requests:personal", kwargs={"token": personal_token(r)})
            if r.email_confirmed_at
            else "",
        )
        for r in records
    ]


def export(records, *, now):
    return [
        {
            "organisation": r.organisation,
            "ansprechperson": r.contact_name,
            "email": r.contact_email,
            "telefon": r.contact_phone,
            "gemeinde": r.municipality.name,
            "nachricht": r.message,
            "partner_vor_ort": r.local_partners,
            "stand": r.get_state_display(),
            "eingegangen_am": r.created_at.isoformat(),
            "datenschutzerklaerung_version": r.privacy_notice_version,
            "eingewilligt_am": r.privacy_consented_at.isoformat() if r.privacy_consented_at else None,
            "nachrichten": [
                {"vom_team": m.from_team, "text": m.body, "am": m.created_at.isoformat()} for m in r.messages.all()
            ],
        }
        for r in records
    ]


def erase(records, *, now):
    count = anonymise(TrainingRequest.objects.filter(pk__in=[r.pk for r in records]), now=now)
    return {"cancelled": 0, "anonymised": count, "mails_deleted": 0}
