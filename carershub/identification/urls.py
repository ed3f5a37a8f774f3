from django.urls import path

from carershub.identification import views

app_name = "identification"

urlpatterns = [
    path("", views.settings_list, name="settings"),
    path("new/", views.new_setting, name="new_setting"),
    path("<int:pk>/", views.setting, name="setting"),
    path("<int:pk>/edit/", views.edit_setting, name="edit_setting"),
    path("<int:pk>/engagement/new/", views.new_engagement, name="new_engagement"),
    path("<int:pk>/champions/new/", views.new_champion, name="new_champion"),
    path("champions/<int:pk>/", views.edit_champion, name="edit_champion"),
    path("training/", views.training_list, name="trainings"),
    path("training/new/", views.new_training, name="new_training"),
    path("training/<int:pk>/", views.training, name="training"),
]
