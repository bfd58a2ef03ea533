"""What the feedback app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "feedback.invited": _("Zur Rückmeldung eingeladen"),
}


# --- Back office and hooks ----------------------------------------------------------------
