"""What casework adds to a person's page: the alert banner, the glance rows, the buttons, the
notes and tasks section, and its kinds of entry on the timeline (people/sections.py and
people/timeline.py own the page; casework registers here)."""

from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from carershub.activity.models import EventKind
from carershub.casework import services
from carershub.casework.models import Alert, CaseNote, Task, readable_q
from carershub.casework.rules import ADD_ALERT, ADD_NOTE, ADD_TASK, VIEW_NOTES
from carershub.core import reversing
from carershub.people import sections, timeline


CURRENT_ALERTS, OPEN_TASKS, NEWEST_NOTES = "casework_current_alerts", "casework_open_tasks", "casework_newest_notes"


def _current_alerts(person):
    # The banner and the glance both show them: read once for the page (none to read for a person
    # never given an alert, decision 62). The timeline's entries find theirs here too.
    return sections.read_once(
        person,
        CURRENT_ALERTS,
        lambda: list(services.current_alerts(person)) if sections.holds(person, "casework.alerts") else [],
    )


def _open_tasks(person):
    # The glance counts up to 50; the section lists the first 20.
    return sections.read_once(
        person,
        OPEN_TASKS,
        lambda: list(services.tasks_for_person(person)[:50]) if sections.holds(person, "casework.tasks") else [],
    )


def banners(user, person):
    """Every viewer of a page about the person sees their current alerts (not the concern's detail)."""
    found = []
    # Partners reading under consent see that there is an alert, not the concern behind it.
    may_read = user.has_perm(VIEW_NOTES, person)
    for alert in _current_alerts(person):
        kind = "safeguarding" if alert.is_safeguarding else "warning"
        found.append(
            sections.Banner(
                title=alert.get_kind_display(),
                text=_("Raised %(date)s by %(name)s") % {
                    "date": timezone.localtime(alert.raised_at).strftime("%d/%m/%Y"),
                    "name": alert.raised_by.get_full_name() or alert.raised_by.username,
                },
                href=reversing.url("casework:alert", alert.pk) if may_read else None,
                kind=kind,
            )
        )
    return found


def glances(user, person):
    if not user.has_perm(VIEW_NOTES, person):
        return []
    now = timezone.now()
    open_tasks = _open_tasks(person)
    overdue = sum(1 for task in open_tasks if task.due_at < now)
    count = len(open_tasks)
    if count:
        text = ngettext("%(count)s open task", "%(count)s open tasks", count) % {"count": count}
        if overdue:
            text += ", " + ngettext("%(count)s overdue", "%(count)s overdue", overdue) % {"count": overdue}
    else:
        text = _("None")
    alerts = len(_current_alerts(person))
    return [
        sections.Glance(
            label=_("Alerts"),
            text=(ngettext("%(count)s current alert", "%(count)s current alerts", alerts) % {"count": alerts}) if alerts else _("None"),
            order=5,
            tag="govuk-tag--red" if alerts else None,
        ),
        sections.Glance(
            label=_("Outstanding tasks"),
            text=text,
            href="#tasks" if count else None,
            order=40,
            tag="govuk-tag--red" if overdue else None,
        ),
    ]


def actions(user, person):
    found = []
    if user.has_perm(ADD_NOTE, person):
        found.append(sections.Action(_("Write a case note"), reversing.url("casework:new_note", person.pk), order=20))
    if user.has_perm(ADD_TASK, person):
        found.append(sections.Action(_("Add a task"), reversing.url("casework:new_task") + f"?person={person.pk}", order=30))
    if user.has_perm(ADD_ALERT, person):
        found.append(sections.Action(_("Add an alert"), reversing.url("casework:new_alert", person.pk), order=60))
    return found


def section(user, person):
    """Open tasks and the newest notes, under the page's summary."""
    if not user.has_perm(VIEW_NOTES, person):
        return None
    notes = sections.read_once(
        person,
        NEWEST_NOTES,
        lambda: list(services.notes_readable_by(user, person)[:5]) if sections.holds(person, "casework.notes") else [],
    )
    return sections.Section(
        "casework/_person_section.jinja",
        {
            "tasks": _open_tasks(person)[:20],
            "notes": notes,
            "person_pk": person.pk,
            "now": timezone.now(),
            "ended_alerts": sections.holds(person, "casework.alerts")
            and Alert.objects.filter(person=person, ended_at__isnull=False).exists(),
        },
        order=15,
    )


# ---------------------------------------------------------------- the timeline


