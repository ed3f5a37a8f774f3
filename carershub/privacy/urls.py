"""Privacy: the public privacy notice, and the team managers' data-rights and retention pages."""

from django.urls import path

from carershub.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("requests/", views.queue, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/update/", views.update_request, name="update_request"),
    path("requests/<int:pk>/subject-access/", views.subject_access_download, name="subject_access"),
    path("people/<int:pk>/requests/new/", views.new_request, name="new_request"),
    path("people/<int:pk>/erase/", views.erase, name="erase"),
    path("retention/", views.retention_queue, name="retention"),
    path("retention/<int:pk>/", views.retention_decision, name="retention_decision"),
]
