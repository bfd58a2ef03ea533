"""What the events app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office
from core.registry import DashboardPanel, MenuEntry, StaffUrls
from events.permissions import can_manage_events
from events.staff_views import dashboard

STAFF_URLS = [StaffUrls(module="events.staff_urls", prefix="")]

MENU = [
    MenuEntry("events", _("Veranstaltungen"), "events_staff:event_list", can_use_back_office, order=20),
    MenuEntry("venues", _("Orte"), "events_staff:venue_list", can_manage_events, order=30),
]

DASHBOARD_PANELS = [
    DashboardPanel(
        "event_create", "events/staff/_dashboard_create.html", dashboard.create_button, can_manage_events, order=10
    ),
    DashboardPanel(
        "upcoming", "events/staff/_dashboard_upcoming.html", dashboard.upcoming, can_use_back_office, order=30
    ),
    DashboardPanel("waiting", "events/staff/_dashboard_waiting.html", dashboard.waiting, can_use_back_office, order=40),
]

HOOKS = {"dashboard_due": dashboard.due}
