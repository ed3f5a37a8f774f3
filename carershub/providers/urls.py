from django.urls import path

from carershub.providers import views

app_name = "providers"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.new_provider, name="new"),
    path("reminders/", views.reminders, name="reminders"),
    path("<int:pk>/", views.provider_page, name="provider"),
    path("<int:pk>/edit/", views.edit_provider, name="edit"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/workers/new/", views.new_worker, name="new_worker"),
    path("<int:pk>/workers/<int:worker_pk>/left/", views.worker_left, name="worker_left"),
    path("<int:pk>/checklist/", views.checklist_page, name="checklist"),
    path("<int:pk>/checklist/<str:item>/", views.record_check, name="record_check"),
    path("<int:pk>/registration/new/", views.new_registration, name="new_registration"),
    path("registration/<int:pk>/decide/", views.decide_registration, name="decide_registration"),
    path("<int:pk>/advice/new/", views.new_advice, name="new_advice"),
]
