"""What the audit app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "audit.viewed": _("Protokoll angesehen"),
}


# --- Back office and hooks ----------------------------------------------------------------
