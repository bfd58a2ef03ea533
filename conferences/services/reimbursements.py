"""Travel-cost reimbursement: the attendee's request, the team's decision, SEPA batches and the
confirmation that the bank paid them; bank data views audited."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from audit.services import record
from conferences.models import (
    Conference,
    PaymentBatch,
    Receipt,
    Reimbursement,
)
from conferences.services.common import Stale, mail_person
from registrations.models import Registration


class NotEligible(Exception):
    """The person may not (or no longer) ask for reimbursement; the message says why."""


def reimbursement_refusal(registration, conference):
    """Why this person cannot ask for travel costs now, or None."""
    if not conference.offers_reimbursement:
        return _("Für diese Veranstaltung werden keine Fahrtkosten erstattet.")
    if not registration.bookings.filter(attended=True).exists():
        return _("Fahrtkosten können Sie beantragen, sobald Sie beim Einlass als anwesend eingetragen sind.")
    if Reimbursement.objects.filter(registration=registration).exists():
        return _("Sie haben Ihre Fahrtkosten bereits beantragt.")
    return None


def submit_reimbursement(*, registration, conference, form, now=None):
    """The person asks for their travel costs (personal link), with receipts and bank details."""
    now = now or timezone.now()
    with transaction.atomic():
        Registration.objects.select_for_update().filter(pk=registration.pk).first()
        refusal = reimbursement_refusal(registration, conference)
        if refusal:
            raise NotEligible(refusal)
        data = form.cleaned_data
        reimbursement = Reimbursement.objects.create(
            conference=conference,
            registration=registration,
            route=data["route"],
            transport=data["transport"],
            amount=data["amount"],
            iban=data["iban"],
            account_holder=data["account_holder"],
            submitted_at=now,
        )
        for upload, content_type in form.receipts():
            Receipt.objects.create(
                reimbursement=reimbursement, file=upload, content_type=content_type, size=upload.size
            )
        record(actor=None, action="reimbursement.submitted", target=reimbursement)
    return reimbursement


def decide_reimbursement(*, actor, reimbursement, decision, approved_amount, reason, version, now=None, request=None):
    """Approve fully, partly (with a reason) or reject (with a reason); the person is told by mail.
    Raises Stale if someone decided meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        current = (
            Reimbursement.objects.select_for_update().select_related("registration__event").get(pk=reimbursement.pk)
        )
        if current.version != version or not current.decidable:
            raise Stale
        current.status = decision
        current.approved_amount = {
            Reimbursement.Status.APPROVED: current.amount,
            Reimbursement.Status.PARTLY: approved_amount,
            Reimbursement.Status.REJECTED: None,
        }[decision]
        current.reason = reason if decision != Reimbursement.Status.APPROVED else ""
        current.decided_at = now
        current.version += 1
        current.save()
        mail_person(current.registration, "reimbursement_decided", reimbursement=current)
        action = {
            Reimbursement.Status.APPROVED: "reimbursement.approved",
            Reimbursement.Status.PARTLY: "reimbursement.partly",
            Reimbursement.Status.REJECTED: "reimbursement.rejected",
        }[decision]
        record(actor=actor, action=action, target=current, request=request)
    return current


