"""What the participants app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import EventTask, StaffUrls
from events.permissions import (
    can_check_in,
    can_manage_participants,
    can_view_participant_counts,
    can_view_participants,
)
from participants import queries

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "participants.viewed": _("Teilnehmer_innen angesehen"),
    "participants.exported": _("Teilnehmer_innen exportiert"),
    "checkin.exported": _("Einlassliste exportiert"),
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

PARTICIPANTS = _("Teilnehmer_innen")
ON_THE_DAY = _("Am Tag der Veranstaltung")  # documents' Teilnahmeliste joins this group

EVENT_TASKS = [
    EventTask(
        "participants",
        _("Teilnehmer_innen ansehen"),
        "participants_staff:participants",
        can_view_participant_counts,
        order=60,
        group=PARTICIPANTS,
        description=_("Liste mit Suche und Export; Angaben ändern, absagen, Bestätigung drucken."),
    ),
    EventTask(
        "waiting_list",
        _("Warteliste"),
        "participants_staff:waiting_list",
        can_view_participants,
        order=62,
        group=PARTICIPANTS,
        description=_("Wer in welcher Reihenfolge wartet; von Hand nachrücken lassen."),
    ),
    EventTask(
        "participant_add",
        _("Person von Hand anmelden"),
        "participants_staff:participant_add",
        can_manage_participants,
        order=64,
        group=PARTICIPANTS,
        description=_("Anmeldungen am Telefon oder auf Papier, auch ohne E-Mail-Adresse."),
    ),
    EventTask(
        "participants_write",
        _("Allen schreiben"),
        "participants_staff:participants_write",
        can_manage_participants,
        order=66,
        group=PARTICIPANTS,
        description=_("Eine E-Mail an alle mit Platz oder an die Warteliste."),
    ),
    EventTask(
        "checkin",
        _("Einlass (Check-in)"),
        "participants_staff:checkin",
        can_check_in,
        order=70,
        group=ON_THE_DAY,
        description=_("Anwesende abhaken und Personen ohne Anmeldung erfassen, auch auf dem Handy."),
    ),
]

HOOKS = {"event_hub_figures": queries.hub_figures}
