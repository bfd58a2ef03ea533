from django.urls import include, path

from backoffice.views import dashboard
from events.staff_views import agenda, events, materials, sessions, status, venues
from registrations import staff_views as registration_setup

app_name = "backoffice"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("veranstaltungen/", events.event_list, name="event_list"),
    path("veranstaltungen/neu/", events.event_create, name="event_create"),
    path("veranstaltungen/<int:pk>/", events.event_detail, name="event_detail"),
    path("veranstaltungen/<int:pk>/bearbeiten/", events.event_edit, name="event_edit"),
    path("veranstaltungen/<int:pk>/kopieren/", events.event_copy, name="event_copy"),
    path(
        "veranstaltungen/<int:pk>/veroeffentlichen/", status.change_status, {"action": "publish"}, name="event_publish"
    ),
    path("veranstaltungen/<int:pk>/absagen/", status.change_status, {"action": "cancel"}, name="event_cancel"),
    path("veranstaltungen/<int:pk>/durchgefuehrt/", status.change_status, {"action": "held"}, name="event_held"),
    path("veranstaltungen/<int:pk>/termine/neu/", sessions.session_form, name="session_create"),
    path("veranstaltungen/<int:pk>/termine/<int:session_pk>/", sessions.session_form, name="session_edit"),
    path("veranstaltungen/<int:pk>/termine/<int:session_pk>/loeschen/", sessions.session_delete, name="session_delete"),
    path("veranstaltungen/<int:pk>/ablauf/", agenda.agenda_edit, name="agenda_edit"),
    path(
        "veranstaltungen/<int:pk>/anmeldung-einrichten/",
        registration_setup.registration_setup,
        name="registration_setup",
    ),
    path("veranstaltungen/<int:pk>/materialien/", materials.material_list, name="material_list"),
    path(
        "veranstaltungen/<int:pk>/materialien/<int:material_pk>/entfernen/",
        materials.material_remove,
        name="material_remove",
    ),
    path("orte/", venues.venue_list, name="venue_list"),
    path("orte/neu/", venues.venue_form, name="venue_create"),
    path("orte/<int:venue_pk>/", venues.venue_form, name="venue_edit"),
    # Participants, check-in and mailings (participants app), under the same namespace.
    path("", include("participants.urls")),
]
