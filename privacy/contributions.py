"""What the privacy app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "privacy.self_viewed": _("Eigene Daten angesehen (persönlicher Link)"),
    "privacy.self_exported": _("Eigene Daten heruntergeladen (persönlicher Link)"),
    "privacy.self_erased": _("Eigene Daten gelöscht (persönlicher Link)"),
    "privacy.request_lookup": _("Datenschutz-Anfrage: Suche nach Adresse"),
    "privacy.request_exported": _("Datenschutz-Anfrage: Daten exportiert"),
    "privacy.request_erased": _("Datenschutz-Anfrage: Daten gelöscht"),
}


# --- Back office and hooks ----------------------------------------------------------------
