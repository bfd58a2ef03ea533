"""The actions the log knows by name. Other apps may record their own codes; unknown codes show as they are."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "account.login": _("Anmeldung"),
    "account.login_failed": _("Anmeldung fehlgeschlagen"),
    "account.locked_out": _("Anmeldung gesperrt (zu viele Versuche)"),
    "account.otp_failed": _("Falscher Bestätigungscode"),
    "account.otp_confirmed": _("Zwei-Faktor-Anmeldung eingerichtet"),
    "account.recovery_codes_created": _("Wiederherstellungscodes erzeugt"),
    "account.recovery_code_used": _("Wiederherstellungscode benutzt"),
    "account.logout": _("Abmeldung"),
    "account.password_reset_requested": _("Passwort-Zurücksetzen angefordert"),
    "account.password_reset_done": _("Passwort zurückgesetzt"),
    "event.created": _("Veranstaltung angelegt"),
    "event.changed": _("Veranstaltung geändert"),
    "event.copied": _("Veranstaltung kopiert"),
    "event.published": _("Veranstaltung veröffentlicht"),
    "event.cancelled": _("Veranstaltung abgesagt"),
    "event.held": _("Veranstaltung als durchgeführt markiert"),
    "event.session_saved": _("Termin gespeichert"),
    "event.session_deleted": _("Termin gelöscht"),
    "participants.viewed": _("Teilnehmer_innen angesehen"),
    "participants.exported": _("Teilnehmer_innen exportiert"),
    "registration.changed": _("Anmeldung geändert"),
    "audit.viewed": _("Protokoll angesehen"),
}


def label_for(code):
    return LABELS.get(code, code)


def choices():
    return sorted(((code, label) for code, label in LABELS.items()), key=lambda item: item[0])
