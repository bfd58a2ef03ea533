"""What the documents app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import PeriodicTask, StaffUrls, Urls
from documents import queries

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

HOOKS = {"dashboard_due": queries.due_for_dashboard}
