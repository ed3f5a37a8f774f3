from django.urls import path

from carershub.reporting.actionplans import views

app_name = "actionplans"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.change, name="change"),
    path("<int:pk>/priorities/new/", views.new_priority, name="new_priority"),
    path("<int:pk>/workstreams/new/", views.new_workstream, name="new_workstream"),
    path("<int:pk>/actions/new/", views.new_action, name="new_action"),
    path("<int:pk>/actions/<int:action_pk>/", views.change_action, name="change_action"),
    path("<int:pk>/highlight-report/", views.highlight, name="highlight"),
    path("<int:pk>/highlight-report.<str:fmt>", views.highlight_download, name="highlight_download"),
]
