from django.urls import include, path

from carershub.accounts import views

urlpatterns = [
    path("settings/", views.account_settings, name="account_settings"),
    path("", include("allauth.urls")),
]
