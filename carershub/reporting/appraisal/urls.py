from django.urls import path

from carershub.reporting.appraisal import views

app_name = "appraisal"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.change, name="change"),
    path("<int:pk>/print/", views.printable, name="print"),
    path("<int:pk>/download.<str:fmt>", views.download, name="download"),
    path("<int:pk>/criteria/new/", views.new_criterion, name="new_criterion"),
    path("<int:pk>/criteria/<int:criterion_pk>/", views.change_criterion, name="change_criterion"),
    path("<int:pk>/options/new/", views.new_option, name="new_option"),
    path("<int:pk>/options/<int:option_pk>/", views.change_option, name="change_option"),
]
