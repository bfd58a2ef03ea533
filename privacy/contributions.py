"""What the privacy app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from django.utils.translation import gettext_lazy as _

from core.registry import MenuEntry, StaffUrls
from privacy.permissions import can_manage_privacy

STAFF_URLS = [StaffUrls(module="privacy.staff_urls", prefix="")]

MENU = [MenuEntry("privacy", _("Datenschutz"), "privacy_staff:requests", can_manage_privacy, order=60)]
