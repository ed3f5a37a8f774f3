from django.urls import path

from carershub.assessments import figures_views

app_name = "figures"
urlpatterns = [
    path("", figures_views.figures, name="index"),
    path("assessment-figures.csv", figures_views.figures_csv, name="csv"),
]
