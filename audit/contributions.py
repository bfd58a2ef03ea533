"""What the audit app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _

from audit import retention
from core.registry import RetentionRule

AUDIT_ACTIONS = {
    "audit.viewed": _("Protokoll angesehen"),
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
