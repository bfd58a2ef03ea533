from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("wissen/", views.article_list, name="list"),
    path("wissen/<slug:slug>/", views.article, name="article"),
    path("wissen/<slug:slug>/datei/<int:pk>/", views.download, name="download"),
]
