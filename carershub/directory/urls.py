from django.urls import path

from carershub.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("services/<uuid:pk>/", views.service, name="service"),
    path("services/<uuid:pk>/propose/", views.propose, name="propose_change"),
    path("services/propose/", views.propose, name="propose_service"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("import/", views.import_feed, name="import"),
]
