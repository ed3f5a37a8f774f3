"""The right law for each carer, every matter before a decision, and a decision a professional makes
and a second person checks: through the views."""

from datetime import date, timedelta

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments import services
from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.audit.models import AccessEvent, AccessPart
from carershub.core.ukdata import years_before
from carershub.people.models import CaringRelationship, Person
from tests.assessments.steps import (
    england_eligibility,
    fill_every_section,
    matters_data,
    save,
    start,
    welsh_eligibility,
)
from tests.pages import Page


def aged(years, days=30):
    return years_before(date.today(), years) - timedelta(days=days)


def cares_for(carer, relationship="parent", *, age=45, conditions=()):
    cared = Person.objects.create(given_name="Cared", family_name="For", date_of_birth=aged(age), area=carer.area)
    CaringRelationship.objects.create(
        carer=carer, cared_for=cared, relationship=relationship, condition_groups=list(conditions)
    )
    return cared


def start_covering(client, carer, council, cared, assessment_type="carer"):
    response = client.post(
        f"/assessments/new/{carer.pk}/",
        {"assessment_type": assessment_type, "assessing_organisation": council.pk, "cared_for": [cared.pk]},
    )
    assert response.status_code == 302, Page(response).error_summary
    return Assessment.objects.get(carer=carer)


def submit(client, assessment):
    assessment.refresh_from_db()
    return client.post(f"/assessments/{assessment.pk}/submit/", {"version": assessment.version}, follow=True)


def decide(client, assessment, data):
    assessment.refresh_from_db()
    return client.post(f"/assessments/{assessment.pk}/decide/", {"version": assessment.version, **data})


def fill_without_eligibility(client, assessment):
    for section, data in (
        ("matters", matters_data(assessment)),
        ("caring", {"caring_role": "Gives her mother her medicines", "cared_for_needs": "Bipolar disorder"}),
        ("ability", {"able_to_care": "partly", "willing_to_care": "yes", "future_caring": "Unsure"}),
        ("outcomes", {"outcomes_wanted": "To be at school every day"}),
        ("wellbeing", {f"{code}_impact": "some" for code in assessment_wellbeing_areas(client, assessment)}),
        ("life", {"work_education_leisure": "Misses school on bad days"}),
        ("views", {"carer_views": "I want Mum to be OK", "participants": "The young carer and her mother"}),
    ):
        response = save(client, assessment, section, data)
        assert response.status_code == 302, (section, Page(response).field_errors())


def assessment_wellbeing_areas(client, assessment):
    page = Page(client.get(f"/assessments/{assessment.pk}/wellbeing/"))
    names = {node.attrs.get("name") or "" for node in page.find_all("input")}
    return sorted(name[: -len("_impact")] for name in names if name.endswith("_impact"))


# --- The right law for the right carer -----------------------------------------------------------


def test_a_young_carer_in_england_is_assessed_under_the_children_act_without_national_criteria(
    practitioner, make_carer, english_council
):
    young = make_carer(given="Kai", family="Young", dob=aged(14))
    young.carer.case_worker = practitioner.user
    young.carer.save()
    assessment = start_covering(practitioner, young, english_council, cares_for(young))

    assert assessment.framework == "young_carer"
    page = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert "Young carer's needs assessment" in page.text
    assert "Children Act 1989, sections 17ZA and 17ZB" in page.text
    # No national eligibility criteria: no eligibility questions to answer.
    assert practitioner.get(f"/assessments/{assessment.pk}/eligibility/").status_code == 404
    assert f"/assessments/{assessment.pk}/matters/" in page.links()


def test_a_parent_carer_of_a_disabled_child_in_england_has_the_parent_carer_assessment(
    practitioner, carer, english_council
):
    carer.carer.is_parent_carer = True
    carer.carer.save()
    assessment = start_covering(practitioner, carer, english_council, cares_for(carer, "child", age=8, conditions=["autism"]))
    assert assessment.framework == "parent_carer"
    assert "Children Act 1989, sections 17ZD and 17ZE" in Page(practitioner.get(f"/assessments/{assessment.pk}/")).text


def test_the_framework_is_chosen_again_while_a_draft_and_kept_once_submitted(practitioner, make_carer, english_council):
    teen = make_carer(given="Jo", family="Seventeen", dob=aged(17))
    teen.carer.case_worker = practitioner.user
    teen.carer.save()
    assessment = start_covering(practitioner, teen, english_council, cares_for(teen))
    assert assessment.framework == "young_carer"

    # The date of birth was wrong: they are 19. Saving any section chooses the law again.
    Person.objects.filter(pk=teen.pk).update(date_of_birth=aged(19))
    save(practitioner, assessment, "outcomes", {"outcomes_wanted": "Time to study"})
    assessment.refresh_from_db()
    assert assessment.framework == "adult_carer"


