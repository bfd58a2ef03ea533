"""What the registrations app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "event.registration_setup_saved": _("Anmeldung eingerichtet"),
}


# --- Back office and hooks ----------------------------------------------------------------
