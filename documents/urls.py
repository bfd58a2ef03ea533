from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("team/veranstaltungen/<int:pk>/teilnahmeliste.pdf", views.attendance_list, name="attendance_list"),
    path("team/veranstaltungen/<int:pk>/bescheinigungen/", views.certificates, name="certificates"),
    path(
        "team/veranstaltungen/<int:pk>/bescheinigungen/<int:booking_pk>.pdf",
        views.certificate_to_print,
        name="certificate_to_print",
    ),
    path("anmeldung/<str:token>/bescheinigung/<int:booking_id>.pdf", views.my_certificate, name="my_certificate"),
]
