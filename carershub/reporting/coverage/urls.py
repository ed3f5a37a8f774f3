from django.urls import path

from carershub.reporting.coverage import views

app_name = "coverage"
urlpatterns = [
    path("", views.index, name="index"),
    path("download.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("download.xlsx", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("import/", views.upload, name="upload"),
]
