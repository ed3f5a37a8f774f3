"""The "my work" view: the user's tasks and their team's, concerns waiting for a decision, and the
other work that waits on somebody (decisions and sign-offs, reviews, young carers turning 18,
self-assessments), each with how long it has waited, in one list that filters by council, team,
worker and area.

Each source is one query, filtered in the database and capped; the rows are then put in one order:
overdue first, then the longest waiting.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.assessments import services as assessment_services
from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.assessments.rules import CHANGE_ASSESSMENT, SIGN_OFF_ASSESSMENT, VIEW_TRANSITION_QUEUE
from carershub.casework import services
from carershub.casework.rules import VIEW_CONCERNS
from carershub.core.listfilters import AREA, COUNCIL, WORKER, apply_filters
from carershub.core.workqueues import QUEUE_PAGE_LIMIT
from carershub.selfassessment import services as self_assessment_services
from carershub.selfassessment.rules import REVIEW_SELF_ASSESSMENTS
from carershub.support import services as support_services
from carershub.support.rules import VIEW_PLAN

SOURCE_LIMIT = 200


@dataclass
class WorkItem:
    source: str  # the filter key: tasks, concerns, decisions, reviews, transitions, self_assessments
    kind: str  # what it is, in words
    title: str
    href: str
    waiting_since: datetime.datetime | datetime.date
    due: datetime.datetime | datetime.date | None = None
    person_name: str = ""
    person: object = None  # the record it is about, for the access log; None for a caller with no record
    holder: str = ""
    priority: str = ""
    urgent: bool = False

    def _as_datetime(self, value):
        if isinstance(value, datetime.datetime):
            return value
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))

    def is_overdue(self, now) -> bool:
        if self.due is None:
            return False
        if isinstance(self.due, datetime.datetime):
            return self.due < now
        return self.due < timezone.localdate(now)

    def sort_key(self, now):
        return (not self.urgent, not self.is_overdue(now), self._as_datetime(self.waiting_since))


def _narrow(queryset, form, *, council=None, team=None, worker=None, area=None):
    """Apply each chosen filter through this source's own way of reaching it (a field path, or a
    function of the chosen record giving a Q; core/listfilters.py). A source with no way to a
    chosen filter has nothing that matches it (a self-assessment has no worker yet)."""
    if form is None:
        return queryset
    chosen = form.chosen()
    paths = {COUNCIL: council, AREA: area, WORKER: worker}
    if any(name in chosen and path is None for name, path in paths.items()) or (form.team and team is None):
        return queryset.none()
    queryset = apply_filters(queryset, form, **{name: path for name, path in paths.items() if path is not None})
    return queryset.filter(**{team: form.team}) if form.team else queryset


def _in_area_of(field):
    """A council filter for rows reached through a person: the council's own area."""
    return lambda council: Q(**{field: council.area_id})


def _name(person) -> str:
    return person.full_name if person is not None else ""


def _user_name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _tasks(user, form):
    whose = form.whose_tasks if form is not None else "mine"
    tasks = services.team_tasks(user) if whose == "team" else services.my_tasks(user)
    tasks = _narrow(
        tasks,
        form,
        council=lambda council: Q(team=council) | Q(person__area_id=council.area_id),
        team="team",
        worker="assigned_to",
        area="person__area",
    )
    for task in tasks[:SOURCE_LIMIT]:
        yield WorkItem(
            source="tasks",
            kind=task.get_kind_display(),
            title=task.title,
            href=reverse("casework:task", args=[task.pk]),
            waiting_since=task.created_at,
            due=task.due_at,
            person=task.person,
            person_name=_name(task.person) or (task.contact.carer_name if task.contact_id else ""),
            holder=_user_name(task.assigned_to) or task.team.name,
            priority=task.get_priority_display(),
            urgent=task.priority == "urgent",
        )


def _concerns(user, form):
    if not user.has_perm(VIEW_CONCERNS):
        return
    alerts = _narrow(
        services.concerns_waiting(user),
        form,
        council=lambda council: Q(organisation=council) | Q(person__area_id=council.area_id),
        team="organisation",
        worker="raised_by",
        area="person__area",
    )
    for alert in alerts[:SOURCE_LIMIT]:
        yield WorkItem(
            source="concerns",
            kind=alert.get_kind_display(),
            title=_("Decide what to do about the concern"),
            href=reverse("casework:alert", args=[alert.pk]),
            waiting_since=alert.raised_at,
            due=alert.raised_at,
            person=alert.person,
            person_name=_name(alert.person) or (alert.contact.carer_name if alert.contact_id else ""),
            holder=alert.organisation.name,
            urgent=True,
        )


