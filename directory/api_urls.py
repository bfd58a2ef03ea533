"""The read-only HSDS 3.0 API, outside the language prefix (/api/hsds/…)."""

from django.urls import path

from directory import api

app_name = "hsds_api"

urlpatterns = [
    path("", api.meta, name="meta"),
    path("services", api.services, name="services"),
    path("services/<str:pk>", api.service, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:pk>", api.organization, name="organization"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:pk>", api.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", api.taxonomy_term, name="taxonomy_term"),
]
