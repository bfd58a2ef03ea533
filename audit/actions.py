"""The actions the log knows by name. Other apps may record their own codes; unknown codes show as they are."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS = {
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
    "event.created": _("Veranstaltung angelegt"),
    "event.changed": _("Veranstaltung geändert"),
    "event.copied": _("Veranstaltung kopiert"),
    "event.published": _("Veranstaltung veröffentlicht"),
    "event.cancelled": pgettext_lazy("audit action", "Veranstaltung abgesagt"),
    "event.held": _("Veranstaltung als durchgeführt markiert"),
    "event.session_saved": _("Termin gespeichert"),
    "event.session_deleted": _("Termin gelöscht"),
    "event.agenda_saved": _("Ablauf gespeichert"),
    "event.registration_setup_saved": _("Anmeldung eingerichtet"),
    "event.material_added": _("Material hochgeladen"),
    "event.material_removed": _("Material entfernt"),
    "venue.created": _("Ort angelegt"),
    "venue.changed": _("Ort geändert"),
    "participants.viewed": _("Teilnehmer_innen angesehen"),
    "participants.exported": _("Teilnehmer_innen exportiert"),
    "registration.changed": _("Anmeldung geändert"),
    "registration.added_by_hand": _("Anmeldung von Hand eingetragen"),
    "registration.cancelled_by_team": _("Anmeldung vom Team abgesagt"),
    "registration.promoted": _("Von der Warteliste nachgerückt (von Hand)"),
    "registration.walk_in": _("Ohne Anmeldung am Einlass erfasst"),
    "participants.messaged": _("Rundmail an Teilnehmer_innen"),
    "attendance.checked_in": _("Anwesenheit erfasst"),
    "attendance.undone": _("Anwesenheit zurückgenommen"),
    "certificates.sent": _("Teilnahmebescheinigungen verschickt"),
    "certificate.downloaded": _("Teilnahmebescheinigung heruntergeladen (persönlicher Link)"),
    "feedback.invited": _("Zur Rückmeldung eingeladen"),
    "initiative.list_viewed": _("Initiativen (Verwaltung) angesehen"),
    "initiative.viewed": _("Initiative (Verwaltung) angesehen"),
    "initiative.changed": _("Initiative geändert"),
    "initiative.approved": _("Initiative freigegeben"),
    "initiative.rejected": _("Initiative abgelehnt"),
    "privacy.self_viewed": _("Eigene Daten angesehen (persönlicher Link)"),
    "privacy.self_exported": _("Eigene Daten heruntergeladen (persönlicher Link)"),
    "privacy.self_erased": _("Eigene Daten gelöscht (persönlicher Link)"),
    "privacy.request_lookup": _("Datenschutz-Anfrage: Suche nach Adresse"),
    "privacy.request_exported": _("Datenschutz-Anfrage: Daten exportiert"),
    "privacy.request_erased": _("Datenschutz-Anfrage: Daten gelöscht"),
    "audit.viewed": _("Protokoll angesehen"),
}


def label_for(code):
    return LABELS.get(code, code)


def choices():
    return sorted(((code, label) for code, label in LABELS.items()), key=lambda item: item[0])
