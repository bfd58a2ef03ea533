"""What the feedback app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import EventTask, MenuEntry, StaffUrls, Urls
from events.permissions import can_read_feedback
from feedback import queries

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("feedback.urls")]  # the anonymous survey

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "feedback.invited": _("Zur Rückmeldung eingeladen"),
    "feedback.exported": _("Feedback-Ergebnisse exportiert"),
}


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="feedback.staff_urls", prefix="")]

MENU = [MenuEntry("feedback", _("Feedback"), "feedback_staff:period_results", can_read_feedback, order=40)]


def _may_read(user, event):
    return can_read_feedback(user)


EVENT_TASKS = [
    EventTask(
        "feedback_results",
        _("Feedback-Ergebnisse"),
        "feedback_staff:event_results",
        _may_read,
        order=82,
        group=_("Nach der Veranstaltung"),  # the group documents' certificates head
        description=_("Antworten der Umfrage; Anwesende zur Umfrage einladen."),
    ),
]

HOOKS = {"dashboard_due": queries.due_for_dashboard, "event_hub_figures": queries.hub_figures}
