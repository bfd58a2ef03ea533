"""What the webhooks app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office
from core.registry import MenuEntry, PeriodicTask, StaffUrls
from webhooks import services

STAFF_URLS = [StaffUrls(module="webhooks.staff_urls", prefix="")]

MENU = [MenuEntry("webhooks", _("Webhooks"), "webhooks_staff:subscription_list", can_use_back_office, order=89)]

AUDIT_ACTIONS = {
    "webhook.created": _("Webhook angelegt"),
    "webhook.paused": _("Webhook pausiert"),
    "webhook.resumed": _("Webhook fortgesetzt"),
    "webhook.deleted": _("Webhook gelöscht"),
    "webhook.disabled": _("Webhook nach wiederholten Fehlern abgeschaltet"),
}

PERIODIC_TASKS = [PeriodicTask("webhooks.tasks.sweep_deliveries", 60)]

# Deliveries are written inside the change's transaction and sent after it commits.
HOOKS = {
    "event_status_changed": services.on_event_status_changed,
    "event_changed": services.on_event_changed,
    "event_cancelled": services.on_event_cancelled,
    "registration_confirmed": services.on_registration_confirmed,
    "registration_cancelled": services.on_registration_cancelled,
    "waitlist_promoted": services.on_waitlist_promoted,
}
