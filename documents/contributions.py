"""What the documents app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

from core.registry import PeriodicTask

AUDIT_ACTIONS = {
    "certificates.sent": _("Teilnahmebescheinigungen verschickt"),
    "certificate.downloaded": _("Teilnahmebescheinigung heruntergeladen (persönlicher Link)"),
}

# Certificate mailings whose worker died are resumed (idempotent).
PERIODIC_TASKS = [PeriodicTask("documents.tasks.resume_certificate_mailings", 5 * 60)]


# --- Back office and hooks ----------------------------------------------------------------
