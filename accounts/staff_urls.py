"""The accounts page, mounted under /team/ by the back office (namespace accounts_staff)."""

from django.urls import path

from accounts import staff_views

app_name = "accounts_staff"

urlpatterns = [
    path("konten/", staff_views.account_list, name="account_list"),
    path("konten/einladen/", staff_views.invite, name="invite"),
    path("konten/<int:account_pk>/", staff_views.account_detail, name="account_detail"),
    path("konten/<int:account_pk>/rolle/", staff_views.change_role, name="change_role"),
    path("konten/<int:account_pk>/neu-einladen/", staff_views.reinvite, name="reinvite"),
    path("konten/<int:account_pk>/deaktivieren/", staff_views.deactivate, name="deactivate"),
    path("konten/<int:account_pk>/reaktivieren/", staff_views.reactivate, name="reactivate"),
    path(
        "konten/<int:account_pk>/zweiten-faktor-zuruecksetzen/",
        staff_views.reset_second_factor,
        name="reset_second_factor",
    ),
]
