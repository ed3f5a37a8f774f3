from django.urls import path

from carershub.providers.mix import views

app_name = "providermix"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("download/", views.overview_csv, name="overview_csv"),
    path("table/", views.table, name="table"),
    path("table/download/", views.table_csv, name="table_csv"),
    path("returns/new/", views.new_return, name="new_return"),
    path("returns/<int:pk>/", views.change_return, name="change_return"),
]
