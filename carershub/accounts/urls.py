from django.urls import include, path

from carershub.accounts import views

urlpatterns = [
    path("settings/", views.account_settings, name="account_settings"),
    # Under /accounts/ so it works on every page, the sign-in and authenticator set-up included.
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    path("", include("allauth.urls")),
]
