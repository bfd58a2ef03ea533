"""What the events app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.permissions import can_use_back_office
from core.registry import DashboardPanel, MenuEntry, StaffUrls, Urls
from events.permissions import can_manage_events
from events.sitemaps import EventSitemap, StaticPagesSitemap
from events.staff_views import dashboard

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("events.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    "event.created": _("Veranstaltung angelegt"),
    "event.changed": _("Veranstaltung geändert"),
    "event.copied": _("Veranstaltung kopiert"),
    "event.published": _("Veranstaltung veröffentlicht"),
    "event.cancelled": pgettext_lazy("audit action", "Veranstaltung abgesagt"),
    "event.held": _("Veranstaltung als durchgeführt markiert"),
    "event.session_saved": _("Termin gespeichert"),
    "event.session_deleted": _("Termin gelöscht"),
    "event.agenda_saved": _("Ablauf gespeichert"),
    "event.material_added": _("Material hochgeladen"),
    "event.material_removed": _("Material entfernt"),
    "venue.created": _("Ort angelegt"),
    "venue.changed": _("Ort geändert"),
    "reference.created": _("Stammdaten-Eintrag angelegt"),
    "reference.changed": _("Stammdaten-Eintrag geändert"),
    "reference.archived": _("Stammdaten-Eintrag archiviert"),
    "reference.unarchived": _("Stammdaten-Eintrag zurückgeholt"),
    "reference.deleted": _("Stammdaten-Eintrag gelöscht"),
}

SITEMAPS = {"pages": StaticPagesSitemap, "events": EventSitemap}


# --- Back office and hooks ----------------------------------------------------------------

# The hooks this app announces (core.registry.announce), with what it passes and expects back.
ANNOUNCES = {
    "event_cancelled": "event: an event was cancelled; tell everyone concerned (returns how many were told)",
    "event_changed": "event: date, time or venue of a published event changed (returns how many were told)",
    "event_copied": "source, copy: an event was copied; copy what belongs to the source",
    "event_list_annotations": "queryset: add per-event figures to a back-office event list (returns the queryset)",
    "event_card_annotations": "queryset: add per-event figures to a public event listing, e.g. places_taken for "
    "the cards (returns the queryset)",
    "event_availability": "event: the schema.org availability of its places for search engines (returns a URL or None)",
    "event_page_box": "event: a box on the event's public page, e.g. registration (returns HTML)",
}


STAFF_URLS = [StaffUrls(module="events.staff_urls", prefix="")]

MENU = [
    MenuEntry("events", _("Veranstaltungen"), "events_staff:event_list", can_use_back_office, order=20),
    MenuEntry("venues", _("Orte"), "events_staff:venue_list", can_manage_events, order=30),
    MenuEntry("reference", _("Stammdaten"), "events_staff:reference_overview", can_manage_events, order=35),
]

DASHBOARD_PANELS = [
    DashboardPanel(
        "event_create", "events/staff/_dashboard_create.html", dashboard.create_button, can_manage_events, order=10
    ),
    DashboardPanel(
        "upcoming", "events/staff/_dashboard_upcoming.html", dashboard.upcoming, can_use_back_office, order=30
    ),
    DashboardPanel("waiting", "events/staff/_dashboard_waiting.html", dashboard.waiting, can_use_back_office, order=40),
]

HOOKS = {"dashboard_due": dashboard.due}
