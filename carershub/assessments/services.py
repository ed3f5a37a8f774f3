"""Assessment operations: each is one transaction that leaves an activity event."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.assessments import determination as determinations
from carershub.assessments import eligibility, frameworks, wellbeing
from carershub.assessments.eligibility import matters as required_matters
from carershub.assessments.models import Assessment, AssessmentSource, AssessmentStatus, AssessmentType
from carershub.assessments.rules import CHANGE_ASSESSMENT, SIGN_OFF_ASSESSMENT, VIEW_ASSESSMENT, VIEW_TRANSITION_QUEUE
from carershub.core.errors import NotReady
from carershub.core.locking import claim_version
from carershub.core.ukdata import years_before
from carershub.core.workqueues import WorkQueue, shared_count
from carershub.people import services as people_services
from carershub.people.models import Person
from carershub.people.sections import Section, holds, read_once


def assessment_or_404(user, pk) -> Assessment:
    """The assessment, if this user may see it and its carer's record; otherwise 404."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("carer", "assessing_organisation__area", "contact"), pk=pk
    )
    # The carer's record rules apply to their assessments too: 404, or a reason asked first.
    people_services.visible_person_or_404(user, assessment.carer_id)
    return assessment


def _event_data(assessment: Assessment, **extra) -> dict:
    carer_type = assessment.carer.carer.carer_type() if hasattr(assessment.carer, "carer") else None
    return {
        "assessment_type": assessment.assessment_type,
        "nation": assessment.nation,
        "carer_type": carer_type,
        "source": assessment.source,
        **extra,
    }


@transaction.atomic
def start_assessment(*, carer, assessment_type, organisation, actor, contact=None, cared_for=(), source=AssessmentSource.PRACTITIONER):
    nation = organisation.nation
    if nation is None:
        raise ValueError("The assessing organisation has no area, so the law to apply is unknown.")
    if contact is None:
        contact = carer.contacts.order_by("received_at").first()
    assessment = Assessment.objects.create(
        carer=carer,
        assessment_type=assessment_type,
        nation=nation,
        assessing_organisation=organisation,
        assessor=actor,
        created_by=actor,
        contact=contact,
        source=source,
    )
    if cared_for:
        assessment.cared_for.set(cared_for)
    choose_framework(assessment)
    assessment.carried_from = _carry_forward_transition(assessment)
    assessment.save()
    record_event(EventKind.ASSESSMENT_STARTED, actor=actor, person=carer, obj=assessment, data=_event_data(assessment))
    return assessment


# What a young carer's transition assessment recorded that an adult carer's assessment asks again.
CARRIED_FROM_TRANSITION = (
    "caring_role",
    "cared_for_needs",
    "able_to_care",
    "willing_to_care",
    "future_caring",
    "outcomes_wanted",
    "work_education_leisure",
    "carer_views",
    "participants",
)


def _carry_forward_transition(assessment: Assessment) -> Assessment | None:
    """An adult carer's assessment starts from the carer's decided transition assessment, so nothing
    they said before 18 is asked to be typed again (Care Act 2014 s63-64 lead to the s10 assessment;
    the issue asks that it "feeds an adult carer's assessment at 18 without retyping").

    Copies the sections, the well-being areas the adult assessment also asks, and the matters both
    frameworks share; the practitioner checks each with the carer. Returns the transition assessment.
    """
    if assessment.framework != frameworks.Framework.ADULT_CARER:
        return None
    earlier = (
        Assessment.objects.filter(
            carer=assessment.carer_id,
            framework=frameworks.Framework.YOUNG_CARER_TRANSITION,
            status__in=(AssessmentStatus.DECIDED, AssessmentStatus.COMPLETED),
        )
        .order_by("-decided_at", "-pk")
        .first()
    )
    if earlier is None:
        return None
    for name in CARRIED_FROM_TRANSITION:
        if not getattr(assessment, name):
            setattr(assessment, name, getattr(earlier, name))
    asked = wellbeing.areas_for(assessment.nation, carer_is_adult=True)
    assessment.wellbeing = {code: answer for code, answer in (earlier.wellbeing or {}).items() if code in asked}
    shared = {m.code for m in matters_asked(assessment)}
    assessment.matters = {code: answer for code, answer in (earlier.matters or {}).items() if code in shared}
    return earlier


