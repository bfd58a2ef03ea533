from django.urls import path

from conferences import views

app_name = "conferences"

urlpatterns = [
    path("veranstaltungen/<slug:slug>/programm/", views.programme, name="programme"),
    path("veranstaltungen/<slug:slug>/programm/programm.ics", views.programme_ics, name="programme_ics"),
    path("veranstaltungen/<slug:slug>/programm/schedule.xml", views.schedule_xml, name="schedule_xml"),
    path("veranstaltungen/<slug:slug>/programm/schedule.json", views.schedule_json, name="schedule_json"),
    path("veranstaltungen/<slug:slug>/programm/<uuid:guid>.ics", views.session_ics, name="session_ics"),
    path("anmeldung/<str:token>/programm/", views.my_programme, name="my_programme"),
    path("anmeldung/<str:token>/programm/kalender.ics", views.my_calendar, name="my_calendar"),
    path("anmeldung/<str:token>/programm/<int:slot_pk>/wechseln/", views.my_swap, name="my_swap"),
    path("anmeldung/<str:token>/fahrtkosten/", views.my_reimbursement, name="my_reimbursement"),
]