def test_a_welsh_young_carer_is_asked_their_parents_outcomes_and_no_adult_only_wellbeing_area(
    practitioner, make_carer, welsh_council
):
    young = make_carer(given="Osian", family="Ifanc", dob=aged(15))
    young.carer.case_worker = practitioner.user
    young.carer.save()
    assessment = start_covering(practitioner, young, welsh_council, cares_for(young))
    assert assessment.framework == "young_carer"

    areas = assessment_wellbeing_areas(practitioner, assessment)
    assert "work" not in areas and "control" not in areas, "SSWA 2014 s2(4): adult-only areas"
    assert "health" in areas
    matters = Page(practitioner.get(f"/assessments/{assessment.pk}/matters/"))
    assert "parental_outcomes" in matters.form_data()
    assert "24(4)(d)" in matters.text


# --- Every matter before a decision ---------------------------------------------------------------


def test_submission_is_refused_naming_each_matter_still_missing(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility(struggling=("england.nutrition", "no")))
    save(practitioner, assessment, "matters", {**matters_data(assessment), "other_things_could_help": ""})

    page = Page(submit(practitioner, assessment))

    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert "Could things other than support help them achieve their outcomes?" in page.text


def test_a_matter_that_does_not_apply_counts_as_answered_only_where_the_law_allows(
    practitioner, carer, english_council
):
    carer.carer.is_parent_carer = True
    carer.carer.save()
    assessment = start_covering(practitioner, carer, english_council, cares_for(carer, "child", age=8, conditions=["autism"]))
    data = {**matters_data(assessment), "other_children_welfare": "", "other_children_welfare__does_not_apply": "on"}
    save(practitioner, assessment, "matters", data)
    assessment.refresh_from_db()
    assert "other_children_welfare" not in {m.code for m in services.missing_matters(assessment)}


# --- The practitioner decides, with reasons ------------------------------------------------------


def test_the_decision_page_shows_the_proposal_criterion_by_criterion_and_is_audited(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility(struggling=("england.nutrition", "no")))
    submit(practitioner, assessment)
    logged_before = AccessEvent.objects.filter(part=AccessPart.ASSESSMENT).count()

    page = Page(practitioner.get(f"/assessments/{assessment.pk}/decide/"))

    assert "What the rules propose" in page.text
    assert "regulation 3(1)(a)" in page.text
    assert "The carer provides necessary care" in page.text, "staff pages speak of the carer, not to them"
    assert page.value_of("decided") == "yes"
    assert AccessEvent.objects.filter(part=AccessPart.ASSESSMENT).count() == logged_before + 1


def test_departing_from_the_proposal_needs_reasons_and_both_are_recorded(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility())  # manages everything: not eligible
    submit(practitioner, assessment)

    refused = decide(practitioner, assessment, {"decided": "yes"})
    assert refused.status_code == 200
    assert "Give your reasons" in Page(refused).error_for("reasons")

    done = decide(practitioner, assessment, {"decided": "yes", "reasons": "Cares 90 hours a week; the answers understate it"})
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.proposed_eligible is False and assessment.eligible is True
    assert assessment.determination["departs"] is True
    event = Event.objects.get(kind=EventKind.ASSESSMENT_DECIDED)
    assert event.data["departs"] is True and event.data["proposed"] is False
    page = Page(practitioner.get(f"/assessments/{assessment.pk}/"))
    assert "Cares 90 hours a week" in page.text
    assert "Nothing is decided" not in page.text


def test_significant_impact_with_no_impact_recorded_needs_a_reason(practitioner, carer, english_council):
    assessment = start(practitioner, carer, english_council)
    fill_every_section(practitioner, assessment, england_eligibility(struggling=("england.nutrition", "no")))
    save(practitioner, assessment, "wellbeing", {f"{code}_impact": "none" for code in assessment_wellbeing_areas(practitioner, assessment)})
    submit(practitioner, assessment)

    refused = decide(practitioner, assessment, {"decided": "yes"})
    assert "no area of well-being records any impact" in Page(refused).error_for("wellbeing_reason")
    assert decide(practitioner, assessment, {"decided": "yes", "wellbeing_reason": "Too tired to say so"}).status_code == 302