# --- Which law ------------------------------------------------------------------


def assessment_date(assessment: Assessment) -> datetime.date:
    """The date the law is chosen on: the day the assessment started."""
    return timezone.localdate(assessment.started_at)


def _cared_for_people(assessment: Assessment, on: datetime.date) -> list[frameworks.CaredForPerson]:
    """The people this assessment covers, as the framework choice sees them on ``on``.

    A child cared for by a carer flagged as a parent carer of a disabled child, or with a condition
    recorded, counts as disabled; the carer's "son or daughter" counts as a child they have parental
    responsibility for. Both are what the record can tell; parental responsibility in law (Children
    Act 1989 s3) is not recorded as such.
    """
    if not assessment.pk:
        return []
    carer_profile = getattr(assessment.carer, "carer", None)
    parent_carer = bool(carer_profile and carer_profile.is_parent_carer)
    links = {
        link.cared_for_id: link
        for link in assessment.carer.cares_for.filter(cared_for__in=assessment.cared_for.all())
    }
    people = []
    for person in assessment.cared_for.all():
        link = links.get(person.pk)
        age = person.age(on)
        disabled = parent_carer or bool(link and link.condition_groups)
        parental = bool(link and link.relationship == "child") or parent_carer
        people.append(frameworks.CaredForPerson(age=age, disabled=disabled, parental_responsibility=parental))
    return people


def choose_framework(assessment: Assessment) -> frameworks.Choice:
    """Set the assessment's framework from the carer and the people cared for on the assessment date.

    Only while it is a draft: from submission on, the framework it was submitted under is kept.
    """
    if assessment.pk and not assessment.is_editable and assessment.framework:
        return frameworks.Choice(frameworks.Framework(assessment.framework), assessment.framework_reason)
    on = assessment_date(assessment)
    choice = frameworks.choose(
        nation=assessment.nation,
        carer_age=assessment.carer.age(on),
        cared_for=_cared_for_people(assessment, on),
        transition=assessment.assessment_type == AssessmentType.TRANSITION,
    )
    assessment.framework = choice.framework.value if choice.framework else ""
    assessment.framework_reason = choice.reason
    return choice


def has_national_criteria(assessment: Assessment) -> bool:
    return frameworks.has_national_criteria(assessment.nation, assessment.framework or None)


def carer_is_child(assessment: Assessment) -> bool:
    age = assessment.carer.age(assessment_date(assessment))
    return age is not None and age < frameworks.ADULT_AGE


@transaction.atomic
def save_draft(assessment: Assessment, *, expected_version, actor) -> Assessment:
    """Save changes already applied to a draft, unless somebody else saved it first."""
    if not assessment.is_editable:
        raise NotReady(["not_draft"])
    claim_version(assessment, expected_version)
    choose_framework(assessment)
    assessment.save()
    return assessment


# --- Ready for a decision -------------------------------------------------------------


def recorded_matters(assessment: Assessment) -> dict:
    """Every answer the matters check reads: the assessment's fields and its ``matters`` answers."""
    recorded = {name: getattr(assessment, name) for name in required_matters.FIELDS}
    recorded.update(assessment.matters or {})
    return recorded


def missing_matters(assessment: Assessment) -> list:
    """The matters the law requires that are not recorded yet (eligibility/matters.py), in order."""
    if not assessment.framework:
        return []
    return required_matters.missing(assessment.nation, assessment.framework, recorded_matters(assessment))


def matters_asked(assessment: Assessment) -> list:
    """The framework's matters that no other section records, asked in the "other matters" section."""
    if not assessment.framework:
        return []
    return [m for m in required_matters.matters_for(assessment.nation, assessment.framework) if m.field is None]


def preview(assessment: Assessment) -> eligibility.Decision | None:
    """Today's rules on the answers so far, where the framework has national criteria."""
    if not has_national_criteria(assessment):
        return None
    return eligibility.decide(assessment.needs_answers(), framework=assessment.framework)


