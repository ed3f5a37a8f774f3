from django.urls import path

from carershub.support.payments import views

app_name = "payments"
urlpatterns = [
    path("council/", views.council, name="council"),
    path("council/due.csv", views.export_due, name="export"),
    path("carer/<int:person_pk>/", views.for_carer, name="for_carer"),
    path("carer/<int:person_pk>/new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pay/", views.pay, name="pay"),
    path("<int:pk>/return/", views.add_return, name="add_return"),
    path("<int:pk>/recover/", views.recover, name="recover"),
    path("<int:pk>/end/", views.end, name="end"),
]
