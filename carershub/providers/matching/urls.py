from django.urls import path

from carershub.providers.matching import views

app_name = "matching"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/<int:person_pk>/", views.new, name="new"),
    path("<int:pk>/", views.request_page, name="request"),
    path("<int:pk>/introduce/", views.introduce, name="introduce"),
    path("<int:pk>/close/", views.close, name="close"),
    path("introductions/<int:pk>/outcome/", views.outcome, name="outcome"),
]
