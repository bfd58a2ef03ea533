from django.urls import path

from network import staff_views, views

app_name = "network"

urlpatterns = [
    path("initiativen/", views.initiative_list, name="list"),
    path("initiativen/karte/", views.initiative_map, name="initiative_map"),
    path("initiativen/vorschlagen/", views.propose, name="propose"),
    path("initiativen/vorschlagen/danke/", views.proposed, name="proposed"),
    path("initiativen/verwaltung/", staff_views.review_list, name="staff_list"),
    path("initiativen/verwaltung/<int:pk>/", staff_views.edit, name="staff_edit"),
    path("initiativen/verwaltung/<int:pk>/pruefen/", staff_views.review, name="staff_review"),
    path("initiativen/<slug:slug>/", views.detail, name="detail"),
    path("initiativen/<slug:slug>/nachricht-gesendet/", views.contact_sent, name="contact_sent"),
]
