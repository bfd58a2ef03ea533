"""What the network app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import StaffUrls, Urls

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("network.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "initiative.list_viewed": _("Initiativen (Verwaltung) angesehen"),
    "initiative.exported": _("Initiativen (Verwaltung) exportiert"),
    "initiative.viewed": _("Initiative (Verwaltung) angesehen"),
    "initiative.changed": _("Initiative geändert"),
    "initiative.approved": _("Initiative freigegeben"),
    "initiative.rejected": _("Initiative abgelehnt"),
}


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="network.staff_urls", prefix="")]
