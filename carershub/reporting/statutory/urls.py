from django.urls import path

from carershub.reporting.statutory import views

app_name = "statutory"
urlpatterns = [
    path("", views.index, name="index"),
    path("client-level-data.csv", views.cld_csv, name="cld_csv"),
    path("client-level-data-problems.csv", views.problems_csv, name="problems_csv"),
    # One name per format, so the routes carry no value that could name a record (the route matrix).
    path("lts003.csv", views.lts003_download, {"fmt": "csv"}, name="lts003_csv"),
    path("lts003.xlsx", views.lts003_download, {"fmt": "xlsx"}, name="lts003_xlsx"),
    path("welsh-measures.csv", views.welsh_download, {"fmt": "csv"}, name="welsh_csv"),
    path("welsh-measures.xlsx", views.welsh_download, {"fmt": "xlsx"}, name="welsh_xlsx"),
]
