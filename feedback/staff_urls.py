"""Survey results and invitations for the team, mounted under /team/ by the back office (namespace `feedback_staff`)."""

from django.urls import path

from feedback import views

app_name = "feedback_staff"

urlpatterns = [
    path("feedback/", views.period_results, name="period_results"),
    path("veranstaltungen/<int:pk>/feedback/", views.event_results, name="event_results"),
    path("veranstaltungen/<int:pk>/feedback/einladen/", views.invite, name="invite"),
]
