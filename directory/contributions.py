"""What the directory app adds to the platform (collected by core.registry; see its docstring for the names)."""

from core.registry import Urls

# --- Pages -------------------------------------------------------------------------------

URLS = [
    Urls("directory.urls"),
    Urls("directory.api_urls", prefix="api/hsds/", localized=False),
]

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------
