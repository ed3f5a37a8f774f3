"""Assessment operations: each is one transaction that leaves an activity event."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.assessments import eligibility
from carershub.assessments.models import Assessment, AssessmentSource, AssessmentStatus, AssessmentType
from carershub.core.forms import StaleRecordError


class NotReady(Exception):
    """The assessment is missing something the next step needs; ``problems`` says what."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def _event_data(assessment: Assessment, **extra) -> dict:
    carer_type = assessment.carer.carer.carer_type() if hasattr(assessment.carer, "carer") else None
    return {
        "assessment_type": assessment.assessment_type,
        "nation": assessment.nation,
        "carer_type": carer_type,
        "source": assessment.source,
        **extra,
    }


def _bump_version(assessment: Assessment, expected: int) -> None:
    """Claim the next version, or fail if somebody else saved first."""
    updated = Assessment.objects.filter(pk=assessment.pk, version=expected).update(version=F("version") + 1)
    if updated != 1:
        raise StaleRecordError
    assessment.version = expected + 1


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
    _bump_version(assessment, expected_version)
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
    _bump_version(assessment, expected_version)
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
    _bump_version(assessment, expected_version)
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
    _bump_version(assessment, expected_version)
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
    _bump_version(assessment, expected_version)
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
