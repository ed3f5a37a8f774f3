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
from carershub.assessments import eligibility
from carershub.assessments.models import Assessment, AssessmentSource, AssessmentStatus, AssessmentType
from carershub.assessments.rules import CHANGE_ASSESSMENT, SIGN_OFF_ASSESSMENT, VIEW_ASSESSMENT, VIEW_TRANSITION_QUEUE
from carershub.core.errors import NotReady
from carershub.core.locking import claim_version
from carershub.core.ukdata import years_before
from carershub.core.workqueues import WorkQueue
from carershub.people import services as people_services
from carershub.people.models import Person
from carershub.people.sections import Section


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
    record_event(EventKind.ASSESSMENT_STARTED, actor=actor, person=carer, obj=assessment, data=_event_data(assessment))
    return assessment


@transaction.atomic
def save_draft(assessment: Assessment, *, expected_version, actor) -> Assessment:
    """Save changes already applied to a draft, unless somebody else saved it first."""
    if not assessment.is_editable:
        raise NotReady(["not_draft"])
    claim_version(assessment, expected_version)
    assessment.save()
    return assessment


REQUIRED_SECTIONS = ("caring_role", "able_to_care", "willing_to_care", "outcomes_wanted", "carer_views")


def readiness_problems(assessment: Assessment) -> list[str]:
    """What is still needed before a decision can be made (codes the page explains)."""
    problems = [name for name in REQUIRED_SECTIONS if not getattr(assessment, name)]
    if not assessment.wellbeing:
        problems.append("wellbeing")
    preview = eligibility.decide(assessment.needs_answers())
    if preview.eligible is None:
        problems.append("eligibility")
    return problems


@transaction.atomic
def submit(assessment: Assessment, *, expected_version, actor) -> Assessment:
    problems = readiness_problems(assessment)
    if problems:
        raise NotReady(problems)
    claim_version(assessment, expected_version)
    now = timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.SUBMITTED, submitted_at=now)
    assessment.status, assessment.submitted_at = AssessmentStatus.SUBMITTED, now
    record_event(EventKind.ASSESSMENT_SUBMITTED, actor=actor, person=assessment.carer, obj=assessment, data=_event_data(assessment))
    return assessment


@transaction.atomic
def decide(assessment: Assessment, *, expected_version, actor) -> Assessment:
    """Apply today's rules, store the decision with its rule version, and finish or await sign-off."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise NotReady(["not_submitted"])
    decision = eligibility.decide(assessment.needs_answers())
    if decision.eligible is None:
        raise NotReady(["eligibility"])
    claim_version(assessment, expected_version)
    now = timezone.now()
    assessment.decision = decision.to_dict()
    assessment.rule_version = decision.rule_version
    assessment.eligible = decision.eligible
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
        data=_event_data(assessment, eligible=decision.eligible, rule_version=decision.rule_version),
    )
    if not needs_sign_off:
        _completed(assessment, actor)
    return assessment


@transaction.atomic
def sign_off(assessment: Assessment, *, expected_version, actor) -> Assessment:
    if assessment.status != AssessmentStatus.DECIDED:
        raise NotReady(["not_decided"])
    claim_version(assessment, expected_version)
    now = timezone.now()
    assessment.status, assessment.signed_off_at, assessment.signed_off_by, assessment.completed_at = (
        AssessmentStatus.COMPLETED,
        now,
        actor,
        now,
    )
    assessment.save()
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
                young_carers_turning_18(user=user).count(),
                order=80,
            )
        )
    return items


def person_section(user, person) -> Section | None:
    """The carer's assessments (newest ten) on their page, for those who may see assessments."""
    if not (user.has_perm(VIEW_ASSESSMENT) and hasattr(person, "carer")):
        return None
    return Section("assessments/_person_section.jinja", {"assessments": person.assessments.order_by("-started_at")[:10]})