def readiness_problems(assessment: Assessment) -> list[str]:
    """What is still needed before a decision can be made (codes the page explains).

    ``matter:<code>`` names each matter the law requires that is still missing.
    """
    if not assessment.framework:
        return [f"framework:{assessment.framework_reason or 'age_unknown'}"]
    problems = [f"matter:{matter.code}" for matter in missing_matters(assessment)]
    decision = preview(assessment)
    if decision is not None and decision.eligible is None:
        problems.append("eligibility")
    return problems


@transaction.atomic
def submit(assessment: Assessment, *, expected_version, actor) -> Assessment:
    choose_framework(assessment)
    problems = readiness_problems(assessment)
    if problems:
        raise NotReady(problems)
    claim_version(assessment, expected_version)
    now = timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        status=AssessmentStatus.SUBMITTED,
        submitted_at=now,
        framework=assessment.framework,
        framework_reason=assessment.framework_reason,
    )
    assessment.status, assessment.submitted_at = AssessmentStatus.SUBMITTED, now
    record_event(EventKind.ASSESSMENT_SUBMITTED, actor=actor, person=assessment.carer, obj=assessment, data=_event_data(assessment))
    return assessment


def wellbeing_contradiction(assessment: Assessment) -> bool:
    """England: "significant impact on well-being" answered yes, with no impact recorded in any area."""
    if assessment.nation != "england":
        return False
    significant = (assessment.eligibility_answers or {}).get("significant_impact_on_wellbeing")
    impacts = {code: (answer or {}).get("impact", "") for code, answer in (assessment.wellbeing or {}).items()}
    return required_matters.wellbeing_contradiction(significant, impacts)


def determination_problems(assessment: Assessment, proposal: determinations.Determination) -> dict[str, str]:
    return determinations.problems(
        proposal,
        nation=assessment.nation,
        national_criteria=has_national_criteria(assessment),
        wellbeing_contradiction=wellbeing_contradiction(assessment),
        carer_is_child=carer_is_child(assessment),
    )


def agreeing_with_proposal(
    assessment: Assessment,
    *,
    reasons: str = "",
    must_meet: bool = False,
    needs_for_support: bool = True,
    services_to_be_provided: bool = True,
) -> determinations.Determination:
    """A determination that confirms the rules' proposal (where there are national criteria) or,
    without them, finds needs for support as given, for the demo region and the tests' builders.

    A Welsh "not eligible" answers the s32(1) question with ``must_meet``; a transition assessment
    indicates that needs are likely to be eligible after 18.
    """
    proposal = preview(assessment)
    transition = assessment.framework in determinations.TRANSITIONS
    if proposal is not None:
        return determinations.Determination(
            framework=assessment.framework,
            proposed=proposal.eligible,
            decided=proposal.eligible,
            reasons=reasons,
            wellbeing_reason=reasons if wellbeing_contradiction(assessment) else "",
            must_meet=must_meet if assessment.nation == "wales" and proposal.eligible is False else None,
            must_meet_reasons=reasons if must_meet else "",
            other_functions=False if assessment.nation == "wales" and carer_is_child(assessment) else None,
        )
    return determinations.Determination(
        framework=assessment.framework,
        needs_for_support=needs_for_support,
        services_to_be_provided=services_to_be_provided if needs_for_support else None,
        likely_eligible_after_18=True if transition else None,
        reasons=reasons or "The carer's needs were agreed with them and with the people they asked to take part.",
    )


