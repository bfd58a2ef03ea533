"""The team's programme and workshop check-in pages, mounted under /team/ (namespace `conferences_staff`)."""

from django.urls import path

from conferences import staff_views

app_name = "conferences_staff"

EVENT = "veranstaltungen/<int:pk>/programm/"

urlpatterns = [
    path(EVENT, staff_views.programme, name="programme"),
    path(EVENT + "workshops/", staff_views.workshops, name="workshops"),
    path(EVENT + "workshops/<int:session_pk>/einlass/", staff_views.workshop_checkin, name="workshop_checkin"),
    path(EVENT + "workshops/<int:session_pk>/einlass/anwesend/", staff_views.workshop_tick, name="workshop_tick"),
    path(EVENT + "namensschilder/", staff_views.badges, name="badges"),
    path(EVENT + "fahrtkosten/", staff_views.reimbursements, name="reimbursements"),
    path(EVENT + "fahrtkosten/sepa.xml", staff_views.reimbursements_sepa, name="reimbursements_sepa"),
    path(EVENT + "fahrtkosten/sepa/<int:batch_pk>.xml", staff_views.payment_batch_file, name="payment_batch_file"),
    path(EVENT + "fahrtkosten/sepa/<int:batch_pk>/bezahlt/", staff_views.payment_batch_paid, name="payment_batch_paid"),
    path(EVENT + "fahrtkosten/export.xlsx", staff_views.reimbursements_xlsx, name="reimbursements_xlsx"),
    path(EVENT + "fahrtkosten/<int:item_pk>/", staff_views.reimbursement, name="reimbursement"),
    path(EVENT + "fahrtkosten/<int:item_pk>/beleg/<int:receipt_pk>/", staff_views.receipt, name="receipt"),
    path(EVENT + "einlass/<str:token>/", staff_views.badge_checkin, name="badge_checkin"),
    # Last: the programme's own items (Raum, Zeitfenster, Referent_in, Programmpunkt).
    path(EVENT + "<str:kind>/neu/", staff_views.item, name="item_add"),
    path(EVENT + "<str:kind>/<int:item_pk>/", staff_views.item, name="item_edit"),
]
