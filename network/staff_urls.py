"""The team's review of initiatives, mounted under /team/ by the back office (namespace `network_staff`)."""

from django.urls import path

from network import staff_views

app_name = "network_staff"

urlpatterns = [
    path("initiativen/", staff_views.review_list, name="list"),
    path("initiativen/<int:pk>/", staff_views.edit, name="edit"),
    path("initiativen/<int:pk>/pruefen/", staff_views.review, name="review"),
]
