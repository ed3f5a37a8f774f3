"""The working file's operations, each one transaction that leaves an activity event.

Notes are written once and corrected by addenda; tasks are created, reassigned and completed
with optimistic locking; an urgent or safeguarding concern (from a contact or a note) raises an
alert on the record, a task for the team that raised it and a place on the concerns queue until
the decision on it is recorded.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.accounts.models import SERVICE_ROLES
from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.casework.models import (
    PRIORITY_RANK,
    Alert,
    AlertKind,
    CaseNote,
    Decision,
    Priority,
    Task,
    TaskKind,
)
from carershub.casework.rules import VIEW_CONCERNS, VIEW_MY_WORK
from carershub.core.locking import claim_version
from carershub.core.ukdata import format_phone
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.partnership.models import Organisation
from carershub.people import services as people_services
from carershub.people.services import visible_person_or_404

# ---------------------------------------------------------------- notes


def _links(note: CaseNote) -> dict:
    return {
        name: getattr(note, f"{name}_id")
        for name in ("contact", "assessment", "plan", "addendum_to")
        if getattr(note, f"{name}_id")
    }


@transaction.atomic
def write_note(person, *, category, text, happened_on, actor, restricted=False, concern="", contact=None,
               assessment=None, plan=None) -> CaseNote:
    note = CaseNote(
        person=person,
        category=category,
        text=text,
        happened_on=happened_on,
        restricted=restricted,
        concern=concern or "",
        contact=contact,
        assessment=assessment,
        plan=plan,
        author=actor,
        organisation_id=actor.organisation_id,
    )
    note.save()
    record_event(
        EventKind.NOTE_WRITTEN,
        actor=actor,
        person=person,
        obj=note,
        data={"category": category, "restricted": restricted, "concern": note.concern, **_links(note)},
    )
    if note.concern:
        raise_alert(person=person, note=note, kind=note.concern, summary=text, actor=actor)
    return note


@transaction.atomic
def add_addendum(note: CaseNote, *, text, actor) -> CaseNote:
    """A later note that corrects or adds to ``note``, which stays exactly as it was written."""
    original = note.addendum_to or note
    addendum = CaseNote(
        person_id=original.person_id,
        category=original.category,
        happened_on=timezone.localdate(),
        text=text,
        restricted=original.restricted,
        addendum_to=original,
        author=actor,
        organisation_id=actor.organisation_id,
    )
    addendum.save()
    record_event(
        EventKind.NOTE_ADDENDUM,
        actor=actor,
        person=original.person,
        obj=addendum,
        data={"addendum_to": original.pk, "restricted": addendum.restricted},
    )
    return addendum


def notes_readable_by(user, person):
    """The person's notes this user may read, newest first, with their addenda."""
    return (
        CaseNote.objects.readable_by(user)
        .filter(person=person, addendum_to__isnull=True)
        .select_related("author", "organisation")
        .prefetch_related("addenda__author")
    )


def note_or_404(user, pk) -> CaseNote:
    note = get_object_or_404(CaseNote.objects.select_related("person", "author", "organisation"), pk=pk)
    visible_person_or_404(user, note.person_id)
    if not CaseNote.objects.readable_by(user).filter(pk=note.pk).exists():
        # A restricted note of another team: the same answer as a note that does not exist.
        raise Http404
    return note


# ---------------------------------------------------------------- tasks


def due_moment(due_on: datetime.date, due_time: datetime.time | None) -> datetime.datetime:
    """When a task falls due: its time on the day, or the end of the day when no time is given."""
    at = due_time or datetime.time(23, 59, 59)
    return timezone.make_aware(datetime.datetime.combine(due_on, at))


@transaction.atomic
def create_task(*, title, due_on, actor, team=None, person=None, contact=None, note=None, alert=None,
                kind=TaskKind.OTHER, details="", due_time=None, priority=Priority.NORMAL, assigned_to=None) -> Task:
    task = Task.objects.create(
        person=person,
        contact=contact,
        note=note,
        alert=alert,
        kind=kind,
        title=title,
        details=details,
        due_on=due_on,
        due_time=due_time,
        due_at=due_moment(due_on, due_time),
        priority=priority,
        priority_rank=PRIORITY_RANK[priority],
        assigned_to=assigned_to,
        team_id=(team.pk if team is not None else actor.organisation_id),
        created_by=actor,
    )
    record_event(
        EventKind.TASK_CREATED,
        actor=actor,
        person=person,
        obj=task,
        data={"kind": kind, "priority": priority, "assigned_to": task.assigned_to_id, "team": task.team_id},
    )
    return task


