"""Participants, check-in and mailings, mounted under /team/ by the back office (namespace `participants_staff`)."""

from django.urls import path

from participants.views import changes, checkin, confirmation, lists, mailings

app_name = "participants_staff"

EVENT = "veranstaltungen/<int:pk>/"

urlpatterns = [
    path(EVENT + "teilnehmende/", lists.participant_list, name="participants"),
    path(EVENT + "teilnehmende/export.csv", lists.export, {"fmt": "csv"}, name="participants_csv"),
    path(EVENT + "teilnehmende/export.xlsx", lists.export, {"fmt": "xlsx"}, name="participants_xlsx"),
    path(EVENT + "warteliste/", lists.waiting_list, name="waiting_list"),
    path(EVENT + "teilnehmende/neu/", changes.add, name="participant_add"),
    path(EVENT + "teilnehmende/<int:booking_pk>/bearbeiten/", changes.edit, name="participant_edit"),
    path(
        EVENT + "teilnehmende/<int:booking_pk>/bestaetigung/",
        confirmation.confirmation,
        name="participant_confirmation",
    ),
    path(EVENT + "teilnehmende/<int:booking_pk>/absagen/", changes.cancel, name="participant_cancel"),
    path(EVENT + "teilnehmende/<int:booking_pk>/nachruecken/", changes.promote, name="participant_promote"),
    path(EVENT + "teilnehmende/schreiben/", mailings.write, name="participants_write"),
    path(EVENT + "rundmails/<int:mailing_pk>/", mailings.mailing_detail, name="mailing"),
    path(EVENT + "einlass/", checkin.door, name="checkin"),
    path(EVENT + "einlass/anwesend/", checkin.tick, name="checkin_tick"),
    path(EVENT + "einlass/ohne-anmeldung/", checkin.walk_in, name="checkin_walk_in"),
]
