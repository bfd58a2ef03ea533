"""The team's Wegweiser editor, mounted under /team/wegweiser/ by the back office (namespace `directory_staff`)."""

from django.urls import path

from directory import staff_views

app_name = "directory_staff"

ORGANIZATION = "organisationen/<uuid:organization_pk>/"
SERVICE = "angebote/<uuid:service_pk>/"

urlpatterns = [
    path("", staff_views.service_list, name="service_list"),
    path("angebote/neu/", staff_views.service_form, name="service_create"),
    path(SERVICE, staff_views.service_form, name="service_edit"),
    path(SERVICE + "geprueft/", staff_views.service_check, name="service_check"),
    path(SERVICE + "loeschen/", staff_views.service_delete, name="service_delete"),
    path("organisationen/", staff_views.organization_list, name="organization_list"),
    path("organisationen/neu/", staff_views.organization_form, name="organization_create"),
    path(ORGANIZATION, staff_views.organization_form, name="organization_edit"),
    path(ORGANIZATION + "loeschen/", staff_views.organization_delete, name="organization_delete"),
]
