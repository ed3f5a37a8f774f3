from django.urls import path

from carershub.providers.arrangements import views

app_name = "arrangements"
urlpatterns = [
    path("provider/<int:provider_pk>/", views.for_provider, name="for_provider"),
    path("new/<int:person_pk>/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.change, name="change"),
    path("<int:pk>/end/", views.end, name="end"),
]
