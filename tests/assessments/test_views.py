"""Carers' assessments through the views: sections, the eligibility decision, sign-off and the letter."""

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments import eligibility
from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.audit.models import AccessEvent, AccessPart
from tests.assessments.steps import (
    england_eligibility,
    fill_every_section,
    save,
    start,
    submit_and_decide,
    welsh_eligibility,
)
from tests.pages import Page


# --- Starting --------------------------------------------------------------------------


def test_the_law_applied_follows_the_assessing_councils_nation(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    assert assessment.nation == "england"
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.contact is not None, "the first contact is kept, to count time from contact to assessment"
    assert Event.objects.filter(kind=EventKind.ASSESSMENT_STARTED, person=carer).count() == 1


def test_a_welsh_council_assesses_under_the_welsh_act(practitioner, carer, welsh_council):
    assessment = start(practitioner, carer, welsh_council)
    page = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert assessment.nation == "wales"
    assert "Social Services and Well-being (Wales) Act 2014, section 24" in page.text


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.COMMISSIONER, Role.PARTNER_WORKER, Role.ADMINISTRATOR])
def test_only_practitioners_and_managers_start_assessments(client_for, role, carer, english_council):
    client = client_for(role)
    response = client.post(
        f"/assessments/new/{carer.pk}/", {"assessment_type": "carer", "assessing_organisation": english_council.pk}
    )
    assert response.status_code in (403, 404)
    assert not Assessment.objects.exists()


def test_choosing_no_council_is_an_error_on_the_field(practitioner, carer):
    response = practitioner.post(f"/assessments/new/{carer.pk}/", {"assessment_type": "carer"})
    assert response.status_code == 200
    assert Page(response).error_for("assessing_organisation") == "Choose the assessing council"


# --- Sections -----------------------------------------------------------------------------


