from django.urls import path

from carershub.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.team_queue, name="queue"),
    path("young-carers-turning-18/", views.transitions, name="transitions"),
    path("new/<int:person_pk>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/submit/", views.change_state, {"action": "submit"}, name="submit"),
    path("<int:pk>/decide/", views.change_state, {"action": "decide"}, name="decide"),
    path("<int:pk>/sign-off/", views.change_state, {"action": "sign_off"}, name="sign_off"),
    path("<int:pk>/return/", views.change_state, {"action": "return_to_draft"}, name="return_to_draft"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/<slug:section>/", views.edit_section, name="edit_section"),
]
