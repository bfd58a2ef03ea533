"""What the documents app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import EventTask, PeriodicTask, StaffUrls, Urls
from documents import queries
from events.permissions import can_check_in, can_manage_participants

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("documents.urls")]  # a participant's certificate (personal link)

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    "certificates.sent": _("Teilnahmebescheinigungen verschickt"),
    "certificate.downloaded": _("Teilnahmebescheinigung heruntergeladen (persönlicher Link)"),
}

# Certificate mailings whose worker died are resumed (idempotent).
PERIODIC_TASKS = [PeriodicTask("documents.tasks.resume_certificate_mailings", 5 * 60)]


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="documents.staff_urls", prefix="")]

EVENT_TASKS = [
    EventTask(
        "attendance_list",
        _("Teilnahmeliste herunterladen (PDF)"),
        "documents_staff:attendance_list",
        can_check_in,
        order=72,
        group=_("Am Tag der Veranstaltung"),  # the group participants' check-in heads
        description=_("Zum Unterschreiben an der Tür; alle mit Platz, auch ohne E-Mail-Adresse."),
    ),
    EventTask(
        "certificates",
        _("Teilnahmebescheinigungen"),
        "documents_staff:certificates",
        can_manage_participants,
        order=80,
        group=_("Nach der Veranstaltung"),
        description=_("An alle Anwesenden verschicken; ohne E-Mail-Adresse zum Ausdrucken."),
    ),
]

ANNOUNCES = {
    "certificate_facts": "booking: more facts for its Teilnahmebescheinigung, a list of (label, [lines])",
}

HOOKS = {"dashboard_due": queries.due_for_dashboard, "event_hub_figures": queries.hub_figures}
