"""The team's privacy tools, mounted under /team/ by the back office (namespace `privacy_staff`)."""

from django.urls import path

from privacy import views

app_name = "privacy_staff"

urlpatterns = [
    path("datenschutz/verzeichnis/", views.processing_record_page, name="processing_record"),
    # Requests that arrive by e-mail (addresses only ever sent by POST).
    path("datenschutz/anfragen/", views.requests_page, name="requests"),
    path("datenschutz/anfragen/auskunft/", views.request_export, name="request_export"),
    path("datenschutz/anfragen/loeschen/", views.request_erase, name="request_erase"),
]