def _describe_notes(user, events):
    # The section's newest notes, all readable by this user, need no query; the rest come in one,
    # which also says which of them the user may read.
    page_read = {note.pk: note for note in sections.already_read(events[0].person, NEWEST_NOTES) or ()}
    notes = timeline.rows_for(
        events,
        CaseNote.objects.select_related("organisation").annotate(
            readable_here=ExpressionWrapper(readable_q(user), output_field=BooleanField())
        ),
        read=page_read.values(),
    )
    readable = page_read.keys() | {pk for pk, note in notes.items() if getattr(note, "readable_here", False)}
    may_read = user.has_perm(VIEW_NOTES)
    found = {}
    for event in events:
        note = notes.get(event.object_id)
        if note is None:
            continue
        addendum = event.kind == EventKind.NOTE_ADDENDUM
        title = _("Addendum to a case note") if addendum else _("Case note: %(category)s") % {"category": note.get_category_display()}
        if not may_read:
            found[event.pk] = timeline.HIDE
        elif note.pk not in readable:
            found[event.pk] = timeline.Entry(
                title=title, detail=_("Restricted to %(team)s") % {"team": note.organisation.name if note.organisation_id else ""},
                restricted=True,
            )
        else:
            target = note.addendum_to_id or note.pk
            found[event.pk] = timeline.Entry(
                title=title,
                detail=_short(note.text),
                href=reversing.url("casework:note", target),
                restricted=note.restricted,
            )
    return found


def _describe_tasks(user, events):
    if not user.has_perm(VIEW_NOTES):
        return {e.pk: timeline.HIDE for e in events}
    tasks = timeline.rows_for(
        events,
        Task.objects.select_related("assigned_to", "team"),
        read=sections.already_read(events[0].person, OPEN_TASKS),
    )
    found = {}
    for event in events:
        task = tasks.get(event.object_id)
        if task is None:
            continue
        if event.kind == EventKind.TASK_COMPLETED:
            title = _("Task done: %(title)s") % {"title": task.title}
        elif event.kind == EventKind.TASK_REASSIGNED:
            title = _("Task reassigned: %(title)s") % {"title": task.title}
        else:
            title = _("Task added: %(title)s") % {"title": task.title}
        holder = task.assigned_to.get_full_name() if task.assigned_to_id else task.team.name
        found[event.pk] = timeline.Entry(
            title=title,
            detail=_("Due %(date)s, for %(holder)s") % {"date": task.due_on.strftime("%d/%m/%Y"), "holder": holder},
            href=reversing.url("casework:task", task.pk),
        )
    return found


def _describe_alerts(user, events):
    alerts = timeline.rows_for(
        events, Alert.objects.all(), read=sections.already_read(events[0].person, CURRENT_ALERTS)
    )
    may_read = user.has_perm(VIEW_NOTES)
    found = {}
    for event in events:
        alert = alerts.get(event.object_id)
        if alert is None:
            continue
        label = alert.get_kind_display()
        if event.kind == EventKind.ALERT_RAISED:
            title = _("Alert raised: %(kind)s") % {"kind": label}
            detail = _short(alert.summary) if may_read else ""
        elif event.kind == EventKind.CONCERN_DECIDED:
            title = _("Decision on the concern: %(kind)s") % {"kind": label}
            detail = alert.get_decision_display() if may_read else ""
        else:
            title = _("Alert ended: %(kind)s") % {"kind": label}
            detail = _short(alert.end_reason) if may_read else ""
        found[event.pk] = timeline.Entry(title=title, detail=detail, href=reversing.url("casework:alert", alert.pk))
    return found


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _is_service_worker(user) -> bool:
    return user.has_perm(VIEW_NOTES)


def register():
    sections.register(section)
    sections.register_banner(banners)
    sections.register_glance(glances)
    sections.register_action(actions)
    sections.register_holding("casework.alerts", Alert)
    sections.register_holding("casework.tasks", Task)
    sections.register_holding("casework.notes", CaseNote)
    # The working file is the service's: partners reading under consent see none of these groups.
    service_only = _is_service_worker
    timeline.register_group("notes", gettext_lazy("Case notes"), order=20, visible=service_only)
    timeline.register_group("tasks", gettext_lazy("Tasks"), order=60, visible=service_only)
    timeline.register_group("alerts", gettext_lazy("Alerts and concerns"), order=5, visible=service_only)
    timeline.register("notes", [EventKind.NOTE_WRITTEN, EventKind.NOTE_ADDENDUM], _describe_notes)
    timeline.register("tasks", [EventKind.TASK_CREATED, EventKind.TASK_REASSIGNED, EventKind.TASK_COMPLETED], _describe_tasks)
    timeline.register("alerts", [EventKind.ALERT_RAISED, EventKind.CONCERN_DECIDED, EventKind.ALERT_ENDED], _describe_alerts)
