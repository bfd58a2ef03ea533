"""Teilnahmeliste and certificates, mounted under /team/ by the back office (namespace `documents_staff`)."""

from django.urls import path

from documents import views

app_name = "documents_staff"

urlpatterns = [
    path("veranstaltungen/<int:pk>/teilnahmeliste.pdf", views.attendance_list, name="attendance_list"),
    path("veranstaltungen/<int:pk>/bescheinigungen/", views.certificates, name="certificates"),
    path(
        "veranstaltungen/<int:pk>/bescheinigungen/<int:booking_pk>.pdf",
        views.certificate_to_print,
        name="certificate_to_print",
    ),
]
