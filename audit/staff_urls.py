"""The audit log, mounted at /team/protokoll/ by the back office (namespace `audit_staff`)."""

from django.urls import path

from audit import views

app_name = "audit_staff"

urlpatterns = [
    path("", views.entry_list, name="list"),
]
