"""What the documents app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "certificates.sent": _("Teilnahmebescheinigungen verschickt"),
    "certificate.downloaded": _("Teilnahmebescheinigung heruntergeladen (persönlicher Link)"),
}


# --- Back office and hooks ----------------------------------------------------------------
