"""What the accounts app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.permissions import is_admin
from core.registry import MenuEntry, ProcessingActivity, StaffUrls, Urls

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("accounts.urls", prefix="konto/")]

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    # "Anmeldung" also means a registration for an event (other apps): the context keeps them apart.
    "account.login": pgettext_lazy("login", "Anmeldung"),
    "account.login_failed": _("Anmeldung fehlgeschlagen"),
    "account.list_exported": _("Kontenliste exportiert"),
    "account.locked_out": _("Anmeldung gesperrt (zu viele Versuche)"),
    "account.otp_failed": _("Falscher Bestätigungscode"),
    "account.otp_confirmed": _("Zwei-Faktor-Anmeldung eingerichtet"),
    "account.recovery_codes_created": _("Wiederherstellungscodes erzeugt"),
    "account.recovery_code_used": _("Wiederherstellungscode benutzt"),
    "account.logout": _("Abmeldung"),
    "account.password_reset_requested": _("Passwort-Zurücksetzen angefordert"),
    "account.password_reset_done": _("Passwort zurückgesetzt"),
    "account.first_admin_created": _("Erstes Administrationskonto angelegt"),
    "account.invited": _("Konto eingeladen"),
    "account.reinvited": _("Konto erneut eingeladen"),
    "account.invitation_accepted": _("Einladung angenommen, Passwort festgelegt"),
    "account.role_changed": _("Rolle geändert"),
    "account.deactivated": _("Konto deaktiviert"),
    "account.reactivated": _("Konto reaktiviert"),
    "account.second_factor_reset": _("Zweiten Faktor zurückgesetzt"),
}

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="accounts",
        name=_("Konten für Team, Referent_innen, Partner und Multiplikator_innen"),
        purpose=_("Anmeldung im geschützten Bereich, Rollen und Rechte, Nachvollziehbarkeit von Zugriffen"),
        legal_basis=_("Art. 6 Abs. 1 lit. b und f DSGVO"),
        data_subjects=_("Mitarbeiter_innen, Referent_innen, Partnerorganisationen, Multiplikator_innen"),
        data_categories=_("Name, E-Mail-Adresse, Rolle, Passwort-Hash, zweiter Faktor, Protokoll der Zugriffe"),
        recipients=_("Administration"),
        retention_key=("audit_log_months",),  # the access log: a rule of the audit app
        order=40,
    ),
]


# --- Back office and hooks ----------------------------------------------------------------


def _logged_in(user):
    return user.is_authenticated


STAFF_URLS = [StaffUrls(module="accounts.staff_urls", prefix="")]

MENU = [
    MenuEntry("accounts", _("Konten"), "accounts_staff:account_list", is_admin, order=85),
    MenuEntry("account", _("Mein Konto"), "accounts:account", _logged_in, order=90),
]

# The hooks this app announces (core.registry.announce), with what it passes and expects back.
ANNOUNCES = {
    "login_landing": "user: where an account lands after a login without `next` when it has no back-office "
    "pages (returns a URL, or None to leave it to others)",
}
