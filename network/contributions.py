"""What the network app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from core.registry import StaffUrls

STAFF_URLS = [StaffUrls(module="network.staff_urls", prefix="")]