def export_payments(*, actor, conference, now=None, request=None):
    """The approved payments that are in no SEPA file yet go into a new one (pain.001.001.03), kept as
    a `PaymentBatch` for downloading again. They are not paid yet: `confirm_paid` says so once the bank
    executed the file. Returns the batch, or None when nothing is due.

    Two team members exporting at once: the conference row is locked first, so the second export
    waits and then finds nothing due; the conditional update is the last guard (never one payment
    in two files)."""
    now = now or timezone.now()
    with transaction.atomic():
        Conference.objects.select_for_update().filter(pk=conference.pk).first()
        due = list(
            Reimbursement.objects.select_for_update()
            .filter(conference=conference, status__in=Reimbursement.DUE, batch__isnull=True, approved_amount__gt=0)
            .order_by("id")
        )
        if not due:
            return None
        config = {
            "name": settings.REIMBURSEMENT_DEBTOR_NAME,
            "IBAN": settings.REIMBURSEMENT_DEBTOR_IBAN,
            "BIC": settings.REIMBURSEMENT_DEBTOR_BIC,
            "batch": True,
            "currency": "EUR",
        }
        sepa = SepaTransfer(config, schema="pain.001.001.03", clean=True)
        for reimbursement in due:
            sepa.add_payment(
                {
                    "name": reimbursement.account_holder,
                    "IBAN": reimbursement.iban,
                    "amount": int(reimbursement.approved_amount * 100),
                    "execution_date": timezone.localdate(now),
                    "description": f"Fahrtkosten {conference.event.title}"[:140],
                    "endtoend_id": f"SFI-FK-{reimbursement.pk}",
                }
            )
        xml = sepa.export(validate=True)
        last = PaymentBatch.objects.filter(conference=conference).aggregate(n=models.Max("number"))["n"] or 0
        batch = PaymentBatch.objects.create(
            conference=conference,
            number=last + 1,
            created_at=now,
            created_by=actor,
            count=len(due),
            total=sum(r.approved_amount for r in due),
            xml=xml.decode("utf-8"),
        )
        taken = Reimbursement.objects.filter(
            pk__in=[r.pk for r in due], status__in=Reimbursement.DUE, batch__isnull=True
        ).update(status=Reimbursement.Status.EXPORTED, batch=batch, version=models.F("version") + 1)
        if taken != len(due):
            raise RuntimeError("A payment changed while it was being exported; nothing was exported.")
        record(
            actor=actor,
            action="reimbursement.exported",
            target=conference,
            details={"batch": batch.number, "count": len(due)},
            request=request,
        )
    return batch


class AlreadyConfirmed(Exception):
    """The batch was confirmed as paid before (by someone else, or a double click)."""


def confirm_paid(*, actor, batch, paid_on, now=None, request=None):
    """The team saw the bank execute the SEPA file: its payments are paid (on `paid_on`), and each person
    is told by mail. Raises AlreadyConfirmed when the batch was confirmed before."""
    now = now or timezone.now()
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().select_related("conference__event").get(pk=batch.pk)
        if batch.paid_on is not None:
            raise AlreadyConfirmed
        batch.paid_on, batch.confirmed_at, batch.confirmed_by = paid_on, now, actor
        batch.save(update_fields=["paid_on", "confirmed_at", "confirmed_by"])
        payments = list(
            Reimbursement.objects.select_for_update()
            .filter(batch=batch, status=Reimbursement.Status.EXPORTED)
            .select_related("registration__event")
        )
        Reimbursement.objects.filter(pk__in=[r.pk for r in payments]).update(
            status=Reimbursement.Status.PAID, paid_at=now, version=models.F("version") + 1
        )
        for payment in payments:
            mail_person(payment.registration, "reimbursement_paid", reimbursement=payment, paid_on=paid_on)
        record(
            actor=actor,
            action="reimbursement.paid",
            target=batch.conference,
            details={"batch": batch.number, "count": len(payments), "paid_on": paid_on.isoformat()},
            request=request,
        )
    return batch


BANK_DATA_VIEWS = {
    "list_viewed": "reimbursement.list_viewed",
    "viewed": "reimbursement.viewed",
    "receipt_viewed": "reimbursement.receipt_viewed",
    "xlsx_exported": "reimbursement.xlsx_exported",
    "batch_downloaded": "reimbursement.batch_downloaded",
}


def record_bank_data_view(*, actor, target, what, request=None):
    """Every look at bank details or receipts goes into the audit log."""
    record(actor=actor, action=BANK_DATA_VIEWS[what], target=target, request=request)


def set_reimbursement_offered(*, actor, conference, offered, request=None):
    with transaction.atomic():
        Conference.objects.filter(pk=conference.pk).update(offers_reimbursement=offered)
        record(
            actor=actor,
            action="reimbursement.offered" if offered else "reimbursement.withdrawn",
            target=conference,
            request=request,
        )
