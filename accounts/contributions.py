"""What the accounts app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

AUDIT_ACTIONS = {
    # "Anmeldung" also means a registration for an event (other apps): the context keeps them apart.
    "account.login": pgettext_lazy("login", "Anmeldung"),
    "account.login_failed": _("Anmeldung fehlgeschlagen"),
    "account.locked_out": _("Anmeldung gesperrt (zu viele Versuche)"),
    "account.otp_failed": _("Falscher Bestätigungscode"),
    "account.otp_confirmed": _("Zwei-Faktor-Anmeldung eingerichtet"),
    "account.recovery_codes_created": _("Wiederherstellungscodes erzeugt"),
    "account.recovery_code_used": _("Wiederherstellungscode benutzt"),
    "account.logout": _("Abmeldung"),
    "account.password_reset_requested": _("Passwort-Zurücksetzen angefordert"),
    "account.password_reset_done": _("Passwort zurückgesetzt"),
}


# --- Back office and hooks ----------------------------------------------------------------
