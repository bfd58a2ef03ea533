from django.urls import path

from training_requests import views

app_name = "training_requests"

urlpatterns = [
    path("schulung-anfragen/", views.request_form, name="request"),
    path("schulung-anfragen/gesendet/", views.sent, name="sent"),
    path("schulung-anfragen/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("schulung-anfragen/anfrage/<str:token>/", views.personal, name="personal"),
    path("schulung-anfragen/anfrage/<str:token>/zurueckziehen/", views.withdraw, name="withdraw"),
]
