"""The team's pages on training requests and the partner portal, mounted under /team/ (namespace
`training_requests_staff`)."""

from django.urls import path

from training_requests import staff_views

app_name = "training_requests_staff"

urlpatterns = [
    path("anfragen/", staff_views.queue_list, name="queue"),
    path("anfragen/karte/", staff_views.request_map, name="map"),
    path("anfragen/<int:request_pk>/", staff_views.detail, name="detail"),
    path("anfragen/<int:request_pk>/stand/", staff_views.change_state, name="state"),
    path("anfragen/<int:request_pk>/zustaendig/", staff_views.assign, name="assign"),
    path("anfragen/<int:request_pk>/notiz/", staff_views.add_note, name="note"),
    path("anfragen/<int:request_pk>/nachricht/", staff_views.send_message, name="message"),
    path("anfragen/<int:request_pk>/angebot/", staff_views.plan_event, name="plan"),
    path("anfragen/<int:request_pk>/gelesen/", staff_views.mark_read, name="mark_read"),
    path("veranstaltungen/<int:pk>/anfrage/", staff_views.event_request, name="event_request"),
    path("unsere-anfragen/", staff_views.partner_portal, name="partner"),
    path("unsere-anfragen/neu/", staff_views.partner_request, name="partner_request"),
]
