"""The Open Referral UK 3.0 API over the directory: public and read-only (decision 35)."""

from django.urls import path, re_path

from carershub.directory.oruk import views

app_name = "oruk"

urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("services", views.services, name="services"),
    path("services/<str:id>", views.service, name="service"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>", views.service_at_location, name="service_at_location"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term, name="taxonomy_term"),
    # Anything else under /oruk/ answers 404 as JSON, with the CORS header, like the rest (unnamed: not a page).
    re_path(r"^(?P<rest>.+)$", views.not_found),
]
