from django.urls import path

from core.redirects import moved
from privacy import views

app_name = "privacy"

urlpatterns = [
    path("datenschutz/", views.notice, name="notice"),
    path("datenschutz/version/<int:version>/", views.notice, name="notice_version"),
    # Self-service: the signed token of the personal registration link is the key.
    path("datenschutz/meine-daten/<str:token>/", views.my_data, name="my_data"),
    path("datenschutz/meine-daten/<str:token>/daten.json", views.my_data_json, name="my_data_json"),
    path("datenschutz/meine-daten/<str:token>/loeschen/", views.erase_me, name="erase_me"),
    path("datenschutz/geloescht/", views.erased, name="erased"),
    # The staff pages moved to /team/datenschutz/ (privacy/staff_urls.py); old links keep working.
    path("datenschutz/verzeichnis/", moved("privacy_staff:processing_record")),
    path("datenschutz/anfragen/", moved("privacy_staff:requests", keep_method=True)),
    path("datenschutz/anfragen/auskunft/", moved("privacy_staff:request_export", keep_method=True)),
    path("datenschutz/anfragen/loeschen/", moved("privacy_staff:request_erase", keep_method=True)),
]
