"""The webhooks page, mounted under /team/ by the back office (namespace webhooks_staff)."""

from django.urls import path

from webhooks import staff_views

app_name = "webhooks_staff"

urlpatterns = [
    path("webhooks/", staff_views.subscription_list, name="subscription_list"),
    path("webhooks/neu/", staff_views.subscription_create, name="subscription_create"),
    path("webhooks/<int:subscription_pk>/", staff_views.subscription_detail, name="subscription_detail"),
    path("webhooks/<int:subscription_pk>/pausieren/", staff_views.subscription_toggle, name="subscription_toggle"),
    path("webhooks/<int:subscription_pk>/loeschen/", staff_views.subscription_delete, name="subscription_delete"),
]
