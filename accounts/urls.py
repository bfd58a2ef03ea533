from django.urls import path

from accounts import views
from accounts.decorators import login_completed_required

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("anmelden/code/", views.verify, name="verify"),
    path("anmelden/zwei-faktor-einrichten/", views.setup, name="setup"),
    path("zwei-faktor-einrichten/", views.offer_setup, name="offer_setup"),
    path("abmelden/", views.logout, name="logout"),
    path("wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("passwort-aendern/", login_completed_required(views.PasswordChangeView.as_view()), name="password_change"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path("passwort-vergessen/gesendet/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    # Before the reset link's pattern; under passwort-neu/ so logs mask the token (core.logging, deploy/nginx).
    path("passwort-neu/einladung/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("passwort-neu/fertig/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
