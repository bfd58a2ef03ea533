"""What the events app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.permissions import can_use_back_office
from core.registry import DashboardPanel, EventTask, MenuEntry, StaffUrls, Urls
from events.models import Event
from events.permissions import can_manage_events
from events.queries import next_time_change
from events.sitemaps import EventSitemap, StaticPagesSitemap
from events.staff_views import dashboard

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("events.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    "event.created": _("Veranstaltung angelegt"),
    "events.exported": _("Veranstaltungsliste exportiert"),
    "venues.exported": _("Orte exportiert"),
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
    "event_status_changed": "event: an event was published or marked held (event.status says which)",
    "event_copied": "source, copy: an event was copied; copy what belongs to the source",
    "event_list_annotations": "queryset: add per-event figures to a back-office event list (returns the queryset)",
    "event_card_annotations": "queryset: add per-event figures to a public event listing, e.g. places_taken for "
    "the cards (returns the queryset)",
    "event_availability": "event: the schema.org availability of its places for search engines (returns a URL or None)",
    "event_page_box": "event: a box on the event's public page, e.g. registration (returns HTML)",
    "event_page_related": "event: links to related reading on the event's public page, after the materials, "
    "e.g. background articles on its topics (returns HTML, or an empty string for nothing)",
    "event_hub_figures": "event: figures for the event's back-office page, in a fixed number of queries however "
    "many people registered (returns a list of (order, label, value))",
}


STAFF_URLS = [StaffUrls(module="events.staff_urls", prefix="")]

MENU = [
    MenuEntry("events", _("Veranstaltungen"), "events_staff:event_list", can_use_back_office, order=20),
    MenuEntry("venues", _("Orte"), "events_staff:venue_list", can_manage_events, order=30),
    MenuEntry("reference", _("Stammdaten"), "events_staff:reference_overview", can_manage_events, order=35),
]


def _manage(user, event):
    return can_manage_events(user)


def _status_is(*statuses):
    def allowed(user, event):
        return can_manage_events(user) and event.status in statuses

    return allowed


PLANNING = pgettext_lazy("event hub", "Planung")

# The event hub (/team/veranstaltungen/<id>/) links every task of an event; these are the events app's.
EVENT_TASKS = [
    EventTask("event_edit", _("Bearbeiten"), "events_staff:event_edit", _manage, order=10, group=PLANNING),
    EventTask("agenda", _("Ablauf bearbeiten"), "events_staff:agenda_edit", _manage, order=12, group=PLANNING),
    EventTask("session_add", _("Termin hinzufügen"), "events_staff:session_create", _manage, order=14, group=PLANNING),
    EventTask(
        "materials",
        _("Materialien hochladen oder entfernen"),
        "events_staff:material_list",
        _manage,
        order=16,
        group=PLANNING,
    ),
    EventTask(
        "event_copy", _("Kopieren mit neuem Datum"), "events_staff:event_copy", _manage, order=18, group=PLANNING
    ),
    EventTask(
        "event_publish",
        _("Veröffentlichen"),
        "events_staff:event_publish",
        _status_is(Event.Status.DRAFT),
        order=20,
        group=PLANNING,
    ),
    EventTask(
        "event_held",
        _("Als durchgeführt markieren"),
        "events_staff:event_held",
        _status_is(Event.Status.PUBLISHED),
        order=22,
        group=PLANNING,
    ),
    EventTask(
        "event_cancel",
        _("Absagen"),
        "events_staff:event_cancel",
        _status_is(Event.Status.DRAFT, Event.Status.PUBLISHED),
        order=24,
        group=PLANNING,
    ),
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

HOOKS = {"dashboard_due": dashboard.due, "public_pages_next_change": next_time_change}
