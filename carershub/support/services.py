"""Support plans and their reviews: each operation is one transaction that leaves an activity event.

How versions work
-----------------
A carer's plans form one chain (``previous`` / ``next_version``), numbered 1, 2, 3...
An agreed version is never edited again. A change, a new assessment or a review that
keeps the plan makes the next version; when that one is agreed the one before becomes
"superseded". So every version the carer was ever given a copy of can still be read
exactly as it was, and each agreed version has at most one review: the review that
ended its time in force. The database allows one draft and one agreed plan per carer.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.accounts.models import Role
from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.assessments import services as assessment_services
from carershub.assessments.models import Assessment, AssessmentStatus, AssessmentType
from carershub.core import panels
from carershub.core.errors import NotReady
from carershub.core.locking import claim_version
from carershub.core.ukdata import years_after
from carershub.core.workqueues import WorkQueue, shared_count
from carershub.people import services as people_services
from carershub.people.services import visible_person_or_404
from carershub.support.models import PlanAction, Review, SupportOption, SupportPlan
from carershub.support.rules import VIEW_PLAN

REVIEW_DUE_WINDOW_DAYS = 28
Status = SupportPlan.Status


class DraftExists(Exception):
    """The carer already has a draft plan: only one may be worked on at a time."""

    def __init__(self, draft=None):
        super().__init__("draft exists")
        self.draft = draft


def default_review_date(agreed_on: datetime.date | None = None) -> datetime.date:
    """Twelve months after the plan is agreed."""
    return years_after(agreed_on or timezone.localdate(), 1)


def plan_or_404(user, pk, *, permission=None) -> SupportPlan:
    """The plan, if this user may see its carer's record (otherwise 404) and, when a permission
    is named, may do that to this plan (otherwise 403: they can see it is not theirs to change)."""
    plan = get_object_or_404(
        SupportPlan.objects.select_related(
            "carer", "assessment__assessing_organisation", "agreed_by", "created_by", "previous"
        ),
        pk=pk,
    )
    # The carer's record rules apply to their plans too.
    visible_person_or_404(user, plan.carer_id)
    if permission is not None and not user.has_perm(permission, plan):
        raise PermissionDenied
    return plan


def draft_for(carer_id) -> SupportPlan | None:
    return SupportPlan.objects.filter(carer_id=carer_id, status=Status.DRAFT).first()


def _latest_in_chain(carer_id) -> SupportPlan | None:
    """The plan a new version follows: the one in force, or the last one that ended."""
    return (
        SupportPlan.objects.filter(
            carer_id=carer_id, status__in=[Status.AGREED, Status.CLOSED], next_version__isnull=True
        )
        .order_by("-plan_version")
        .first()
    )


def _next_number(carer_id) -> int:
    return (SupportPlan.objects.filter(carer_id=carer_id).aggregate(n=Max("plan_version"))["n"] or 0) + 1


def _set_actions(plan: SupportPlan, actions) -> None:
    plan.actions.all().delete()
    PlanAction.objects.bulk_create(
        [
            PlanAction(
                plan=plan,
                description=a["description"],
                who=a["who"],
                organisation_id=a.get("organisation_id"),
                due_by=a.get("due_by"),
            )
            for a in actions
        ]
    )


def _copy_actions(source: SupportPlan) -> list[dict]:
    return [
        {"description": a.description, "who": a.who, "organisation_id": a.organisation_id, "due_by": a.due_by}
        for a in source.actions.all()
    ]


def _insert(*, actions, **fields) -> SupportPlan:
    """Create a plan version; a clash with another draft or version number becomes DraftExists."""
    try:
        with transaction.atomic():
            plan = SupportPlan.objects.create(**fields)
    except IntegrityError:
        raise DraftExists(draft_for(fields["carer"].pk)) from None
    _set_actions(plan, actions)
    return plan


def _budget_problems(assessment: Assessment, personal_budget, support_options) -> list[str]:
    # Funded support needs eligible needs, or needs the council must meet anyway (a Welsh s32(1)(b)/(c)
    # determination), or services decided on without national criteria (Assessment.needs_to_be_met).
    problems = []
    if personal_budget is not None and not assessment.needs_to_be_met:
        problems.append("budget_not_eligible")
    if SupportOption.DIRECT_PAYMENT in (support_options or []) and not assessment.needs_to_be_met:
        problems.append("direct_payment_not_eligible")
    return problems


@transaction.atomic
def create_plan(assessment: Assessment, *, data: dict, actions, actor) -> SupportPlan:
    """Start a draft plan from a completed assessment, as the next version of the carer's plan."""
    if assessment.status != AssessmentStatus.COMPLETED:
        raise NotReady(["assessment_not_completed"])
    problems = _budget_problems(assessment, data.get("personal_budget"), data.get("support_options"))
    if problems:
        raise NotReady(problems)
    existing = draft_for(assessment.carer_id)
    if existing is not None:
        raise DraftExists(existing)
    return _insert(
        carer=assessment.carer,
        assessment=assessment,
        plan_version=_next_number(assessment.carer_id),
        previous=_latest_in_chain(assessment.carer_id),
        status=Status.DRAFT,
        outcomes=data["outcomes"],
        support_options=list(data.get("support_options") or []),
        personal_budget=data.get("personal_budget"),
        review_date=data["review_date"],
        created_by=actor,
        actions=actions,
    )


