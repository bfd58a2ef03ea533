"""Retention of travel-cost requests: bank details, receipts and SEPA files go, amounts and states stay."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from conferences.models import PaymentBatch, Receipt, Reimbursement


def _retention_text():
    month, day = (int(part) for part in settings.REIMBURSEMENT_ACCOUNTING_DEADLINE.split("-"))
    return _(
        "IBAN, Kontoinhaber_in, Strecke, Belege und SEPA-Dateien werden nach Auszahlung oder Ablehnung gelöscht: "
        "%(months)s Monate nach der Abrechnungsfrist (%(day)s.%(month)s. des Folgejahres der Konferenz). "
        "Beträge und Stand bleiben für Berichte."
    ) % {"months": settings.REIMBURSEMENT_KEEP_MONTHS, "day": day, "month": month}


# Read when the record is shown, so it names this installation's settings.
retention_text = lazy(_retention_text, str)


def erase_after(conference_start):
    """The accounting deadline of the conference's year (in the following year) plus the configured months."""
    month, day = (int(part) for part in settings.REIMBURSEMENT_ACCOUNTING_DEADLINE.split("-"))
    year = timezone.localtime(conference_start).year + 1
    months = month - 1 + settings.REIMBURSEMENT_KEEP_MONTHS
    year, month = year + months // 12, months % 12 + 1
    return date(year, month, min(day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))


def erase_bank_data(*, now):
    """Paid or rejected requests past their date lose IBAN, account holder, route and receipts."""
    today = timezone.localdate(now)
    done = [Reimbursement.Status.PAID, Reimbursement.Status.REJECTED]
    due = [
        r
        for r in Reimbursement.objects.filter(status__in=done, erased_at__isnull=True).select_related(
            "conference__event"
        )
        if erase_after(r.conference.event.start) <= today
    ]
    receipts = erase_bank_details(due, now=now)
    return {"bank_details_erased": len(due), "receipts_deleted": receipts}


def erase_bank_details(reimbursements, *, now):
    """IBAN, account holder, route and receipt files go; amounts and states stay. Returns receipts deleted."""
    receipts = 0
    with transaction.atomic():
        for receipt in Receipt.objects.filter(reimbursement__in=[r.pk for r in reimbursements]):
            receipt.file.delete(save=False)
            receipt.delete()
            receipts += 1
        Reimbursement.objects.filter(pk__in=[r.pk for r in reimbursements]).update(
            iban="", account_holder="", route="", erased_at=now
        )
        # A SEPA file holds the IBANs of all its payments: it goes as soon as one of them is erased
        # (counts and sums stay on the batch).
        PaymentBatch.objects.filter(payments__in=[r.pk for r in reimbursements]).exclude(xml="").update(xml="")
    return receipts
