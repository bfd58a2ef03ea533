"""What conferences keeps about a person beyond the registration: the name badge wishes (pronouns).

Workshop choices hold nothing personal of their own: they point at the registration, which
registrations anonymises. The badge row goes with it (retention rule) or on request (privacy)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Badge, Reimbursement
from conferences.retention import erase_bank_details
from core.registry import PersonalRecord
from registrations.tokens import personal_token


def _registration_page(registration):
    """Badge wishes and reimbursements are managed from the registration's personal page."""
    return reverse("registrations:personal", kwargs={"token": personal_token(registration)})


def badges_of(email):
    if not email.strip():
        return []
    return list(
        Badge.objects.filter(registration__email__iexact=email.strip(), registration__anonymised_at__isnull=True)
        .select_related("registration__event")
        .order_by("id")
    )


def export(badges, *, now):
    return [
        {
            "veranstaltung": badge.registration.event.title,
            "name_auf_dem_namensschild": badge.get_name_style_display(),
            "pronomen": badge.pronouns,
        }
        for badge in badges
    ]


def describe_badges(badges):
    return [
        PersonalRecord(
            what=_("Wünsche für das Namensschild"),
            title=badge.registration.event.title,
            url=_registration_page(badge.registration),
        )
        for badge in badges
    ]


def erase(badges, *, now=None):
    deleted, _ = Badge.objects.filter(pk__in=[b.pk for b in badges]).delete()
    return {"cancelled": 0, "anonymised": deleted, "mails_deleted": 0}


def delete_badges_of_anonymised(*, now):
    """Retention: a registration anonymised by registrations' rules takes its badge wishes along."""
    deleted, _ = Badge.objects.filter(registration__anonymised_at__isnull=False).delete()
    return {"badges_deleted": deleted}


def reimbursements_of(email):
    if not email.strip():
        return []
    return list(
        Reimbursement.objects.filter(registration__email__iexact=email.strip(), erased_at__isnull=True)
        .select_related("conference__event", "registration")
        .order_by("id")
    )


def export_reimbursements(reimbursements, *, now):
    return [
        {
            "veranstaltung": r.conference.event.title,
            "strecke": r.route,
            "betrag": str(r.amount),
            "bewilligt": str(r.approved_amount) if r.approved_amount is not None else None,
            "stand": r.get_status_display(),
            "kontoinhaber_in": r.account_holder,
            "iban": r.iban,
            "belege": r.receipts.count(),
        }
        for r in reimbursements
    ]


def describe_reimbursements(reimbursements):
    return [
        PersonalRecord(
            what=_("Fahrtkostenerstattung"), title=r.conference.event.title, url=_registration_page(r.registration)
        )
        for r in reimbursements
    ]


def erase_reimbursements(reimbursements, *, now=None):
    erase_bank_details(reimbursements, now=now or timezone.now())
    return {"cancelled": 0, "anonymised": len(reimbursements), "mails_deleted": 0}
