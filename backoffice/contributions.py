"""What the backoffice app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office
from backoffice.views import dashboard
from core.registry import DashboardPanel, MenuEntry

MENU = [MenuEntry("dashboard", _("Dashboard"), "backoffice:dashboard", can_use_back_office, order=10)]

# „Was ansteht“: what the apps answer to the `dashboard_due` hook, in one list.
DASHBOARD_PANELS = [DashboardPanel("due", "backoffice/_due.html", dashboard.due, can_use_back_office, order=20)]
