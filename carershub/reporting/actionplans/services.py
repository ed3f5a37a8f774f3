"""Action plans: making and changing them (one transaction each; actions version-checked), progress notes
appended, and the highlight report worked out from the actions (highlights.py, pure).

A plan is a commissioning record of its organisation, not a count of people, so changes write no
activity event: the notes keep who wrote what and when, and a change that finds another version
saves nothing (core/locking.py).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Prefetch

from carershub.core.locking import claim_version
from carershub.reporting.actionplans import highlights
from carershub.reporting.actionplans.models import Action, ActionPlan, Priority, ProgressNote, Workstream


def visible(user):
    """The plans this user may see: their own organisation's (decision 5: scoped on the server)."""
    if not user.is_authenticated or not user.organisation_id:
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(organisation_id=user.organisation_id)


def _next_position(related) -> int:
    return (related.aggregate(top=Max("position"))["top"] or 0) + 1


def author_name(user) -> str:
    if user is None:
        return ""
    name = user.get_full_name() or user.get_username()
    return f"{name}, {user.organisation.name}" if getattr(user, "organisation", None) else name


@transaction.atomic
def create_plan(*, actor, title, summary="", organisation=None) -> ActionPlan:
    return ActionPlan.objects.create(title=title, summary=summary, organisation=organisation or actor.organisation,
                                     created_by=actor)


@transaction.atomic
def change_plan(plan, *, expected_version, title, summary) -> ActionPlan:
    claim_version(plan, expected_version)
    plan.title, plan.summary = title, summary
    plan.save(update_fields=["title", "summary"])
    return plan


@transaction.atomic
def add_priority(plan, *, title) -> Priority:
    return Priority.objects.create(plan=plan, position=_next_position(plan.priorities), title=title)


@transaction.atomic
def add_workstream(priority, *, title) -> Workstream:
    return Workstream.objects.create(priority=priority, position=_next_position(priority.workstreams), title=title)


@transaction.atomic
def add_action(workstream, *, actor, title, owner_name="", owner_organisation="", due=None,
               status=highlights.NOT_STARTED, note="") -> Action:
    action = Action.objects.create(
        workstream=workstream, position=_next_position(workstream.actions), title=title, owner_name=owner_name,
        owner_organisation=owner_organisation, due_year=due.year if due else None,
        due_quarter=due.number if due else None, status=status,
    )
    if note:
        add_note(action, actor=actor, text=note)
    return action


@transaction.atomic
def change_action(action, *, expected_version, actor, title, owner_name, owner_organisation, due, status, workstream,
                  note="") -> Action:
    """The action's details and status; a progress note, if given, is appended in the same transaction."""
    claim_version(action, expected_version)
    action.title, action.owner_name, action.owner_organisation = title, owner_name, owner_organisation
    action.due_year, action.due_quarter = (due.year, due.number) if due else (None, None)
    action.status, action.workstream = status, workstream
    action.save(update_fields=["title", "owner_name", "owner_organisation", "due_year", "due_quarter", "status",
                               "workstream"])
    if note:
        add_note(action, actor=actor, text=note)
    return action


def add_note(action, *, actor, text, written_at=None) -> ProgressNote:
    note = ProgressNote(action=action, author=actor, author_name=author_name(actor), status=action.status, text=text)
    if written_at is not None:
        note.written_at = written_at
    note.save()
    return note


# ---------------------------------------------------------------- reading a plan


def structure(plan):
    """The plan's priorities, each with its workstreams, each with its actions and their notes (four queries)."""
    return list(plan.priorities.prefetch_related(
        Prefetch("workstreams", queryset=Workstream.objects.prefetch_related(
            Prefetch("actions", queryset=Action.objects.prefetch_related("notes"))))))


@dataclass
class HighlightRow:
    priority: Priority
    workstream: Workstream
    counts: highlights.Counts
    latest: ProgressNote | None  # the latest progress note of any of its actions
    latest_action: Action | None


@dataclass
class Highlight:
    plan: ActionPlan
    rows: list
    whole: highlights.Counts
    today: object


def highlight(plan, today) -> Highlight:
    priorities = structure(plan)
    inputs, latest = [], {}
    for priority in priorities:
        for workstream in priority.workstreams.all():
            for action in workstream.actions.all():
                inputs.append(highlights.ActionInput(workstream.pk, action.status, action.due))
                notes = list(action.notes.all())
                if notes:
                    newest = notes[0]  # notes are ordered newest first
                    seen = latest.get(workstream.pk)
                    if seen is None or (newest.written_at, newest.pk) > (seen[0].written_at, seen[0].pk):
                        latest[workstream.pk] = (newest, action)
    per, whole = highlights.highlight_counts(inputs, today)
    rows = []
    for priority in priorities:
        for workstream in priority.workstreams.all():
            note, action = latest.get(workstream.pk, (None, None))
            rows.append(HighlightRow(priority, workstream, per.get(workstream.pk, highlights.Counts()), note, action))
    return Highlight(plan, rows, whole, today)


def home_items(user):
    """A shortcut to action plans on the home page of those who may use them (no query of its own)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.actionplans.rules import VIEW_ACTION_PLANS

    if not user.has_perm(VIEW_ACTION_PLANS):
        return []
    return [Shortcut(reverse("actionplans:index"), _("Action plans"), order=89)]
