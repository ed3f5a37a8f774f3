from django.urls import path

from carershub.signposting import views

app_name = "signposting"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("carer/<int:person_pk>/", views.for_person, name="for_person"),
]
