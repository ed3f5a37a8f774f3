from django.urls import path

from carershub.casework import views

app_name = "casework"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("concerns/", views.concerns, name="concerns"),
    path("notes/new/<int:person_pk>/", views.new_note, name="new_note"),
    path("notes/<int:pk>/", views.note, name="note"),
    path("tasks/new/", views.new_task, name="new_task"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("tasks/<int:pk>/done/", views.complete_task, name="complete_task"),
    path("tasks/<int:pk>/reassign/", views.reassign_task, name="reassign_task"),
    path("alerts/new/<int:person_pk>/", views.new_alert, name="new_alert"),
    path("alerts/person/<int:person_pk>/", views.person_alerts, name="person_alerts"),
    path("alerts/<int:pk>/", views.alert, name="alert"),
    path("alerts/<int:pk>/decision/", views.decide, name="decide"),
    path("alerts/<int:pk>/end/", views.end_alert, name="end_alert"),
]
