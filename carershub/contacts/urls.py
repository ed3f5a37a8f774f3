from django.urls import path

from carershub.contacts import views

app_name = "contacts"
urlpatterns = [
    path("", views.contact_list, name="list"),
    path("new/", views.new_contact, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/link/", views.link, name="link"),
    path("<int:pk>/new-carer/", views.new_carer, name="new_carer"),
]
