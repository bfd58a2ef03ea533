"""What the feedback app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, StaffUrls, Urls
from events.permissions import can_read_feedback
from feedback import queries

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("feedback.urls")]  # the anonymous survey

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "feedback.invited": _("Zur Rückmeldung eingeladen"),
}


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="feedback.staff_urls", prefix="")]

MENU = [MenuEntry("feedback", _("Feedback"), "feedback_staff:period_results", can_read_feedback, order=40)]

HOOKS = {"dashboard_due": queries.due_for_dashboard}
