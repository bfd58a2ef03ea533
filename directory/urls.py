from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("wegweiser/", views.search, name="search"),
    path("wegweiser/landkreise/", views.overview, name="overview"),
    path("wegweiser/angebote/<uuid:pk>/", views.service, name="service"),
    path("wegweiser/angebote/<uuid:pk>/nachricht-gesendet/", views.service_contact_sent, name="service_contact_sent"),
]
