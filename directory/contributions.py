"""What the directory app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import DashboardPanel, MenuEntry, StaffUrls, Urls
from directory.permissions import can_edit_directory
from directory.staff_views import dashboard_panel

# --- Pages -------------------------------------------------------------------------------

URLS = [
    Urls("directory.urls"),
    Urls("directory.api_urls", prefix="api/hsds/", localized=False),
]

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "directory.services_exported": _("Wegweiser: Angebotsliste exportiert"),
    "directory.organizations_exported": _("Wegweiser: Organisationen exportiert"),
    "directory.organization_created": _("Wegweiser: Organisation angelegt"),
    "directory.organization_changed": _("Wegweiser: Organisation geändert"),
    "directory.organization_deleted": _("Wegweiser: Organisation gelöscht"),
    "directory.service_created": _("Wegweiser: Angebot angelegt"),
    "directory.service_changed": _("Wegweiser: Angebot geändert"),
    "directory.service_checked": _("Wegweiser: Angebot als geprüft vermerkt"),
    "directory.service_deleted": _("Wegweiser: Angebot gelöscht"),
}

# --- Back office and hooks ----------------------------------------------------------------

STAFF_URLS = [StaffUrls(module="directory.staff_urls", prefix="wegweiser/")]

MENU = [MenuEntry("directory", _("Wegweiser"), "directory_staff:service_list", can_edit_directory, order=37)]

DASHBOARD_PANELS = [
    DashboardPanel(
        "directory_check", "directory/staff/_dashboard_check.html", dashboard_panel, can_edit_directory, order=50
    ),
]
