"""What the documents app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from core.registry import StaffUrls
from documents import queries

STAFF_URLS = [StaffUrls(module="documents.staff_urls", prefix="")]

HOOKS = {"dashboard_due": queries.due_for_dashboard}
