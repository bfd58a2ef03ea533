"""The tokens page, mounted under /team/ by the back office (namespace api_staff)."""

from django.urls import path

from api import staff_views

app_name = "api_staff"

urlpatterns = [
    path("api-tokens/", staff_views.token_list, name="token_list"),
    path("api-tokens/neu/", staff_views.token_create, name="token_create"),
    path("api-tokens/<int:token_pk>/widerrufen/", staff_views.token_revoke, name="token_revoke"),
]
