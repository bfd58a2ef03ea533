"""The team's event planning pages, mounted under /team/ by the back office (namespace `events_staff`)."""

from django.urls import path

from events.staff_views import agenda, events, materials, reference, sessions, status, venues

app_name = "events_staff"

EVENT = "veranstaltungen/<int:pk>/"
ITEM = "stammdaten/<slug:kind>/<int:item_pk>/"

urlpatterns = [
    path("veranstaltungen/", events.event_list, name="event_list"),
    path("veranstaltungen/neu/", events.event_create, name="event_create"),
    path(EVENT, events.event_detail, name="event_detail"),
    path(EVENT + "bearbeiten/", events.event_edit, name="event_edit"),
    path(EVENT + "kopieren/", events.event_copy, name="event_copy"),
    path(EVENT + "veroeffentlichen/", status.change_status, {"action": "publish"}, name="event_publish"),
    path(EVENT + "absagen/", status.change_status, {"action": "cancel"}, name="event_cancel"),
    path(EVENT + "durchgefuehrt/", status.change_status, {"action": "held"}, name="event_held"),
    path(EVENT + "termine/neu/", sessions.session_form, name="session_create"),
    path(EVENT + "termine/<int:session_pk>/", sessions.session_form, name="session_edit"),
    path(EVENT + "termine/<int:session_pk>/loeschen/", sessions.session_delete, name="session_delete"),
    path(EVENT + "ablauf/", agenda.agenda_edit, name="agenda_edit"),
    path(EVENT + "materialien/", materials.material_list, name="material_list"),
    path(EVENT + "materialien/<int:material_pk>/entfernen/", materials.material_remove, name="material_remove"),
    path("orte/", venues.venue_list, name="venue_list"),
    path("orte/neu/", venues.venue_form, name="venue_create"),
    path("orte/<int:venue_pk>/", venues.venue_form, name="venue_edit"),
    path("stammdaten/", reference.overview, name="reference_overview"),
    path("stammdaten/<slug:kind>/", reference.item_list, name="reference_list"),
    path("stammdaten/<slug:kind>/neu/", reference.item_form, name="reference_create"),
    path(ITEM, reference.item_form, name="reference_edit"),
    path(ITEM + "archivieren/", reference.item_archive, {"archived": True}, name="reference_archive"),
    path(ITEM + "zurueckholen/", reference.item_archive, {"archived": False}, name="reference_unarchive"),
    path(ITEM + "loeschen/", reference.item_delete, name="reference_delete"),
]
