from django.urls import path

from mail import views

app_name = "mail"

urlpatterns = [
    path("_dev/mails/", views.dev_mail_list, name="dev_list"),
    path("_dev/mails/<str:name>/", views.dev_mail_detail, name="dev_detail"),
    path("_dev/mails/<str:name>/anhang/<int:number>/", views.dev_mail_attachment, name="dev_attachment"),
]
