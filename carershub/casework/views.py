from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access, record_contact_access
from carershub.casework import mywork, services
from carershub.casework.forms import (
    AddendumForm,
    AlertForm,
    CompleteTaskForm,
    DecisionForm,
    EndAlertForm,
    NoteForm,
    ReassignForm,
    TaskForm,
    WorkFilterForm,
)
from carershub.casework.models import TaskKind
from carershub.casework.presenters import note_links
from carershub.casework.rules import (
    ADD_ALERT,
    ADD_NOTE,
    ADD_TASK,
    DECIDE_CONCERN,
    END_ALERT,
    REASSIGN_TASK,
    VIEW_CONCERNS,
    VIEW_MY_WORK,
    VIEW_NOTES,
    WORK_TASK,
)
from carershub.contacts import services as contact_services
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.people.services import visible_person_or_404



TASK_CHANGED = gettext_lazy(
    "Somebody else changed or completed this task while you were looking at it. Check it as it is now."
)


def _changed(request, change, *, done, then, stale, back):
    """Make an optimistic-locked change (decision 8): on success say so and go on; if somebody else
    changed the record first, change nothing, say so, and go back to it as it is now."""
    try:
        change()
    except StaleRecordError:
        messages.error(request, str(stale))
        return redirect(back)
    messages.success(request, done)
    return redirect(then)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


# ---------------------------------------------------------------- my work and the concerns queue


