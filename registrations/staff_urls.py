"""The team's registration setup page, mounted under /team/ by the back office (namespace `registrations_staff`)."""

from django.urls import path

from registrations import staff_views

app_name = "registrations_staff"

urlpatterns = [
    path("veranstaltungen/<int:pk>/anmeldung-einrichten/", staff_views.registration_setup, name="registration_setup"),
]
