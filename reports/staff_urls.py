"""The report pages, mounted under /team/ (namespace `reports_staff`)."""

from django.urls import path

from reports import staff_views

app_name = "reports_staff"

urlpatterns = [
    path("berichte/", staff_views.report_page, name="report"),
    path("berichte/export.<slug:fmt>", staff_views.report_export, name="export"),
]
