from django.urls import path

from carershub.api import views

app_name = "api"
urlpatterns = [
    path("health/", views.ApiHealthView.as_view(), name="health"),
]
