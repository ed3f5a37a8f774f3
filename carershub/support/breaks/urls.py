from django.urls import path

from carershub.support.breaks import views

app_name = "breaks"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("carer/<int:person_pk>/", views.for_carer, name="for_carer"),
    path("carer/<int:person_pk>/grant/", views.grant, name="grant"),
    path("allowance/<int:pk>/book/", views.new_booking, name="new_booking"),
    path("allowance/<int:pk>/adjust/", views.adjust, name="adjust"),
    path("booking/<int:pk>/", views.booking, name="booking"),
    path("booking/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("booking/<int:pk>/deliver/", views.deliver, name="deliver"),
    path("booking/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("booking/<int:pk>/no-show/", views.no_show, name="no_show"),
]
