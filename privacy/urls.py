from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("datenschutz/", views.notice, name="notice"),
    path("datenschutz/version/<int:version>/", views.notice, name="notice_version"),
    path("datenschutz/verzeichnis/", views.processing_record_page, name="processing_record"),
    # Self-service: the signed token of the personal registration link is the key.
    path("datenschutz/meine-daten/<str:token>/", views.my_data, name="my_data"),
    path("datenschutz/meine-daten/<str:token>/daten.json", views.my_data_json, name="my_data_json"),
    path("datenschutz/meine-daten/<str:token>/loeschen/", views.erase_me, name="erase_me"),
    path("datenschutz/geloescht/", views.erased, name="erased"),
    # Staff tool for requests that arrive by e-mail (addresses only ever sent by POST).
    path("datenschutz/anfragen/", views.requests_page, name="requests"),
    path("datenschutz/anfragen/auskunft/", views.request_export, name="request_export"),
    path("datenschutz/anfragen/loeschen/", views.request_erase, name="request_erase"),
]
