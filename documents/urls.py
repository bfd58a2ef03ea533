from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("anmeldung/<str:token>/bescheinigung/<int:booking_id>.pdf", views.my_certificate, name="my_certificate"),
]
