"""What the api app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office
from core.registry import MenuEntry, StaffUrls, Urls

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("api.urls", prefix="api/v1/", localized=False)]
STAFF_URLS = [StaffUrls(module="api.staff_urls", prefix="")]

MENU = [MenuEntry("api_tokens", _("API-Tokens"), "api_staff:token_list", can_use_back_office, order=88)]

# --- Records -----------------------------------------------------------------------------

AUDIT_ACTIONS = {
    "api_token.created": _("API-Token angelegt"),
    "api_token.revoked": _("API-Token widerrufen"),
    "api.participants_read": _("Teilnehmer_innen über die API gelesen"),
    "api.waiting_list_read": _("Warteliste über die API gelesen"),
}

# --- Hooks -------------------------------------------------------------------------------

ANNOUNCES = {
    "api_routers": "(no arguments): more operations for /api/v1/ (returns a list of (prefix, ninja Router))",
    "api_scopes": "(no arguments): more token scopes (returns a list of api.scopes.Scope)",
}
