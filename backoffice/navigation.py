"""The back-office top navigation, by task. Later apps add an entry here (only for pages that exist)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office
from audit.permissions import can_browse_audit_log
from events.permissions import can_manage_events, can_read_feedback
from privacy.permissions import can_manage_privacy


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    allowed: object  # callable(user) -> bool


ITEMS = [
    NavItem("dashboard", _("Dashboard"), "backoffice:dashboard", can_use_back_office),
    NavItem("events", _("Veranstaltungen"), "backoffice:event_list", can_use_back_office),
    NavItem("venues", _("Orte"), "backoffice:venue_list", can_manage_events),
    NavItem("feedback", _("Feedback"), "feedback:period_results", can_read_feedback),
    NavItem("audit", _("Protokoll"), "audit:list", can_browse_audit_log),
    NavItem("privacy", _("Datenschutz"), "privacy:requests", can_manage_privacy),
    NavItem("account", _("Mein Konto"), "accounts:account", lambda user: user.is_authenticated),
]


def items_for(user):
    return [item for item in ITEMS if item.allowed(user)]