@transaction.atomic
def complete_task(task: Task, *, expected_version, outcome, actor) -> Task:
    """Raises StaleRecordError if somebody changed or completed the task since it was read."""
    now = timezone.now()
    claim_version(task, expected_version, completed_at__isnull=True)
    Task.objects.filter(pk=task.pk).update(completed_at=now, completed_by=actor, outcome=outcome)
    task.completed_at, task.completed_by, task.outcome = now, actor, outcome
    record_event(
        EventKind.TASK_COMPLETED,
        actor=actor,
        person=task.person,
        obj=task,
        data={"kind": task.kind, "overdue": now > task.due_at},
    )
    return task


@transaction.atomic
def reassign_task(task: Task, *, expected_version, assigned_to, actor) -> Task:
    """Give the task to a worker of the manager's team, or to the team as a whole: a manager who
    works with the carer may take another team's task into their own."""
    before = (task.assigned_to_id, task.team_id)
    claim_version(task, expected_version, completed_at__isnull=True)
    team_id = assigned_to.organisation_id if assigned_to is not None else actor.organisation_id
    Task.objects.filter(pk=task.pk).update(assigned_to=assigned_to, team_id=team_id)
    task.assigned_to, task.team_id = assigned_to, team_id
    record_event(
        EventKind.TASK_REASSIGNED,
        actor=actor,
        person=task.person,
        obj=task,
        data={"from": before[0], "to": assigned_to.pk if assigned_to else None, "from_team": before[1], "team": team_id},
    )
    return task


def _tasks_scope(user, tasks):
    """Tasks about people the user may still open (a task about a caller with no record yet is
    its team's)."""
    related = people_services.about_related(user, "person_id", opened=True)
    if related is None:
        return tasks
    return tasks.filter(Q(person__isnull=True) | related)


def open_tasks(user):
    return _tasks_scope(user, Task.objects.filter(completed_at__isnull=True)).select_related(
        "person", "assigned_to", "team", "contact"
    )


def my_tasks(user):
    """Open tasks assigned to the user: overdue first (soonest due first), then by priority."""
    return open_tasks(user).filter(assigned_to=user).order_by("due_at", "priority_rank", "pk")


def team_tasks(user):
    """Open tasks of the user's team (organisation), whoever holds them."""
    if not user.organisation_id:
        return Task.objects.none()
    return open_tasks(user).filter(team_id=user.organisation_id).order_by("due_at", "priority_rank", "pk")


def task_or_404(user, pk) -> Task:
    task = get_object_or_404(
        Task.objects.select_related("person", "assigned_to", "team", "created_by", "completed_by", "contact", "alert"),
        pk=pk,
    )
    if task.person_id:
        visible_person_or_404(user, task.person_id)
    elif not (task.assigned_to_id == user.pk or (user.organisation_id and task.team_id == user.organisation_id)):
        raise Http404
    return task


def tasks_for_person(person):
    return (
        Task.objects.filter(person=person, completed_at__isnull=True)
        .select_related("assigned_to", "team")
        .order_by("due_at", "priority_rank", "pk")
    )


def teams():
    """The organisations that have staff: the teams a list can be narrowed to."""
    return Organisation.objects.filter(is_active=True, staff__isnull=False).distinct().order_by("name", "pk")


def team_members(organisation_id):
    """Who a team manager may give a task to: active service staff of the same organisation."""
    return (
        get_user_model()
        .objects.filter(is_active=True, organisation_id=organisation_id, roles__role__in=SERVICE_ROLES)
        .distinct()
        .order_by("first_name", "last_name")
    )


# ---------------------------------------------------------------- alerts and concerns


