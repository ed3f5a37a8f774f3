"""Self-assessment URLs: the public pages and the staff pages, kept apart.

The public list needs no sign-in and never shows anything already held; the staff list is
for signed-in workers with the permission to review what carers sent.
"""

from django.urls import path

from carershub.selfassessment import views

app_name = "self_assessment"

public_urlpatterns = [
    path("", views.start, name="start"),
    path("where-you-live/", views.where, name="where"),
    path("questions/", views.questions, name="questions"),
    path("sent/", views.sent, name="sent"),
]

staff_urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/<int:pk>/discard/", views.discard, name="discard"),
]

urlpatterns = public_urlpatterns + staff_urlpatterns
