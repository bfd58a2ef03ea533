from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/<str:token>/", views.survey, name="survey"),
    path("team/feedback/", views.period_results, name="period_results"),
    path("team/veranstaltungen/<int:pk>/feedback/", views.event_results, name="event_results"),
    path("team/veranstaltungen/<int:pk>/feedback/einladen/", views.invite, name="invite"),
]
