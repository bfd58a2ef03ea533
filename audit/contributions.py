"""What the audit app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _

from audit.permissions import can_browse_audit_log
from core.registry import MenuEntry, StaffUrls

STAFF_URLS = [StaffUrls(module="audit.staff_urls", prefix="protokoll/")]

MENU = [MenuEntry("audit", _("Protokoll"), "audit_staff:list", can_browse_audit_log, order=50)]
