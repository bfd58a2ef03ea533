"""The multiplier programme's team pages, mounted under /team/ (namespace `multipliers_staff`)."""

from django.urls import path

from multipliers import staff_views

app_name = "multipliers_staff"

urlpatterns = [
    path("veranstaltungen/<int:pk>/kohorte/", staff_views.cohort, name="cohort"),
    path("veranstaltungen/<int:pk>/kohorte.pdf", staff_views.cohort_pdf, name="cohort_pdf"),
    path("veranstaltungen/<int:pk>/kohorte.xlsx", staff_views.cohort_xlsx, name="cohort_xlsx"),
    path("veranstaltungen/<int:pk>/abschlussregel/", staff_views.rule, name="rule"),
    path("veranstaltungen/<int:pk>/zertifikate/", staff_views.certificates, name="certificates"),
    path("veranstaltungen/<int:pk>/kohorte/<int:registration_pk>/einladen/", staff_views.invite, name="invite"),
    path("beratungen/", staff_views.log_totals, name="log_totals"),
]
