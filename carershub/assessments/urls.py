from django.urls import path

from carershub.assessments.views import assessing, letters

app_name = "assessments"
urlpatterns = [
    path("", assessing.team_queue, name="queue"),
    path("young-carers-turning-18/", assessing.transitions, name="transitions"),
    path("new/<int:person_pk>/", assessing.start, name="start"),
    path("<int:pk>/", assessing.detail, name="detail"),
    path("<int:pk>/submit/", assessing.change_state, {"action": "submit"}, name="submit"),
    path("<int:pk>/decide/", assessing.decide, name="decide"),
    path("<int:pk>/sign-off/", assessing.change_state, {"action": "sign_off"}, name="sign_off"),
    path("<int:pk>/return/", assessing.change_state, {"action": "return_to_draft"}, name="return_to_draft"),
    # Letters and copies (views/letters.py)
    path("<int:pk>/letter/", letters.letter, name="letter"),
    path("<int:pk>/letter.pdf", letters.letter_pdf, name="letter_pdf"),
    path("<int:pk>/letter/issue/", letters.issue_letter, name="issue_letter"),
    path("<int:pk>/record/", letters.record, name="record"),
    path("<int:pk>/record.pdf", letters.record_pdf, name="record_pdf"),
    path("<int:pk>/record/give/", letters.give_record, name="give_record"),
    # Sections last: their slug would otherwise catch the paths above.
    path("<int:pk>/<slug:section>/", assessing.edit_section, name="edit_section"),
]