@transaction.atomic
def update_draft(plan: SupportPlan, *, expected_version: int, data: dict, actions, actor) -> SupportPlan:
    if plan.status != Status.DRAFT:
        raise NotReady(["not_draft"])
    problems = _budget_problems(plan.assessment, data.get("personal_budget"), data.get("support_options"))
    if problems:
        raise NotReady(problems)
    claim_version(plan, expected_version, status=Status.DRAFT)
    plan.outcomes = data["outcomes"]
    plan.support_options = list(data.get("support_options") or [])
    plan.personal_budget = data.get("personal_budget")
    plan.review_date = data["review_date"]
    plan.save(update_fields=["outcomes", "support_options", "personal_budget", "review_date"])
    _set_actions(plan, actions)
    return plan


@transaction.atomic
def start_change(plan: SupportPlan, *, actor) -> SupportPlan:
    """"Change the plan": a draft of the next version, starting from this one's content."""
    if plan.status != Status.AGREED:
        raise NotReady(["not_agreed"])
    existing = draft_for(plan.carer_id)
    if existing is not None:
        raise DraftExists(existing)
    review_date = plan.review_date
    if review_date <= timezone.localdate():
        review_date = default_review_date()
    return _insert(
        carer=plan.carer,
        assessment=plan.assessment,
        plan_version=_next_number(plan.carer_id),
        previous=plan,
        status=Status.DRAFT,
        outcomes=plan.outcomes,
        support_options=list(plan.support_options),
        personal_budget=plan.personal_budget,
        review_date=review_date,
        created_by=actor,
        actions=_copy_actions(plan),
    )


def agree_problems(plan: SupportPlan) -> list[str]:
    problems = []
    if plan.status != Status.DRAFT:
        problems.append("not_draft")
    if not plan.outcomes.strip():
        problems.append("no_outcomes")
    if plan.review_date <= timezone.localdate():
        problems.append("review_date_past")
    problems += _budget_problems(plan.assessment, plan.personal_budget, plan.support_options)
    return problems


def _days_from_assessment(plan: SupportPlan) -> int | None:
    completed = plan.assessment.completed_at
    if completed is None:
        return None
    return (timezone.localdate(plan.agreed_at) - timezone.localdate(completed)).days


