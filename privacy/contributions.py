"""What the privacy app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, PeriodicTask, StaffUrls, Urls
from privacy.permissions import can_manage_privacy

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("privacy.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    "privacy.self_viewed": _("Eigene Daten angesehen (persönlicher Link)"),
    "privacy.self_exported": _("Eigene Daten heruntergeladen (persönlicher Link)"),
    "privacy.self_erased": _("Eigene Daten gelöscht (persönlicher Link)"),
    "privacy.request_lookup": _("Datenschutz-Anfrage: Suche nach Adresse"),
    "privacy.request_exported": _("Datenschutz-Anfrage: Daten exportiert"),
    "privacy.request_erased": _("Datenschutz-Anfrage: Daten gelöscht"),
}

# The retention rules the apps declare run hourly (each run is idempotent).
PERIODIC_TASKS = [PeriodicTask("privacy.tasks.apply_retention", 60 * 60)]


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="privacy.staff_urls", prefix="")]

ANNOUNCES = {
    "address_erased": "email, now: a person's data is being erased; end whatever else the app holds under that "
    "address, such as a subscription (returns how many records lost the address)",
}

MENU = [MenuEntry("privacy", _("Datenschutz"), "privacy_staff:requests", can_manage_privacy, order=60)]
