"""What the registrations app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.registry import EventTask, StaffUrls
from events.permissions import can_manage_events
from registrations import event_page, queries, services

STAFF_URLS = [StaffUrls(module="registrations.staff_urls", prefix="")]


def _may_set_up(user, event):
    return can_manage_events(user)


EVENT_TASKS = [
    EventTask(
        "registration_setup",
        _("Anmeldung einrichten"),
        "registrations_staff:registration_setup",
        _may_set_up,
        order=50,
        group=pgettext_lazy("registration", "Anmeldung"),
        description=_("Bedarfe, Warteliste und Fragen im Anmeldeformular."),
    )
]

HOOKS = {
    "event_cancelled": services.tell_event_cancelled,
    "event_changed": services.notify_event_changed,
    "event_copied": services.copy_registration_setup,
    "event_list_annotations": queries.with_registration_counts,
    "event_card_annotations": event_page.card_figures,
    "event_availability": event_page.availability,
    "event_page_box": event_page.box,
}
