"""What the registrations app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

from core.registry import PeriodicTask

AUDIT_ACTIONS = {
    "event.registration_setup_saved": _("Anmeldung eingerichtet"),
}

PERIODIC_TASKS = [
    PeriodicTask("registrations.tasks.lapse_unconfirmed", 10 * 60),
    PeriodicTask("registrations.tasks.expire_offers", 10 * 60),
    PeriodicTask("registrations.tasks.send_reminders", 60 * 60),
]


# --- Back office and hooks ----------------------------------------------------------------