@transaction.atomic
def agree(plan: SupportPlan, *, expected_version: int, actor) -> SupportPlan:
    """Draft -> agreed. The version it replaces (if any) is superseded at the same moment."""
    problems = agree_problems(plan)
    if problems:
        raise NotReady(problems)
    claim_version(plan, expected_version, status=Status.DRAFT)
    # Whatever was in force before stops being in force (normally just ``previous``).
    SupportPlan.objects.filter(carer_id=plan.carer_id, status=Status.AGREED).exclude(pk=plan.pk).update(
        status=Status.SUPERSEDED
    )
    # The first agreed plan resting on an assessment is the one "time from assessment to plan" counts.
    first_for_assessment = not (
        SupportPlan.objects.filter(assessment_id=plan.assessment_id, agreed_at__isnull=False).exclude(pk=plan.pk).exists()
    )
    plan.status = Status.AGREED
    plan.agreed_at, plan.agreed_by = timezone.now(), actor
    plan.save(update_fields=["status", "agreed_at", "agreed_by"])
    record_event(
        EventKind.PLAN_AGREED,
        actor=actor,
        person=plan.carer,
        obj=plan,
        data={
            "personal_budget": None if plan.personal_budget is None else str(plan.personal_budget),
            "support_options": list(plan.support_options),
            "days_from_assessment": _days_from_assessment(plan),
            "plan_version": plan.plan_version,
            "first_for_assessment": first_for_assessment,
        },
    )
    return plan


@transaction.atomic
def discard_draft(plan: SupportPlan, *, expected_version: int, actor) -> None:
    """Throw away a draft that will not be agreed. Agreed versions are never deleted."""
    if plan.status != Status.DRAFT:
        raise NotReady(["not_draft"])
    claim_version(plan, expected_version, status=Status.DRAFT)
    plan.delete()


@transaction.atomic
def record_review(
    plan: SupportPlan,
    *,
    expected_version: int,
    reviewed_on: datetime.date,
    outcome: str,
    notes: str,
    next_review_date: datetime.date | None = None,
    actor,
):
    """Record the review of the plan in force, and do what its outcome needs.

    Returns ``(review, follow_on)``; follow_on is the plan version now in force ("no change"),
    the draft to work on ("plan changed"), the new review assessment ("re-assess") or None ("closed").
    """
    if plan.status != Status.AGREED:
        raise NotReady(["not_agreed"])
    if plan.reviews.exists():
        raise NotReady(["already_reviewed"])
    draft = draft_for(plan.carer_id)
    if outcome == Review.Outcome.NO_CHANGE:
        if draft is not None:
            raise NotReady(["draft_exists"])
        if next_review_date is None or next_review_date <= timezone.localdate():
            raise NotReady(["review_date_past"])
    claim_version(plan, expected_version, status=Status.AGREED)
    review = Review.objects.create(
        plan=plan,
        reviewed_on=reviewed_on,
        was_due_on=plan.review_date,
        outcome=outcome,
        notes=notes,
        reviewed_by=actor,
    )
    follow_on = None
    if outcome == Review.Outcome.NO_CHANGE:
        follow_on = _continue_unchanged(plan, next_review_date, actor)
    elif outcome == Review.Outcome.PLAN_CHANGED:
        follow_on = draft if draft is not None else start_change(plan, actor=actor)
    elif outcome == Review.Outcome.REASSESS:
        previous_assessment = plan.assessment
        follow_on = assessment_services.start_assessment(
            carer=plan.carer,
            assessment_type=AssessmentType.REVIEW,
            organisation=previous_assessment.assessing_organisation,
            cared_for=list(previous_assessment.cared_for.all()),
            actor=actor,
        )
    elif outcome == Review.Outcome.CLOSED:
        plan.status, plan.ended_on = Status.CLOSED, reviewed_on
        plan.save(update_fields=["status", "ended_on"])
    record_event(
        EventKind.REVIEW_COMPLETED,
        actor=actor,
        person=plan.carer,
        obj=review,
        data={"on_time": review.on_time, "outcome": outcome},
    )
    return review, follow_on


