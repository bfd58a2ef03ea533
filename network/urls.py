from django.urls import path

from core.redirects import moved
from network import views

app_name = "network"

urlpatterns = [
    path("initiativen/", views.initiative_list, name="list"),
    path("initiativen/karte/", views.initiative_map, name="initiative_map"),
    path("initiativen/vorschlagen/", views.propose, name="propose"),
    path("initiativen/vorschlagen/danke/", views.proposed, name="proposed"),
    # The review moved to /team/initiativen/ (network/staff_urls.py); old links keep working.
    path("initiativen/verwaltung/", moved("network_staff:list")),
    path("initiativen/verwaltung/<int:pk>/", moved("network_staff:edit", keep_method=True)),
    path("initiativen/verwaltung/<int:pk>/pruefen/", moved("network_staff:review", keep_method=True)),
    path("initiativen/<slug:slug>/", views.detail, name="detail"),
    path("initiativen/<slug:slug>/nachricht-gesendet/", views.contact_sent, name="contact_sent"),
]
