"""The team's knowledge-base pages, mounted under /team/ by the back office (namespace `knowledge_staff`)."""

from django.urls import path

from knowledge import staff_views

app_name = "knowledge_staff"

urlpatterns = [
    path("wissen/", staff_views.article_list, name="article_list"),
    path("wissen/neu/", staff_views.article_form, name="article_create"),
    path("wissen/<int:article_pk>/", staff_views.article_form, name="article_edit"),
    path("wissen/<int:article_pk>/status/", staff_views.article_status, name="article_status"),
    path("wissen/<int:article_pk>/geprueft/", staff_views.article_reviewed, name="article_reviewed"),
    path("wissen/<int:article_pk>/dateien/", staff_views.downloads, name="downloads"),
    path(
        "wissen/<int:article_pk>/dateien/<int:download_pk>/entfernen/",
        staff_views.download_remove,
        name="download_remove",
    ),
    path("wissen/<int:article_pk>/fassungen/", staff_views.revisions, name="revisions"),
    path("wissen/<int:article_pk>/fassungen/<int:number>/", staff_views.revision, name="revision"),
    path(
        "wissen/<int:article_pk>/fassungen/<int:number>/wiederherstellen/",
        staff_views.revision_restore,
        name="revision_restore",
    ),
]