def _continue_unchanged(plan: SupportPlan, next_review_date, actor) -> SupportPlan:
    """The next version, agreed at the review: the same content with the new review date.

    A new version rather than a changed date, so the version the carer holds a copy of is
    never altered, and "reviewed or not" is simply whether this version has a review.
    """
    SupportPlan.objects.filter(pk=plan.pk).update(status=Status.SUPERSEDED)
    plan.status = Status.SUPERSEDED
    now = timezone.now()
    return _insert(
        carer=plan.carer,
        assessment=plan.assessment,
        plan_version=_next_number(plan.carer_id),
        previous=plan,
        status=Status.AGREED,
        outcomes=plan.outcomes,
        support_options=list(plan.support_options),
        personal_budget=plan.personal_budget,
        review_date=next_review_date,
        agreed_at=now,
        agreed_by=actor,
        created_at=now,
        created_by=actor,
        actions=_copy_actions(plan),
    )


# --- Queues -------------------------------------------------------------------


def _not_reviewed(queryset):
    return queryset.filter(~Exists(Review.objects.filter(plan=OuterRef("pk"))))


def reviews_due(today: datetime.date | None = None, *, user=None):
    """Plans in force whose review date falls in the next 28 days (today included), soonest first.

    With a user, only plans of carers the user works with (people/relationships.py).
    """
    today = today or timezone.localdate()
    end = today + datetime.timedelta(days=REVIEW_DUE_WINDOW_DAYS)
    plans = SupportPlan.objects.filter(status=Status.AGREED, review_date__gte=today, review_date__lte=end)
    return _queue(_not_reviewed(plans), user)


def reviews_overdue(today: datetime.date | None = None, *, user=None):
    """Plans in force whose review date has passed with no review since, longest overdue first."""
    today = today or timezone.localdate()
    plans = SupportPlan.objects.filter(status=Status.AGREED, review_date__lt=today)
    return _queue(_not_reviewed(plans), user)


def _queue(queryset, user):
    if user is not None:
        related = people_services.about_related(user, "carer_id")
        if related is not None:
            queryset = queryset.filter(related)
    return queryset.select_related("carer", "carer__carer__case_worker").order_by("review_date", "pk")


def home_items(user):
    if not user.has_perm(VIEW_PLAN):
        return []
    queue = reverse("plans:reviews")
    return [
        WorkQueue(queue, _("Reviews overdue"), shared_count(reviews_overdue(user=user)), order=60),
        WorkQueue(queue, _("Reviews due in the next 28 days"), shared_count(reviews_due(user=user)), order=70),
    ]


# --- Actions a plan gives a partner organisation (issue 11) -----------------------------------


def actions_for_organisation(user):
    """Open actions for the user's organisation: actions of plans in force (agreed, not ended) that
    name it, for carers the user works with (a partner: those shared with it by an accepted referral
    under consent, people/relationships.py reason 6). Soonest due first, undated last."""
    if not user.is_authenticated or not user.organisation_id:
        return PlanAction.objects.none()
    rows = PlanAction.objects.filter(
        organisation_id=user.organisation_id, plan__status=Status.AGREED, plan__ended_on__isnull=True
    )
    related = people_services.about_related(user, "plan__carer_id")
    if related is not None:
        rows = rows.filter(related)
    return rows.select_related("plan__carer").order_by(F("due_by").asc(nulls_last=True), "pk")


def partner_home_items(user):
    """The partner worker's queue of plan actions for their organisation (the list is on "Carers shared with us")."""
    if not (user.is_authenticated and user.has_role(Role.PARTNER_WORKER) and user.organisation_id):
        return []
    return [
        WorkQueue(
            reverse("referrals:shared") + "#plan-actions",
            _("Support plan actions for our organisation"),
            actions_for_organisation(user).count(),
            order=30,
        )
    ]


# Parts other apps add to a support plan's page (signposting's picks for the plan's referrals part),
# registered in their AppConfig.ready(): core/panels.py.
_detail_panels = panels.Panels()


def register_detail_panel(provider) -> None:
    """Add ``provider(user, plan) -> core.panels.Panel | None``; it checks the user's permissions itself."""
    _detail_panels.register(provider)


def detail_panels(user, plan) -> list:
    return _detail_panels.for_page(user, plan)
