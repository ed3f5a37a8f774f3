"""Demo: a young carer and a parent carer in each nation, and a young carer about to turn 18, each
assessed under their own law (assessments/frameworks.py), with the assessments at each stage.

Every person here is invented, as in the rest of the demo region. Assessments go through the
service's own operations (start, save, submit, decide, sign off), so the framework, the matters, the
determination and the activity events are the ones a worker would leave.
"""

from datetime import date, timedelta

from carershub.assessments import copies, services
from carershub.assessments.eligibility import matters as required_matters
from carershub.assessments.models import AssessmentStatus, AssessmentType, CopyMethod
from carershub.core.ukdata import years_before
from carershub.partnership.models import Organisation
from carershub.people.models import CarerProfile, CaringRelationship, Person

# What a practitioner wrote for each matter kept in the ``matters`` answers (by matter code).
MATTER_TEXT = {
    "support_could_contribute": "A regular break and someone to talk to would help with each outcome they named.",
    "other_things_could_help": "The carers centre's groups and its information on flexible working.",
    "appropriate_to_care": "Some of the care (medicines at night) is not appropriate at their age; the rest is.",
    "young_carer_wishes": "Wants to keep helping Mum, but not to miss school or football.",
    "needs_met_by_services_for_cared_for": "Mum's care package could cover the evening medicines.",
    "disabled_child_welfare": "Overnight short breaks for the child, with staff trained in epilepsy care.",
    "other_children_welfare": "Her older son wants time with his mother without his brother's care in it.",
    "parental_outcomes": "Dad wants them to finish school and have time with friends.",
    "needs_after_18": "Support to carry on at college while caring, and a break each month.",
}


def matters_answers(assessment) -> dict:
    """Answers for every matter of the assessment's framework kept in its ``matters`` (demo text)."""
    if not assessment.framework:
        return dict(assessment.matters or {})
    answers = dict(assessment.matters or {})
    for matter in required_matters.matters_for(assessment.nation, assessment.framework):
        if matter.field is None:
            answer = True if matter.kind == "yes_no" else MATTER_TEXT.get(matter.code, "Talked through with the carer.")
            answers[matter.code] = {"answer": answer, "does_not_apply": False}
    return answers


def _years_ago(today: date, years: int, days: int = 0) -> date:
    return years_before(today, years) - timedelta(days=days)


def _person(given, family, dob, area, created_by, **extra) -> Person:
    person = Person(
        given_name=given,
        family_name=family,
        date_of_birth=dob,
        address_line_1=extra.pop("address", "4 Chapel Street"),
        town=extra.pop("town"),
        postcode=extra.pop("postcode"),
        area=area,
        created_by=created_by,
        **extra,
    )
    person.refresh_search_keys()
    person.save()
    return person


def _carer(given, family, dob, area, worker, *, town, postcode, parent_carer=False, language="en"):
    carer = _person(given, family, dob, area, worker, town=town, postcode=postcode, preferred_language=language)
    CarerProfile.objects.create(person=carer, identified_on=dob + timedelta(days=365 * 10), is_parent_carer=parent_carer,
                                case_worker=worker)
    return carer


def _cares_for(carer, given, dob, relationship, worker, *, conditions):
    cared = _person(given, carer.family_name, dob, carer.area, worker, town=carer.town, postcode=carer.postcode,
                    address=carer.address_line_1)
    CaringRelationship.objects.create(carer=carer, cared_for=cared, relationship=relationship, lives_with_carer=True,
                                      hours_per_week=30, condition_groups=conditions)
    return cared


