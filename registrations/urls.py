from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("veranstaltungen/<slug:slug>/anmelden/", views.register, name="register"),
    path("veranstaltungen/<slug:slug>/anmelden/gesendet/", views.sent, name="sent"),
    path("anmeldung/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("anmeldung/link/", views.lost_link, name="lost_link"),
    path("anmeldung/<str:token>/", views.personal, name="personal"),
    path("anmeldung/<str:token>/aendern/", views.change, name="change"),
    path("anmeldung/<str:token>/absagen/", views.cancel, name="cancel"),
    path("anmeldung/<str:token>/annehmen/<int:booking_id>/", views.accept, name="accept"),
    path("anmeldung/<str:token>/kalender.ics", views.calendar, name="calendar"),
]