@transaction.atomic
def decide(assessment: Assessment, *, expected_version, actor, determination: determinations.Determination) -> Assessment:
    """Record the practitioner's determination, with the rules' proposal where there are national
    criteria, and finish the assessment or hold it for a second person's sign-off.

    The proposal is worked out again here from the stored answers (not taken from the form), so the
    record holds what the rules said at the moment of deciding.
    """
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise NotReady(["not_submitted"])
    missing = readiness_problems(assessment)
    if missing:
        raise NotReady(missing)
    rules_decision = preview(assessment)
    proposed = rules_decision.eligible if rules_decision is not None else None
    determination = determinations.Determination(
        **{
            **determination.__dict__,
            "framework": assessment.framework,
            "proposed": proposed,
            "must_meet_provision": determinations.must_meet_provision(carer_is_child(assessment))
            if determination.must_meet is not None
            else None,
        }
    )
    problems = determination_problems(assessment, determination)
    if problems:
        raise NotReady(sorted(set(problems.values())))
    claim_version(assessment, expected_version)
    now = timezone.now()
    if rules_decision is not None:
        assessment.decision = rules_decision.to_dict()
        assessment.rule_version = rules_decision.rule_version
        assessment.eligible = determination.decided
    else:
        assessment.decision, assessment.rule_version, assessment.eligible = None, "", None
    assessment.proposed_eligible = proposed
    assessment.must_meet = determination.must_meet if assessment.eligible is False else None
    assessment.determination = determination.to_dict()
    assessment.decided_at, assessment.decided_by = now, actor
    needs_sign_off = assessment.assessing_organisation.assessment_sign_off_required
    assessment.status = AssessmentStatus.DECIDED if needs_sign_off else AssessmentStatus.COMPLETED
    if not needs_sign_off:
        assessment.completed_at = now
    assessment.save()
    record_event(
        EventKind.ASSESSMENT_DECIDED,
        actor=actor,
        person=assessment.carer,
        obj=assessment,
        data=_event_data(
            assessment,
            framework=assessment.framework,
            eligible=assessment.eligible,
            proposed=proposed,
            departs=determination.departs,
            must_meet=assessment.must_meet,
            other_functions=determination.other_functions,
            needs_for_support=determination.needs_for_support,
            services_to_be_provided=determination.services_to_be_provided,
            rule_version=assessment.rule_version,
        ),
    )
    if not needs_sign_off:
        _completed(assessment, actor)
    return assessment


@transaction.atomic
def sign_off(assessment: Assessment, *, expected_version, actor) -> Assessment:
    """A second person confirms the decision: never the person who made it."""
    if assessment.status != AssessmentStatus.DECIDED:
        raise NotReady(["not_decided"])
    if assessment.decided_by_id == actor.pk:
        raise NotReady(["own_decision"])
    claim_version(assessment, expected_version)
    now = timezone.now()
    assessment.status, assessment.signed_off_at, assessment.signed_off_by, assessment.completed_at = (
        AssessmentStatus.COMPLETED,
        now,
        actor,
        now,
    )
    assessment.save()
    record_event(EventKind.ASSESSMENT_SIGNED_OFF, actor=actor, person=assessment.carer, obj=assessment, data=_event_data(assessment))
    _completed(assessment, actor)
    return assessment


@transaction.atomic
def return_to_draft(assessment: Assessment, *, expected_version, actor) -> Assessment:
    """A manager sends a submitted or decided assessment back for more work; the decision is cleared."""
    if assessment.status not in (AssessmentStatus.SUBMITTED, AssessmentStatus.DECIDED):
        raise NotReady(["not_submitted"])
    claim_version(assessment, expected_version)
    assessment.status = AssessmentStatus.DRAFT
    assessment.decision, assessment.rule_version, assessment.eligible = None, "", None
    assessment.proposed_eligible = assessment.must_meet = assessment.determination = None
    assessment.submitted_at = assessment.decided_at = assessment.decided_by = None
    assessment.save()
    return assessment


def _completed(assessment: Assessment, actor) -> None:
    days_from_contact = None
    if assessment.contact_id:
        days_from_contact = (assessment.completed_at - assessment.contact.received_at).days
    record_event(
        EventKind.ASSESSMENT_COMPLETED,
        actor=actor,
        person=assessment.carer,
        obj=assessment,
        data=_event_data(assessment, eligible=assessment.eligible, days_from_contact=days_from_contact),
    )