@login_required
@permission_required(VIEW_MY_WORK, raise_exception=True)
def my_work(request):
    form = WorkFilterForm(request.GET, user=request.user)
    items, more = mywork.work_for(request.user, form)
    people = list({item.person.pk: item.person for item in items if item.person is not None}.values())
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=AccessPart.MY_WORK)
    return render(
        request,
        "casework/my_work.jinja",
        {"form": form, "items": items, "more": more, "now": timezone.now(), "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(VIEW_CONCERNS, raise_exception=True)
def concerns(request):
    alerts = list(services.concerns_waiting(request.user)[:500])
    linked = [a.person for a in alerts if a.person_id]
    if linked:
        record_access(request, linked, action=AccessAction.SEARCH, part=AccessPart.CONCERNS)
    callers = [a.contact for a in alerts if not a.person_id and a.contact_id]
    if callers:
        record_contact_access(request, callers, action=AccessAction.SEARCH, part=AccessPart.CONCERNS)
    return render(request, "casework/concerns.jinja", {"alerts": alerts, "now": timezone.now()})


# ---------------------------------------------------------------- notes


@login_required
@creates_once
def new_note(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(ADD_NOTE, person):
        raise PermissionDenied
    links = note_links(person)
    form = one_time(request, NoteForm(request.POST or None, links=links.choices, initial={"link": request.GET.get("link", "")}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        note = services.write_note(
            person,
            category=data["category"],
            text=data["text"],
            happened_on=data["happened_on"],
            restricted=data["restricted"],
            concern=data["concern"],
            actor=request.user,
            **links.objects_for(data["link"]),
        )
        messages.success(request, _("Case note saved on %(name)s's record") % {"name": person.full_name})
        if note.concern:
            messages.info(request, _("An alert is on the record and the concern is on the concerns list."))
        return redirect("people:detail", pk=person.pk)
    record_access(request, person, part=AccessPart.CASE_NOTE)
    return render(request, "casework/new_note.jinja", {"form": form, "person": person, "form_errors": error_summary_params(form)})


@login_required
@creates_once
def note(request, pk):
    """A note with its addenda; posting adds an addendum."""
    found = services.note_or_404(request.user, pk)
    if not request.user.has_perm(VIEW_NOTES, found.person):
        raise Http404
    if found.addendum_to_id:
        return redirect("casework:note", pk=found.addendum_to_id)
    can_add = request.user.has_perm(ADD_NOTE, found.person)
    form = one_time(request, AddendumForm(request.POST or None)) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.add_addendum(found, text=form.cleaned_data["text"], actor=request.user)
            messages.success(request, _("Addendum added to the note"))
            return redirect("casework:note", pk=found.pk)
    record_access(request, found.person, part=AccessPart.CASE_NOTE)
    addenda = found.addenda.select_related("author", "organisation").order_by("written_at", "pk")
    return render(
        request,
        "casework/note.jinja",
        {"note": found, "person": found.person, "addenda": addenda, "form": form, "form_errors": error_summary_params(form) if form else None},
    )


# ---------------------------------------------------------------- tasks


@login_required
@permission_required(ADD_TASK, raise_exception=True)
@creates_once
def new_task(request):
    person = contact = note = None
    if request.GET.get("note"):
        note = services.note_or_404(request.user, _int(request.GET["note"]))
        person = note.person
    elif request.GET.get("person"):
        person = visible_person_or_404(request.user, _int(request.GET["person"]))
    elif request.GET.get("contact"):
        contact = contact_services.contact_or_404(request.user, _int(request.GET["contact"]))
        person = contact.person
    # A task about somebody needs a working relationship with them, however the page was reached.
    if person is not None and not request.user.has_perm(ADD_TASK, person):
        raise PermissionDenied
    members = services.team_members(request.user.organisation_id)
    form = one_time(request, TaskForm(request.POST or None, members=members, user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task = services.create_task(
            title=data["title"],
            details=data["details"],
            due_on=data["due_on"],
            due_time=data["due_time"],
            priority=data["priority"],
            assigned_to=form.assignee(request.user),
            person=person,
            contact=contact,
            note=note,
            kind=TaskKind.CALL_BACK if contact is not None else (TaskKind.FOLLOW_UP if note is not None else TaskKind.OTHER),
            actor=request.user,
        )
        messages.success(request, _("Task added: %(title)s") % {"title": task.title})
        return redirect("people:detail", pk=person.pk) if person else redirect("casework:my_work")
    if person is not None:
        record_access(request, person, part=AccessPart.TASK)
    return render(
        request,
        "casework/new_task.jinja",
        {"form": form, "person": person, "contact": contact, "form_errors": error_summary_params(form)},
    )


def _task_page(request, task, *, complete_form=None, reassign_form=None, status=200):
    user = request.user
    if task.person_id:
        record_access(request, task.person, part=AccessPart.TASK)
    elif task.contact_id:
        record_contact_access(request, task.contact, part=AccessPart.TASK)
    can_work = task.is_open and user.has_perm(WORK_TASK, task)
    can_reassign = task.is_open and user.has_perm(REASSIGN_TASK, task)
    members = services.team_members(user.organisation_id) if can_reassign else []
    return render(
        request,
        "casework/task.jinja",
        {
            "task": task,
            "person": task.person,
            "now": timezone.now(),
            "complete_form": complete_form or (CompleteTaskForm(initial={"version": task.version}) if can_work else None),
            "reassign_form": reassign_form
            or (ReassignForm(initial={"version": task.version}, members=members) if can_reassign else None),
            "form_errors": error_summary_params(*(f for f in (complete_form, reassign_form) if f is not None)),
        },
        status=status,
    )


@login_required
def task(request, pk):
    found = services.task_or_404(request.user, pk)
    if not request.user.has_perm(VIEW_MY_WORK):
        raise Http404
    return _task_page(request, found)


@login_required
@require_POST
def complete_task(request, pk):
    found = services.task_or_404(request.user, pk)
    if not request.user.has_perm(WORK_TASK, found):
        raise PermissionDenied
    form = CompleteTaskForm(request.POST)
    if form.is_valid():
        return _changed(
            request,
            lambda: services.complete_task(
                found, expected_version=form.cleaned_data["version"], outcome=form.cleaned_data["outcome"], actor=request.user
            ),
            done=_("Task done: %(title)s") % {"title": found.title},
            then=reverse("casework:my_work"),
            stale=TASK_CHANGED,
            back=reverse("casework:task", args=[found.pk]),
        )
    return _task_page(request, found, complete_form=form)


@login_required
@require_POST
def reassign_task(request, pk):
    found = services.task_or_404(request.user, pk)
    if not request.user.has_perm(REASSIGN_TASK, found):
        raise PermissionDenied
    form = ReassignForm(request.POST, members=services.team_members(request.user.organisation_id))
    if form.is_valid():
        assignee = form.assignee()
        holder = (assignee.get_full_name() or assignee.username) if assignee else request.user.organisation.name
        here = reverse("casework:task", args=[found.pk])
        return _changed(
            request,
            lambda: services.reassign_task(
                found, expected_version=form.cleaned_data["version"], assigned_to=assignee, actor=request.user
            ),
            done=_("Task given to %(name)s") % {"name": holder},
            then=here,
            stale=TASK_CHANGED,
            back=here,
        )
    return _task_page(request, found, reassign_form=form)


# ---------------------------------------------------------------- alerts and concerns


def _alert_page(request, alert, *, decision_form=None, end_form=None):
    user = request.user
    if alert.person_id:
        record_access(request, alert.person, part=AccessPart.CONCERN)
    elif alert.contact_id:
        record_contact_access(request, alert.contact, part=AccessPart.CONCERN)
    can_decide = alert.is_concern and not alert.decided_at and user.has_perm(DECIDE_CONCERN, alert)
    can_end = not alert.ended_at and user.has_perm(END_ALERT, alert)
    return render(
        request,
        "casework/alert.jinja",
        {
            "alert": alert,
            "person": alert.person,
            "decision_form": decision_form
            or (DecisionForm(initial={"version": alert.version}, decisions=services.decisions_for(alert)) if can_decide else None),
            "end_form": end_form or (EndAlertForm(initial={"version": alert.version}) if can_end else None),
            "tasks": alert.tasks.select_related("assigned_to", "team", "completed_by").order_by("created_at"),
            "form_errors": error_summary_params(*(f for f in (decision_form, end_form) if f is not None)),
        },
    )


def _alert_for_casework(request, pk):
    alert = services.alert_or_404(request.user, pk)
    # Partners see that there is an alert (the banner); what it says is the service's working file.
    if not request.user.has_perm(VIEW_NOTES, alert.person):
        raise Http404
    return alert


@login_required
def alert(request, pk):
    return _alert_page(request, _alert_for_casework(request, pk))


@login_required
@require_POST
def decide(request, pk):
    found = _alert_for_casework(request, pk)
    if not (found.is_concern and request.user.has_perm(DECIDE_CONCERN, found)):
        raise PermissionDenied
    form = DecisionForm(request.POST, decisions=services.decisions_for(found))
    if form.is_valid():
        data = form.cleaned_data
        return _changed(
            request,
            lambda: services.record_decision(
                found,
                expected_version=data["version"],
                decision=data["decision"],
                reason=data["reason"],
                end_alert=data["end_alert"],
                actor=request.user,
            ),
            done=_("Decision recorded"),
            then=reverse("casework:concerns"),
            stale=_("Somebody else recorded a decision on this concern while you were looking at it. Check it as it is now."),
            back=reverse("casework:alert", args=[found.pk]),
        )
    return _alert_page(request, found, decision_form=form)


@login_required
@require_POST
def end_alert(request, pk):
    found = _alert_for_casework(request, pk)
    if not request.user.has_perm(END_ALERT, found):
        raise PermissionDenied
    form = EndAlertForm(request.POST)
    if form.is_valid():
        return _changed(
            request,
            lambda: services.end_alert(
                found, expected_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"], actor=request.user
            ),
            done=_("Alert ended"),
            then=reverse("people:detail", args=[found.person_id]) if found.person_id else reverse("casework:concerns"),
            stale=_("Somebody else changed this alert while you were looking at it. Check it as it is now."),
            back=reverse("casework:alert", args=[found.pk]),
        )
    return _alert_page(request, found, end_form=form)


@login_required
@creates_once
def new_alert(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(ADD_ALERT, person):
        raise PermissionDenied
    form = one_time(request, AlertForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        services.raise_alert(person=person, kind=form.cleaned_data["kind"], summary=form.cleaned_data["summary"], actor=request.user)
        messages.success(request, _("Alert added to %(name)s's record") % {"name": person.full_name})
        return redirect("people:detail", pk=person.pk)
    record_access(request, person, part=AccessPart.CONCERN)
    return render(request, "casework/new_alert.jinja", {"form": form, "person": person, "form_errors": error_summary_params(form)})


@login_required
def person_alerts(request, person_pk):
    """Every alert the record has had, current and ended: the history is kept."""
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(VIEW_NOTES, person):
        raise Http404
    record_access(request, person, part=AccessPart.CONCERN)
    alerts = person.alerts.select_related("raised_by", "decided_by", "ended_by").order_by("-raised_at", "-pk")
    return render(request, "casework/person_alerts.jinja", {"person": person, "alerts": alerts})
