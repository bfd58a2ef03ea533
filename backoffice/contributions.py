"""What the backoffice app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office
from backoffice.views import dashboard
from core.registry import DashboardPanel, MenuEntry, Urls

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("backoffice.urls", prefix="team/")]  # the frame mounts every app's STAFF_URLS

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

# The hooks this app announces (core.registry.announce), with what it passes and expects back.
ANNOUNCES = {
    "dashboard_due": "user, now: what is due for this account, as parts of the dashboard's list "
    "(returns [(template, context)], each rendering <li> items; [] when nothing is due)",
}


MENU = [MenuEntry("dashboard", _("Dashboard"), "backoffice:dashboard", can_use_back_office, order=10)]

# „Was ansteht“: what the apps answer to the `dashboard_due` hook, in one list.
DASHBOARD_PANELS = [DashboardPanel("due", "backoffice/_due.html", dashboard.due, can_use_back_office, order=20)]
