"""Self-assessment: public pages for carers (no sign-in) and the staff review pages."""

from django.urls import path

from carershub.assessments import self_views

app_name = "self_assessment"
urlpatterns = [
    # Public: anybody may fill these in; nothing already held is ever shown.
    path("", self_views.start, name="start"),
    path("where-you-live/", self_views.where, name="where"),
    path("questions/", self_views.questions, name="questions"),
    path("sent/", self_views.sent, name="sent"),
    # Staff: signed in, with permission to change assessments.
    path("review/", self_views.queue, name="queue"),
    path("review/<int:pk>/", self_views.review, name="review"),
]
