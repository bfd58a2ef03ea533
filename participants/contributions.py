"""What the participants app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import StaffUrls

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
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
}


# --- Back office and hooks ----------------------------------------------------------------


STAFF_URLS = [StaffUrls(module="participants.staff_urls", prefix="")]