def default_type_for(carer) -> str:
    """The assessment a carer of this age needs by default."""
    carer_type = carer.carer.carer_type() if hasattr(carer, "carer") else None
    age = carer.age()
    if carer_type == "young_carer":
        return AssessmentType.TRANSITION if age is not None and age >= 17 else AssessmentType.YOUNG_CARER
    return AssessmentType.CARER


# --- Young carers approaching 18 ------------------------------------------------


def eighteenth_birthday(date_of_birth: datetime.date) -> datetime.date:
    """The day they turn 18: someone born on 29 February turns 18 on 1 March in a non-leap year."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + 18)
    except ValueError:
        return datetime.date(date_of_birth.year + 18, 3, 1)


def young_carers_turning_18(today: datetime.date | None = None, *, user=None):
    """Young carers who turn 18 in the next 12 months and have no transition assessment (of any status).

    With a user, only those the user works with (people/relationships.py).

    One query: a date-of-birth range (indexed) and NOT EXISTS on their assessments, soonest first.
    Aged 17 today means born after the day 18 years ago and on or before the day 17 years ago.
    """
    today = today or timezone.localdate()
    transition = Assessment.objects.filter(carer=OuterRef("pk"), assessment_type=AssessmentType.TRANSITION)
    people = Person.objects.all() if user is None else Person.objects.related_to(user)
    return (
        people.filter(
            carer__isnull=False,
            date_of_birth__gt=years_before(today, 18),
            date_of_birth__lte=years_before(today, 17),
        )
        .exclude(carer__caring_ended_on__lte=today)
        .filter(~Exists(transition))
        .select_related("carer__case_worker")
        .order_by("date_of_birth", "pk")
    )


def home_items(user):
    """The assessment queues this user works from, with how much is in each (counts only)."""
    items = []
    queue = reverse("assessments:queue")
    if user.has_perm(CHANGE_ASSESSMENT):
        drafts = Assessment.objects.filter(assessor=user, status=AssessmentStatus.DRAFT).count()
        waiting = Assessment.objects.worked_on_by(user).filter(status=AssessmentStatus.SUBMITTED).count()
        items += [
            WorkQueue(queue, _("Your draft assessments"), drafts, order=20),
            WorkQueue(queue, _("Assessments waiting for a decision"), waiting, order=30),
        ]
    if user.has_perm(SIGN_OFF_ASSESSMENT):
        to_sign = Assessment.objects.filter(
            status=AssessmentStatus.DECIDED, assessing_organisation_id=user.organisation_id
        ).count()
        items.append(WorkQueue(queue, _("Decisions waiting for your sign-off"), to_sign, order=50))
    if user.has_perm(VIEW_TRANSITION_QUEUE):
        items.append(
            WorkQueue(
                reverse("assessments:transitions"),
                _("Young carers turning 18 without a transition assessment"),
                shared_count(young_carers_turning_18(user=user)),
                order=80,
            )
        )
    return items


NEWEST_SHOWN = 10
NEWEST_READ = "assessments_newest"  # the name the page keeps them under (people.sections.read_once)


def newest_for(person) -> list[Assessment]:
    """The carer's newest ten assessments, read once for their page (its section and its glance)."""
    return read_once(
        person,
        NEWEST_READ,
        lambda: list(Assessment.objects.filter(carer=person).order_by("-started_at", "-pk")[:NEWEST_SHOWN])
        if holds(person, "assessments")
        else [],
    )


def open_for(person, limit: int) -> list[Assessment]:
    """The carer's assessments not completed yet, newest first: from the newest ten when those are all."""
    newest = newest_for(person)
    if len(newest) < NEWEST_SHOWN:
        return [a for a in newest if a.status != AssessmentStatus.COMPLETED][:limit]
    still_open = Assessment.objects.filter(carer=person).exclude(status=AssessmentStatus.COMPLETED)
    return list(still_open.order_by("-started_at", "-pk")[:limit])


def person_section(user, person) -> Section | None:
    """The carer's assessments (newest ten) on their page, for those who may see assessments."""
    if not (user.has_perm(VIEW_ASSESSMENT) and hasattr(person, "carer")):
        return None
    return Section("assessments/_person_section.jinja", {"assessments": newest_for(person)})
