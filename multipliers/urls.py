from django.urls import path

from multipliers import views

app_name = "multipliers"

urlpatterns = [
    path("multiplikatorinnen/", views.search, name="search"),
    path("multiplikatorinnen/<uuid:uuid>/", views.profile, name="profile"),
    path("multiplikatorinnen/<uuid:uuid>/gesendet/", views.contact_sent, name="contact_sent"),
    path("multiplikator/", views.my_profile, name="my_profile"),
    path("multiplikator/beratungen/", views.log, name="log"),
    path("multiplikator/beratungen.csv", views.log_csv, name="log_csv"),
    path("multiplikator/beratungen/<int:pk>/loeschen/", views.delete_entry, name="delete_entry"),
    path("anmeldung/<str:token>/zertifikat.pdf", views.my_certificate, name="my_certificate"),
]
