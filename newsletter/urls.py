from django.urls import path

from newsletter import feeds, views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", views.archive, name="archive"),
    path("newsletter/feed.atom", feeds.IssuesFeed(), name="atom"),
    path("newsletter/anmelden/", views.signup, name="signup"),
    path("newsletter/anmelden/danke/", views.signed_up, name="signed_up"),
    path("newsletter/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/abo/<str:token>/", views.manage, name="manage"),
    path("newsletter/abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/<slug:slug>/", views.issue, name="issue"),
    path("newsletter/<slug:slug>/pdf/", views.pdf, name="pdf"),
]