def _decisions(user, form):
    rows = []
    if user.has_perm(CHANGE_ASSESSMENT):
        waiting = Assessment.objects.worked_on_by(user).filter(status=AssessmentStatus.SUBMITTED)
        rows.append((waiting, _("Assessment waiting for a decision"), "submitted_at"))
    if user.has_perm(SIGN_OFF_ASSESSMENT):
        to_sign = Assessment.objects.filter(status=AssessmentStatus.DECIDED, assessing_organisation_id=user.organisation_id)
        rows.append((to_sign, _("Decision waiting for sign-off"), "decided_at"))
    for queryset, kind, since in rows:
        queryset = _narrow(
            queryset.visible_to(user),
            form,
            council="assessing_organisation",
            team="assessing_organisation",
            worker="assessor",
            area="carer__area",
        ).select_related("carer", "assessor", "assessing_organisation").order_by(since, "pk")
        for assessment in queryset[:SOURCE_LIMIT]:
            yield WorkItem(
                source="decisions",
                kind=kind,
                title=assessment.get_assessment_type_display(),
                href=reverse("assessments:detail", args=[assessment.pk]),
                waiting_since=getattr(assessment, since) or assessment.started_at,
                person_name=_name(assessment.carer),
                person=assessment.carer,
                holder=_user_name(assessment.assessor) or assessment.assessing_organisation.name,
            )


def _reviews(user, form):
    if not user.has_perm(VIEW_PLAN):
        return
    today = timezone.localdate()
    for queryset, kind in (
        (support_services.reviews_overdue(today, user=user), _("Support plan review overdue")),
        (support_services.reviews_due(today, user=user), _("Support plan review due")),
    ):
        queryset = _narrow(
            queryset,
            form,
            council="assessment__assessing_organisation",
            team="assessment__assessing_organisation",
            worker="carer__carer__case_worker",
            area="carer__area",
        )
        for plan in queryset[:SOURCE_LIMIT]:
            case_worker = plan.carer.carer.case_worker if hasattr(plan.carer, "carer") else None
            yield WorkItem(
                source="reviews",
                kind=kind,
                title=_("Review of plan version %(number)s") % {"number": plan.plan_version},
                href=reverse("plans:detail", args=[plan.pk]),
                # A review waits from the day it fell due; one not yet due has not started waiting.
                waiting_since=min(plan.review_date, today),
                due=plan.review_date,
                person_name=_name(plan.carer),
                person=plan.carer,
                holder=_user_name(case_worker),
            )


def _transitions(user, form):
    if not user.has_perm(VIEW_TRANSITION_QUEUE):
        return
    people = _narrow(
        assessment_services.young_carers_turning_18(user=user),
        form,
        council=_in_area_of("area_id"),
        team="carer__case_worker__organisation",
        worker="carer__case_worker",
        area="area",
    )
    for person in people[:SOURCE_LIMIT]:
        eighteenth = assessment_services.eighteenth_birthday(person.date_of_birth)
        yield WorkItem(
            source="transitions",
            kind=_("Transition assessment needed"),
            title=_("Turns 18 on %(date)s") % {"date": eighteenth.strftime("%d/%m/%Y")},
            href=reverse("people:detail", args=[person.pk]),
            # Care Act 2014 s63-64: a young carer's transition assessment is due where it would be of
            # "significant benefit" (text not checked here); it waits from their 17th birthday.
            waiting_since=eighteenth.replace(year=eighteenth.year - 1),
            due=eighteenth,
            person_name=person.full_name,
            person=person,
            holder=_user_name(person.carer.case_worker),
        )


def _self_assessments(user, form):
    if not user.has_perm(REVIEW_SELF_ASSESSMENTS):
        return
    received = _narrow(
        self_assessment_services.awaiting_review(user),
        form,
        council=_in_area_of("area_id"),
        area="area",
    )
    for item in received[:SOURCE_LIMIT]:
        yield WorkItem(
            source="self_assessments",
            kind=_("Self-assessment to review"),
            title=item.reference if hasattr(item, "reference") else "",
            href=reverse("self_assessment:review", args=[item.pk]),
            waiting_since=item.submitted_at,
            person_name=f"{item.given_name} {item.family_name}".strip(),
        )


SOURCES = {
    "tasks": _tasks,
    "concerns": _concerns,
    "decisions": _decisions,
    "reviews": _reviews,
    "transitions": _transitions,
    "self_assessments": _self_assessments,
}


def work_for(user, form=None) -> tuple[list[WorkItem], bool]:
    """Everything waiting on this user (and, when asked, their team), most pressing first, and
    whether the list was cut at the page limit. ``form`` is the page's WorkFilterForm, if any."""
    now = timezone.now()
    chosen = (form.sources if form is not None else frozenset()) or frozenset(SOURCES)
    items = [item for key, source in SOURCES.items() if key in chosen for item in source(user, form)]
    items.sort(key=lambda item: item.sort_key(now))
    return items[:QUEUE_PAGE_LIMIT], len(items) > QUEUE_PAGE_LIMIT
