from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("datenschutz/", views.notice, name="notice"),
    path("datenschutz/version/<int:version>/", views.notice, name="notice_version"),
    path("datenschutz/verzeichnis/", views.processing_record_page, name="processing_record"),
]
