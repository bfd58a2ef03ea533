"""What the audit app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from audit import retention
from audit.permissions import can_browse_audit_log
from core.registry import MenuEntry, RetentionRule, StaffUrls

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    "audit.viewed": _("Protokoll angesehen"),
    "audit.exported": _("Protokoll exportiert"),
}

RETENTION_RULES = [
    RetentionRule(
        key="audit_log_months",
        label=_("Das Zugriffsprotokoll wird %(value)s Monate aufbewahrt."),
        apply=retention.delete_old_entries,
        order=40,
    ),
]


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="audit.staff_urls", prefix="protokoll/")]

MENU = [MenuEntry("audit", _("Protokoll"), "audit_staff:list", can_browse_audit_log, order=50)]
