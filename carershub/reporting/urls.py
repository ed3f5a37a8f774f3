from django.urls import path

from carershub.reporting import views

app_name = "figures"
urlpatterns = [
    path("", views.figures, name="index"),
    path("assessment-figures.csv", views.figures_csv, name="csv"),
    path("assessment-figures.xlsx", views.figures_download, {"fmt": "xlsx"}, name="xlsx"),
    path("activity/", views.activity_page, name="activity"),
    path("activity/activity-figures.csv", views.activity_download, {"fmt": "csv"}, name="activity_csv"),
    path("activity/activity-figures.xlsx", views.activity_download, {"fmt": "xlsx"}, name="activity_xlsx"),
    path("activity/events/", views.activity_events, name="events"),
]
