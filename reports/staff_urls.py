"""The report pages, mounted under /team/ (namespace `reports_staff`)."""

from django.urls import path

from reports import staff_views

app_name = "reports_staff"

urlpatterns = [
    path("berichte/", staff_views.report_page, name="report"),
    # One path per format, without a parameter: the exports read the same query as the page.
    path("berichte/export.pdf", staff_views.report_export, {"fmt": "pdf"}, name="export_pdf"),
    path("berichte/export.xlsx", staff_views.report_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("berichte/export.csv", staff_views.report_export, {"fmt": "csv"}, name="export_csv"),
]
