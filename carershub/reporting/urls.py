from django.urls import path

from carershub.reporting import views

app_name = "figures"
urlpatterns = [
    path("", views.figures, name="index"),
    path("assessment-figures.csv", views.figures_csv, name="csv"),
]