def test_sections_are_saved_and_shown(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    save(practitioner, assessment, "views", {"carer_views": "I never get a night off", "participants": "Eira and her son"})
    page = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert "I never get a night off" in page.text
    assert "Eira and her son" in page.text


def test_oversized_text_is_an_error_on_the_field_not_a_crash(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    response = save(practitioner, assessment, "outcomes", {"outcomes_wanted": "x" * 5001})
    assert response.status_code == 200
    assert Page(response).error_for("outcomes_wanted")
    assessment.refresh_from_db()
    assert assessment.outcomes_wanted == ""


def test_every_wellbeing_area_of_the_nation_must_be_answered(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    response = save(practitioner, assessment, "wellbeing", {"health_impact": "significant"})
    assert response.status_code == 200
    errors = Page(response).field_errors()
    assert "dignity_impact" in errors and "health_impact" not in errors


def test_two_people_editing_the_same_section_cannot_overwrite_each_other(practitioner, carer, english_council, make_user, client):
    assessment = start(practitioner, carer, english_council)
    opened_version = assessment.version
    first = practitioner.post(
        f"/assessments/{assessment.pk}/outcomes/", {"outcomes_wanted": "First editor", "version": opened_version}
    )
    assert first.status_code == 302

    second = practitioner.post(
        f"/assessments/{assessment.pk}/outcomes/", {"outcomes_wanted": "Second editor", "version": opened_version}
    )

    assert second.status_code == 200
    assert "Somebody else changed this record" in " ".join(Page(second).error_summary)
    assessment.refresh_from_db()
    assert assessment.outcomes_wanted == "First editor"


def test_eligibility_answers_are_kept_and_the_missing_ones_listed(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    save(practitioner, assessment, "eligibility", {"cared_for": "adult", "needs_arise_from_providing_care": "yes"})
    assessment.refresh_from_db()
    assert assessment.eligibility_answers["cared_for"] == "adult"
    assert assessment.eligibility_answers["provides_necessary_care"] is None
    page = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert "Not enough information to propose a decision yet" in page.text
    assert "whether the care you give is necessary" in page.text


def test_an_assessment_with_sections_missing_cannot_be_submitted(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    response = practitioner.post(f"/assessments/{assessment.pk}/submit/", {"version": assessment.version}, follow=True)
    assert "This cannot be done yet" in Page(response).text
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


# --- Decision ----------------------------------------------------------------------------------


def test_one_outcome_achieved_only_with_significant_distress_makes_an_english_carer_eligible(
    practitioner, carer, english_council
):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(
        practitioner,
        assessment,
        england_eligibility(struggling=("england.nutrition", "with_significant_pain_distress_anxiety")),
    )

    assessment = submit_and_decide(practitioner, assessment)

    assert assessment.status == AssessmentStatus.COMPLETED
    assert assessment.eligible is True
    assert assessment.rule_version == eligibility.CURRENT_RULE_VERSIONS[eligibility.Nation.ENGLAND]
    page = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert "Eligible" in page.text
    assert "regulation 3(1)(a)" in page.text
    decided = Event.objects.get(kind=EventKind.ASSESSMENT_DECIDED, person=carer)
    assert decided.data["eligible"] is True
    completed = Event.objects.get(kind=EventKind.ASSESSMENT_COMPLETED, person=carer)
    assert completed.data["days_from_contact"] == 0


def test_taking_longer_is_not_being_unable_for_a_carer_in_england(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(
        practitioner, assessment, england_eligibility(struggling=("england.nutrition", "takes_significantly_longer"))
    )
    assessment = submit_and_decide(practitioner, assessment)
    assert assessment.eligible is False
    letter = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))
    assert "section 13(5)" in letter.text, "the advice the law requires when needs are not eligible"


def test_a_stored_decision_reads_the_same_after_the_rules_change(practitioner, carer, english_council, monkeypatch):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility(struggling=("england.nutrition", "no")))
    assessment = submit_and_decide(practitioner, assessment)
    stored_explanation = assessment.decision["explanation"]

    def changed_rules(answers, rule_version=None):
        raise AssertionError("a made decision must not be worked out again")

    monkeypatch.setattr(eligibility, "decide", changed_rules)
    monkeypatch.setitem(eligibility.MESSAGES, "decision.england.eligible", "Wording of a later year")
    assert Page(practitioner.get(f"/assessments/{assessment.pk}/")).heading  # shown without deciding again
    # The letter is the record given to the carer: in English it is the stored English, word for word.
    letter = Page(practitioner.get(f"/assessments/{assessment.pk}/letter/"))
    assert stored_explanation in letter.text
    assert "Wording of a later year" not in letter.text


def test_the_letter_is_a_pdf_and_its_viewing_is_logged(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility(struggling=("england.nutrition", "no")))
    assessment = submit_and_decide(practitioner, assessment)

    response = practitioner.get(f"/assessments/{assessment.pk}/letter.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.DECISION_LETTER).exists()


def test_there_is_no_letter_before_a_decision(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    assert practitioner.get(f"/assessments/{assessment.pk}/letter/").status_code == 404


def test_a_submitted_assessment_cannot_be_changed(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility(struggling=("england.nutrition", "no")))
    assessment.refresh_from_db()
    practitioner.post(f"/assessments/{assessment.pk}/submit/", {"version": assessment.version})

    response = save(practitioner, assessment, "outcomes", {"outcomes_wanted": "Changed after submitting"})

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.outcomes_wanted == "One night's sleep a week"


# --- Sign-off ------------------------------------------------------------------------------------


@pytest.fixture
def decided_in_wales(practitioner, carer, welsh_council):
    assessment = start(practitioner, carer, welsh_council)
    fill_every_section(practitioner, assessment, welsh_eligibility())
    return submit_and_decide(practitioner, assessment)


def test_a_council_that_requires_sign_off_holds_the_decision_for_a_manager(decided_in_wales):
    assert decided_in_wales.status == AssessmentStatus.DECIDED
    assert decided_in_wales.eligible is True, "taking much longer counts as being unable in Wales"
    assert not Event.objects.filter(kind=EventKind.ASSESSMENT_COMPLETED).exists()


def test_a_manager_of_the_deciding_council_signs_it_off(decided_in_wales, client_for):
    manager = client_for(Role.TEAM_MANAGER, organisation="council")
    manager.post(f"/assessments/{decided_in_wales.pk}/sign-off/", {"version": decided_in_wales.version})
    decided_in_wales.refresh_from_db()
    assert decided_in_wales.status == AssessmentStatus.COMPLETED
    assert decided_in_wales.signed_off_by == manager.user
    assert Event.objects.filter(kind=EventKind.ASSESSMENT_COMPLETED).count() == 1


def test_a_manager_of_another_organisation_cannot_sign_it_off(decided_in_wales, client_for):
    manager = client_for(Role.TEAM_MANAGER, organisation="centre")
    response = manager.post(f"/assessments/{decided_in_wales.pk}/sign-off/", {"version": decided_in_wales.version})
    assert response.status_code == 403
    decided_in_wales.refresh_from_db()
    assert decided_in_wales.status == AssessmentStatus.DECIDED
    queue = Page(manager.get("/assessments/"))
    assert f"/assessments/{decided_in_wales.pk}/" not in queue.links()


def test_the_practitioner_cannot_sign_off_their_own_decision(decided_in_wales, practitioner):
    response = practitioner.post(f"/assessments/{decided_in_wales.pk}/sign-off/", {"version": decided_in_wales.version})
    assert response.status_code == 403


def test_returning_to_the_assessor_clears_the_decision(decided_in_wales, client_for):
    manager = client_for(Role.TEAM_MANAGER, organisation="council")
    manager.post(f"/assessments/{decided_in_wales.pk}/return/", {"version": decided_in_wales.version})
    decided_in_wales.refresh_from_db()
    assert decided_in_wales.status == AssessmentStatus.DRAFT
    assert decided_in_wales.decision is None and decided_in_wales.eligible is None


def test_a_stale_sign_off_changes_nothing(decided_in_wales, client_for):
    manager = client_for(Role.TEAM_MANAGER, organisation="council")
    response = manager.post(
        f"/assessments/{decided_in_wales.pk}/sign-off/", {"version": decided_in_wales.version - 1}, follow=True
    )
    assert "Somebody else changed this assessment" in Page(response).text
    decided_in_wales.refresh_from_db()
    assert decided_in_wales.status == AssessmentStatus.DECIDED
