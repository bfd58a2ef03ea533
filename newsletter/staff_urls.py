"""The team's newsletter pages, mounted under /team/ by the back office (namespace `newsletter_staff`)."""

from django.urls import path

from newsletter import staff_views

app_name = "newsletter_staff"

urlpatterns = [
    path("newsletter/", staff_views.overview, name="overview"),
    path("newsletter/ausgaben/neu/", staff_views.issue_edit, name="issue_create"),
    path("newsletter/ausgaben/<int:pk>/", staff_views.issue_edit, name="issue_edit"),
    path("newsletter/ausgaben/<int:pk>/versand/", staff_views.send, name="send"),
    path("newsletter/versand/<int:pk>/", staff_views.sending, name="sending"),
]