@transaction.atomic
def raise_alert(*, kind, summary, actor, person=None, contact=None, note=None) -> Alert:
    """An alert on the record; an urgent or safeguarding one also puts a task on the duty team's
    list (duty_team_for), due today, and waits on the concerns queue until the decision is recorded."""
    alert = Alert.objects.create(
        person=person,
        contact=contact,
        note=note,
        kind=kind,
        summary=summary,
        raised_by=actor,
        organisation_id=actor.organisation_id,
    )
    record_event(EventKind.ALERT_RAISED, actor=actor, person=person, obj=alert, data={"kind": kind})
    if alert.is_concern:
        create_task(
            team=duty_team_for(person, actor),
            kind=TaskKind.CONCERN,
            title=_("Decide what to do about the concern"),
            details=summary[:2000],
            due_on=timezone.localdate(),
            priority=Priority.URGENT,
            person=person,
            contact=contact,
            note=note,
            alert=alert,
            actor=actor,
        )
    return alert


def duty_team_for(person, actor):
    """Who acts on a concern: the council of the person's area, which holds the duty to make
    enquiries (Care Act 2014 s42; SSWA 2014 s126), else the team of the worker who raised it."""
    if person is not None and person.area_id:
        council = (
            Organisation.objects.filter(kind=Organisation.Kind.COUNCIL, is_active=True, area_id=person.area_id)
            .order_by("pk")
            .first()
        )
        if council is not None:
            return council
    return actor.organisation


def decisions_for(alert: Alert):
    """The decisions that fit the concern and the nation whose law applies (the person's area,
    else the team's): England's Care Act s42, or Wales's SSWA s126 and s130."""
    nation = None
    if alert.person_id and alert.person.area_id:
        nation = alert.person.area.nation
    elif alert.organisation.area_id:
        nation = alert.organisation.area.nation
    child = alert.kind == AlertKind.CHILD_SAFEGUARDING
    adult = alert.kind == AlertKind.ADULT_SAFEGUARDING
    choices = []
    if adult and nation != "wales":
        choices.append(Decision.REFERRED_ADULT_ENGLAND)
    if adult and nation != "england":
        choices.append(Decision.REFERRED_ADULT_WALES)
    if child:
        choices.append(Decision.REFERRED_CHILD)
        if nation != "england":
            choices.append(Decision.REFERRED_CHILD_WALES)
    choices += [Decision.EMERGENCY_SERVICES, Decision.SUPPORT_ARRANGED, Decision.NO_FURTHER_ACTION]
    return choices


@transaction.atomic
def record_decision(alert: Alert, *, expected_version, decision, reason, actor, end_alert=False) -> Alert:
    """Record what was decided; the concern's open tasks are done with it. Raises StaleRecordError
    if somebody else decided or changed the alert since it was read."""
    now = timezone.now()
    claim_version(alert, expected_version, decided_at__isnull=True)
    Alert.objects.filter(pk=alert.pk).update(decision=decision, decision_reason=reason, decided_by=actor, decided_at=now)
    alert.decision, alert.decision_reason, alert.decided_by, alert.decided_at = decision, reason, actor, now
    record_event(
        EventKind.CONCERN_DECIDED, actor=actor, person=alert.person, obj=alert, data={"kind": alert.kind, "decision": decision}
    )
    for task in Task.objects.filter(alert=alert, completed_at__isnull=True):
        complete_task(task, expected_version=task.version, outcome=str(Decision(decision).label), actor=actor)
    if end_alert:
        _end(alert, expected_version=alert.version, reason=reason, actor=actor)
    return alert


@transaction.atomic
def end_alert(alert: Alert, *, expected_version, reason, actor) -> Alert:
    return _end(alert, expected_version=expected_version, reason=reason, actor=actor)


def _end(alert, *, expected_version, reason, actor):
    now = timezone.now()
    claim_version(alert, expected_version, ended_at__isnull=True)
    Alert.objects.filter(pk=alert.pk).update(ended_at=now, ended_by=actor, end_reason=reason)
    alert.ended_at, alert.ended_by, alert.end_reason = now, actor, reason
    record_event(EventKind.ALERT_ENDED, actor=actor, person=alert.person, obj=alert, data={"kind": alert.kind})
    return alert


