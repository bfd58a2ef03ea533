"""The team's moderation of the board, mounted under /team/ by the back office (namespace `board_staff`)."""

from django.urls import path

from board import staff_views

app_name = "board_staff"

urlpatterns = [
    path("suche-biete/", staff_views.queue, name="queue"),
    path("suche-biete/<int:pk>/", staff_views.review, name="review"),
]
