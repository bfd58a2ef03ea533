from django.urls import path

from board import views
from board.feeds import PostsFeed

app_name = "board"

urlpatterns = [
    path("suche-biete/", views.post_list, name="list"),
    path("suche-biete/feed.atom", PostsFeed(), name="atom"),
    path("suche-biete/eintragen/", views.create, name="create"),
    path("suche-biete/eintragen/gesendet/", views.created, name="created"),
    path("suche-biete/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("suche-biete/link/", views.new_link, name="new_link"),
    path("suche-biete/link/gesendet/", views.new_link_sent, name="new_link_sent"),
    path("suche-biete/geloescht/", views.deleted, name="deleted"),
    path("suche-biete/mein-beitrag/<str:token>/", views.personal, name="personal"),
    path("suche-biete/mein-beitrag/<str:token>/aendern/", views.edit, name="edit"),
    path("suche-biete/mein-beitrag/<str:token>/verlaengern/", views.renew, name="renew"),
    path("suche-biete/mein-beitrag/<str:token>/erledigt/", views.done, name="done"),
    path("suche-biete/mein-beitrag/<str:token>/loeschen/", views.delete, name="delete"),
    path("suche-biete/benachrichtigung/", views.alert, name="alert"),
    path("suche-biete/benachrichtigung/gesendet/", views.alert_sent, name="alert_sent"),
    path("suche-biete/benachrichtigung/bestaetigen/<str:token>/", views.alert_confirm, name="alert_confirm"),
    path("suche-biete/benachrichtigung/abbestellen/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
    path("suche-biete/<int:pk>/", views.detail, name="detail"),
    path("suche-biete/<int:pk>/nachricht-gesendet/", views.contact_sent, name="contact_sent"),
    path("suche-biete/<int:pk>/melden/", views.report, name="report"),
]