def test_a_young_carer_determination_records_needs_and_services_with_reasons(practitioner, make_carer, english_council):
    young = make_carer(given="Kai", family="Young", dob=aged(14))
    young.carer.case_worker = practitioner.user
    young.carer.save()
    assessment = start_covering(practitioner, young, english_council, cares_for(young))
    fill_without_eligibility(practitioner, assessment)
    submit(practitioner, assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED

    refused = Page(decide(practitioner, assessment, {"needs_for_support": "yes"}))
    assert refused.error_for("services_to_be_provided") and refused.error_for("reasons")

    decide(practitioner, assessment, {"needs_for_support": "yes", "services_to_be_provided": "yes", "reasons": "Misses school"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    assert assessment.decision is None and assessment.eligible is None and assessment.needs_to_be_met
    assert assessment.determination["framework"] == "young_carer"


def test_wales_not_eligible_asks_whether_the_needs_must_be_met_anyway(practitioner, carer, welsh_council):
    assessment = start(practitioner, carer, welsh_council)
    data = welsh_eligibility()
    first = next(k for k in data if k.endswith("__achievable"))
    data[first] = "yes"  # manages every area: not eligible
    fill_every_section(practitioner, assessment, data)
    submit(practitioner, assessment)

    refused = Page(decide(practitioner, assessment, {"decided": "no"}))
    assert refused.error_for("must_meet")
    assert Page(decide(practitioner, assessment, {"decided": "no", "must_meet": "yes"})).error_for("must_meet_reasons")

    decide(practitioner, assessment, {"decided": "no", "must_meet": "yes", "must_meet_reasons": "Her partner is violent"})
    assessment.refresh_from_db()
    assert assessment.eligible is False and assessment.must_meet is True
    assert assessment.determination["must_meet_provision"] == "s32(1)(b)(i)"
    assert assessment.needs_to_be_met, "a must-meet determination allows funded support like an eligible need"


def test_the_welsh_fluctuation_check_warns_but_does_not_block(practitioner, carer, welsh_council):
    assessment = start(practitioner, carer, welsh_council)
    fill_every_section(practitioner, assessment, {**welsh_eligibility(), "needs_fluctuate": ""})
    page = Page(submit(practitioner, assessment))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED, page.text[:300]
    assert "does not change the statutory decision" in Page(practitioner.get(f"/assessments/{assessment.pk}/decide/")).text


# --- A second person signs off ---------------------------------------------------------------------


def test_a_manager_cannot_sign_off_their_own_decision_but_another_manager_can(client_for, carer, welsh_council):
    deciding = client_for(Role.TEAM_MANAGER, Role.PRACTITIONER, organisation="council")
    carer.carer.case_worker = deciding.user
    carer.carer.save()
    assessment = start(deciding, carer, welsh_council)
    fill_every_section(deciding, assessment, welsh_eligibility())
    submit(deciding, assessment)
    decide(deciding, assessment, {"decided": "yes"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED

    assert deciding.post(f"/assessments/{assessment.pk}/sign-off/", {"version": assessment.version}).status_code == 403
    detail = Page(deciding.get(f"/assessments/{assessment.pk}/"))
    assert "another manager must sign it off" in detail.text
    assert f"/assessments/{assessment.pk}/sign-off/" not in [f.attrs.get("action") for f in detail.find_all("form")]
    with pytest.raises(Exception) as refused:
        services.sign_off(assessment, expected_version=assessment.version, actor=deciding.user)
    assert "own_decision" in str(refused.value.problems)

    other = client_for(Role.TEAM_MANAGER, organisation="council")
    other.post(f"/assessments/{assessment.pk}/sign-off/", {"version": assessment.version})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED and assessment.signed_off_by == other.user
    assert Event.objects.filter(kind=EventKind.ASSESSMENT_SIGNED_OFF).count() == 1


def test_at_18_the_adult_carers_assessment_starts_from_the_transition_assessment(practitioner, make_carer, english_council):
    teen = make_carer(given="Jade", family="Turning", dob=aged(17))
    teen.carer.case_worker = practitioner.user
    teen.carer.save()
    gran = cares_for(teen, "grandparent", age=80)
    transition = start_covering(practitioner, teen, english_council, gran, assessment_type="transition")
    assert transition.framework == "young_carer_transition"
    fill_without_eligibility(practitioner, transition)
    submit(practitioner, transition)
    decide(practitioner, transition, {"needs_for_support": "no", "likely_eligible_after_18": "yes", "reasons": "Coping now"})
    transition.refresh_from_db()
    assert transition.status == AssessmentStatus.COMPLETED

    # She turns 18: the adult carer's assessment starts with what she said, nothing typed again.
    Person.objects.filter(pk=teen.pk).update(date_of_birth=aged(18))
    response = practitioner.post(
        f"/assessments/new/{teen.pk}/", {"assessment_type": "carer", "assessing_organisation": english_council.pk,
                                         "cared_for": [gran.pk]}
    )
    adult = Assessment.objects.exclude(pk=transition.pk).get(carer=teen)
    assert response.status_code == 302
    assert adult.framework == "adult_carer" and adult.carried_from == transition
    assert adult.caring_role == transition.caring_role and adult.outcomes_wanted == transition.outcomes_wanted
    assert adult.matters["support_could_contribute"] == transition.matters["support_could_contribute"]
    assert set(adult.wellbeing) == set(transition.wellbeing)
    page = Page(practitioner.get(f"/assessments/{adult.pk}/"))
    assert f"/assessments/{transition.pk}/" in page.links()