def alerts_visible_to(user):
    """Alerts about people the user may open, and those their own team raised about callers with no record."""
    if not user.is_authenticated:
        return Alert.objects.none()
    related = people_services.about_related(user, "person_id", opened=True)
    if related is None:
        return Alert.objects.all()
    own = Q(person__isnull=True, organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return Alert.objects.filter(related | own)


def concerns_waiting(user):
    """Urgent and safeguarding concerns with no decision yet, longest waiting first."""
    return (
        alerts_visible_to(user)
        .undecided()
        .select_related("person__area", "contact", "raised_by", "organisation__area")
        .order_by("raised_at", "pk")
    )


def alert_or_404(user, pk) -> Alert:
    alert = get_object_or_404(
        Alert.objects.select_related(
            "person__area", "contact", "note", "raised_by", "organisation__area", "decided_by", "ended_by"
        ),
        pk=pk,
    )
    if alert.person_id:
        visible_person_or_404(user, alert.person_id)
    elif not alerts_visible_to(user).filter(pk=alert.pk).exists():
        raise Http404
    return alert


def current_alerts(person):
    return Alert.objects.current().filter(person=person).select_related("raised_by").order_by("-raised_at", "-pk")


# ---------------------------------------------------------------- the front door's hooks


def after_contact_logged(contact, *, actor, follow_up):
    """An urgent or safeguarding contact raises its alert; a call back asked for becomes a task."""
    if contact.concern:
        raise_alert(
            kind=contact.concern,
            summary=contact.urgent_details or contact.what_matters,
            actor=actor,
            person=contact.person,
            contact=contact,
        )
    if follow_up.get("call_back") and follow_up.get("call_back_on"):
        name = contact.carer_name or contact.caller_name
        create_task(
            kind=TaskKind.CALL_BACK,
            title=_("Call back %(name)s") % {"name": name} if name else _("Call back the caller"),
            details=format_phone(contact.phone) if contact.phone and not contact.person_id else "",
            due_on=follow_up["call_back_on"],
            due_time=follow_up.get("call_back_time"),
            priority=Priority.HIGH if contact.concern else Priority.NORMAL,
            person=contact.person,
            contact=contact,
            assigned_to=actor,
            actor=actor,
        )


def after_contact_linked(contact, person, *, actor):
    """What followed a caller with no record (alerts, tasks) moves to their record with the contact."""
    alerts = list(Alert.objects.filter(contact=contact, person__isnull=True).values_list("pk", flat=True))
    tasks = list(Task.objects.filter(contact=contact, person__isnull=True).values_list("pk", flat=True))
    Alert.objects.filter(pk__in=alerts).update(person=person)
    Task.objects.filter(pk__in=tasks).update(person=person)
    # Their events were written with no person: they belong on the record's timeline now.
    for label, pks in (("casework.alert", alerts), ("casework.task", tasks)):
        if pks:
            Event.objects.filter(object_type=label, object_id__in=pks, person__isnull=True).update(person=person)


# ---------------------------------------------------------------- the home page


def home_items(user):
    items = []
    if user.has_perm(VIEW_MY_WORK):
        items.append(Shortcut(reverse("casework:my_work"), _("My work"), order=5))
        overdue = my_tasks(user).filter(due_at__lt=timezone.now()).count()
        items.append(WorkQueue(reverse("casework:my_work"), _("Your tasks overdue"), overdue, order=6))
    if user.has_perm(VIEW_CONCERNS):
        items.append(WorkQueue(reverse("casework:concerns"), _("Concerns waiting for a decision"), concerns_waiting(user).count(), order=7))
    return items


# ---------------------------------------------------------------- data-protection rights


def erase_casework_of(person) -> dict:
    """Blank what was written in the person's case notes, tasks and alerts (privacy's erasure).

    The rows stay, with their kinds, dates and who wrote them, so counted events and the access
    log still make sense; an update in the database, not save(), so the notes' "never rewritten"
    rule (which is for workers) does not stand in the way of the person's right to erasure.
    """
    return {
        "case_notes": CaseNote.objects.filter(person=person).update(text=""),
        "tasks": Task.objects.filter(person=person).update(title="", details="", outcome=""),
        "alerts": Alert.objects.filter(person=person).update(summary="", decision_reason="", end_reason=""),
    }


def for_subject_access(person):
    """Everything casework holds about the person, oldest first: notes (with addenda), tasks, alerts."""
    return {
        "notes": CaseNote.objects.filter(person=person).select_related("author__organisation").order_by("written_at", "pk"),
        "tasks": Task.objects.filter(person=person).select_related("assigned_to", "team", "created_by").order_by("created_at", "pk"),
        "alerts": Alert.objects.filter(person=person).select_related("raised_by", "decided_by", "ended_by").order_by("raised_at", "pk"),
    }
