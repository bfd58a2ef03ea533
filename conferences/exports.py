"""Travel-cost requests as XLSX for accounting (openpyxl); cells made formula-safe like participants' exports."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from participants.exports import _safe


def _day(value):
    return timezone.localtime(value).strftime("%d.%m.%Y") if value else ""


def reimbursement_workbook(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Fahrtkosten")
    sheet.append(
        [
            _("Nr."),
            _("Name"),
            _("Strecke"),
            _("Verkehrsmittel"),
            _("beantragt (€)"),
            _("bewilligt (€)"),
            _("Stand"),
            _("Kontoinhaber_in"),
            _("IBAN"),
            _("eingereicht"),
            _("ausgezahlt"),
        ]
    )
    for r in rows:
        sheet.append(
            [
                _safe(value)
                for value in (
                    r.pk,
                    r.registration.name,
                    r.route,
                    r.get_transport_display(),
                    float(r.amount),
                    float(r.approved_amount) if r.approved_amount is not None else "",
                    r.get_status_display(),
                    r.account_holder,
                    r.iban,
                    _day(r.submitted_at),
                    _day(r.paid_at),
                )
            ]
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
