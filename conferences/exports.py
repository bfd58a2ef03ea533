"""Travel-cost requests as XLSX for accounting, through the one export mechanism (`core.exports`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import Column, as_xlsx, table


def _euros(value):
    return float(value) if value is not None else ""


def _columns():
    return [
        Column(_("Nr."), lambda r: r.pk),
        Column(_("Name"), lambda r: r.registration.name),
        Column(_("Strecke"), lambda r: r.route),
        Column(_("Verkehrsmittel"), lambda r: r.get_transport_display()),
        Column(_("beantragt (€)"), lambda r: _euros(r.amount)),
        Column(_("bewilligt (€)"), lambda r: _euros(r.approved_amount)),
        Column(_("Stand"), lambda r: r.get_status_display()),
        Column(_("Kontoinhaber_in"), lambda r: r.account_holder),
        Column(_("IBAN"), lambda r: r.iban),
        Column(_("eingereicht"), lambda r: r.submitted_at),
        Column(_("ausgezahlt"), lambda r: r.paid_at),
    ]


def reimbursement_workbook(rows):
    return as_xlsx(table(_columns(), rows), sheet=_("Fahrtkosten"))


def _slot(session):
    return session.slot.start


WORKSHOP_COLUMNS = [
    Column(gettext_lazy("Beginn"), _slot),
    Column(gettext_lazy("Workshop"), lambda s: s.title),
    Column(gettext_lazy("Raum"), lambda s: s.room.name if s.room_id else ""),
    Column(gettext_lazy("Plätze"), lambda s: s.count.places),
    Column(gettext_lazy("Plätze belegt"), lambda s: s.count.placed),
    Column(gettext_lazy("Warteliste"), lambda s: s.count.waiting),
    Column(gettext_lazy("Anwesend"), lambda s: s.count.present),
]

# One workshop's door list: what its check-in page shows.
WORKSHOP_PARTICIPANT_COLUMNS = [
    Column(gettext_lazy("Name"), lambda c: c.registration.name),
    Column(gettext_lazy("Organisation"), lambda c: c.registration.organisation),
    Column(gettext_lazy("Anwesend"), lambda c: c.checked_in_at),
]
