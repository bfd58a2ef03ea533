"""What the reports app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, PeriodicTask, ProcessingActivity, StaffUrls
from reports import services
from reports.permissions import can_read_reports

# --- Back office --------------------------------------------------------------------------

STAFF_URLS = [StaffUrls(module="reports.staff_urls", prefix="")]

MENU = [MenuEntry("reports", _("Berichte"), "reports_staff:report", can_read_reports, order=45)]

# --- Records, privacy and jobs ------------------------------------------------------------

# Every registration the platform makes announces registration_created; this job fills in the facts of
# rows made any other way (the demo data, registrations from before this app) soon after.
PERIODIC_TASKS = [PeriodicTask("reports.tasks.record_missing_facts", 10 * 60)]

AUDIT_ACTIONS = {"reports.exported": _("Bericht exportiert (PDF, XLSX oder CSV)")}

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="reports",
        name=_("Berichte an Fördermittelgeber (pseudonymisierte Zählung)"),
        purpose=_(
            "Teilnehmende Personen über Veranstaltungen hinweg einmal zählen, auch nachdem ihre Anmeldedaten "
            "anonymisiert wurden (Sachbericht)"
        ),
        legal_basis=_("Art. 6 Abs. 1 lit. e und f DSGVO (Nachweis der Verwendung öffentlicher Fördermittel)"),
        data_subjects=_("Teilnehmer_innen und Personen auf der Warteliste"),
        data_categories=_(
            "Pseudonym (HMAC-SHA256 der E-Mail-Adresse mit einem Schlüssel außerhalb der Datenbank), ob die "
            "Anmeldung auf der Warteliste stand"
        ),
        recipients=_("Projektteam; Fördermittelgeber erhalten nur Summen, nie Pseudonyme"),
        retention_text=_(
            "Bis die Person die Löschung aller Daten verlangt; Berichte zeigen nur Summen, Feedback erst ab "
            "5 Antworten."
        ),
        order=90,
    ),
]

# --- Hooks --------------------------------------------------------------------------------

HOOKS = {
    "registration_created": services.record_registration,
    "address_erased": services.forget_address,
}
