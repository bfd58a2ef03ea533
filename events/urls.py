from django.urls import path

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("veranstaltungen/", views.catalogue, name="catalogue"),
    path("veranstaltungen/archiv/", views.archive, name="archive"),
    path("veranstaltungen/kalender.ics", views.catalogue_ics, name="catalogue_ics"),
    path("veranstaltungen/feed.atom", feeds.UpcomingOffersFeed(), name="atom"),
    path("veranstaltungen/<slug:slug>/", views.detail, name="detail"),
    path("veranstaltungen/<slug:slug>/kalender.ics", views.event_ics, name="event_ics"),
    path("veranstaltungen/<slug:slug>/material/<int:pk>/", views.material, name="material"),
    path("karte/", views.offers_map_page, name="map"),
]