def _assess(carer, cared_for, organisation, worker, *, stage, answers, assessment_type=AssessmentType.CARER,
            manager=None):
    """An assessment of ``carer`` taken to ``stage``: draft, submitted, decided or completed."""
    assessment = services.start_assessment(
        carer=carer, assessment_type=assessment_type, organisation=organisation, actor=worker, cared_for=[cared_for]
    )
    assessment.caring_role = "Gets them up, gives medicines, cooks tea and sits with them most evenings."
    assessment.cared_for_needs = "Cannot be left alone for long; needs help with medicines."
    assessment.able_to_care, assessment.willing_to_care = "partly", "yes"
    assessment.future_caring = "Wants to carry on, with more help at night."
    assessment.outcomes_wanted = "Time for school work and friends; a full night's sleep."
    assessment.work_education_leisure = "Misses school some mornings; has stopped going to clubs."
    assessment.carer_views = "I don't mind helping, I just get really tired."
    assessment.participants = "The carer and the person they care for."
    assessment.wellbeing = {"health": {"impact": "significant", "notes": "Tired most days"},
                            "relationships": {"impact": "some", "notes": ""}}
    if services.has_national_criteria(assessment):
        assessment.eligibility_answers = answers(assessment.nation)
    assessment.matters = matters_answers(assessment)
    assessment.save()
    if stage == AssessmentStatus.DRAFT:
        return assessment
    services.submit(assessment, expected_version=assessment.version, actor=worker)
    if stage == AssessmentStatus.SUBMITTED:
        return assessment
    services.decide(
        assessment,
        expected_version=assessment.version,
        actor=worker,
        determination=services.agreeing_with_proposal(
            assessment, reasons="Agreed with the carer and the people they asked to take part."
        ),
    )
    if assessment.status == AssessmentStatus.DECIDED and stage == AssessmentStatus.COMPLETED:
        services.sign_off(assessment, expected_version=assessment.version, actor=manager)
    return assessment


def make(*, today, staff, areas, orgs, answers):
    """``answers(nation)``: eligibility answers that make the needs eligible (the region's own)."""
    wales, england = areas["AF"], areas["MR"]
    # Read again: the region sets the Welsh council's sign-off after ``orgs`` was loaded.
    afon, marchester = (
        Organisation.objects.get(pk=orgs[name].pk)
        for name in ("Afon Valley County Borough Council", "Marchester City Council")
    )
    english_worker, welsh_worker, manager = staff["practitioner"], staff["socialworker"], staff["manager"]

    # England: a young carer (Children Act 1989 s17ZA), completed: needs for support, services to follow.
    kai = _carer("Kai", "Ashworth", _years_ago(today, 14, 40), england, english_worker, town="Northgate", postcode="MR3 4TB")
    mum = _cares_for(kai, "Donna", _years_ago(today, 44), "parent", english_worker, conditions=["mental_health"])
    kais = _assess(kai, mum, marchester, english_worker, answers=answers, stage=AssessmentStatus.COMPLETED)
    copies.issue_letter(kais, method=CopyMethod.POST, given_on=today, actor=english_worker)

    # England: a parent carer of a disabled child (s17ZD), submitted and waiting for the decision.
    precious = _carer("Precious", "Okonjo", _years_ago(today, 38), england, english_worker, town="Marchester",
                      postcode="MR1 2QP", parent_carer=True)
    son = _cares_for(precious, "Tobi", _years_ago(today, 9), "child", english_worker, conditions=["learning_disability"])
    _assess(precious, son, marchester, english_worker, answers=answers, stage=AssessmentStatus.SUBMITTED)

    # England: a young carer turning 18 within months (Care Act s63), the transition assessment in draft.
    jade = _carer("Jade", "Pennock", _years_ago(today, 17, 200), england, english_worker, town="Ashby Marches",
                  postcode="MR6 1LW")
    gran = _cares_for(jade, "Irene", _years_ago(today, 79), "grandparent", english_worker, conditions=["dementia"])
    _assess(
        jade, gran, marchester, english_worker, answers=answers, stage=AssessmentStatus.DRAFT,
        assessment_type=AssessmentType.TRANSITION,
    )

    # Wales: a young carer (SSWA 2014 s24, with s24(4)(d)), decided and waiting for the manager's sign-off.
    osian = _carer("Osian", "Prydderch", _years_ago(today, 15, 90), wales, welsh_worker, town="Cwmfelin",
                   postcode="AF2 7HD", language="cy")
    dad = _cares_for(osian, "Huw", _years_ago(today, 51), "parent", welsh_worker, conditions=["physical_disability"])
    _assess(osian, dad, afon, welsh_worker, answers=answers, stage=AssessmentStatus.DECIDED)

    # Wales: a parent carer of a disabled child, completed after sign-off by a second person.
    seren = _carer("Seren", "Mathias", _years_ago(today, 41), wales, welsh_worker, town="Pontafon", postcode="AF5 3RS",
                   parent_carer=True)
    daughter = _cares_for(seren, "Nia", _years_ago(today, 7), "child", welsh_worker, conditions=["autism"])
    _assess(seren, daughter, afon, welsh_worker, answers=answers, stage=AssessmentStatus.COMPLETED, manager=manager)
