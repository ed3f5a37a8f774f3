from django.urls import path

from carershub.reporting.survey import views

app_name = "survey"
urlpatterns = [
    path("", views.index, name="index"),
    path("download.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("download.xlsx", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("returns/new/", views.new_return, name="new_return"),
    path("returns/load/", views.upload, name="upload"),
]
