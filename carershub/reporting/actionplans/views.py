"""Pages of action plans: the list, a plan, its forms, and the highlight report (page, print and downloads).

Every plan is fetched through ``services.visible(request.user)``: another organisation's answers 404,
and changing one also needs CHANGE_ACTION_PLAN (the same rule, as an object permission).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.reporting import downloads
from carershub.reporting.actionplans import highlights, services
from carershub.reporting.actionplans.forms import ActionForm, PlanForm, PriorityForm, WorkstreamForm
from carershub.reporting.actionplans.models import Action
from carershub.reporting.actionplans.rules import CHANGE_ACTION_PLAN, VIEW_ACTION_PLANS


def _plan(request, pk, change=False):
    plan = get_object_or_404(services.visible(request.user).select_related("organisation"), pk=pk)
    if change and not request.user.has_perm(CHANGE_ACTION_PLAN, plan):
        raise PermissionDenied
    return plan


def status_name(status) -> str:
    return _(highlights.STATUS_NAMES[status]) if status in highlights.STATUS_NAMES else ""


def _page(request, template, context):
    today = timezone.localdate()
    return render(request, template, {
        "status_name": status_name, "status_colours": highlights.STATUS_COLOURS, "statuses": highlights.STATUSES,
        "is_overdue": lambda action: highlights.is_overdue(action.due, action.status, today), "today": today,
        **context})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
def index(request):
    return _page(request, "actionplans/index.jinja", {"plans": services.visible(request.user)})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
@creates_once
def new(request):
    if not request.user.organisation_id:
        raise PermissionDenied
    form = one_time(request, PlanForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(actor=request.user, title=form.cleaned_data["title"],
                                    summary=form.cleaned_data["summary"])
        messages.success(request, _("Action plan created: %(title)s") % {"title": plan.title})
        return redirect("actionplans:detail", pk=plan.pk)
    return _page(request, "actionplans/plan_form.jinja", {"form": form, "plan": None,
                                                          "form_errors": error_summary_params(form)})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
def change(request, pk):
    plan = _plan(request, pk, change=True)
    form = PlanForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_plan(plan, expected_version=form.cleaned_data["version"],
                                 title=form.cleaned_data["title"], summary=form.cleaned_data["summary"])
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this plan while you were looking at it. "
                                      "Check it as it is now."))
            return redirect("actionplans:change", pk=plan.pk)
        messages.success(request, _("Action plan saved"))
        return redirect("actionplans:detail", pk=plan.pk)
    return _page(request, "actionplans/plan_form.jinja", {"form": form, "plan": plan,
                                                          "form_errors": error_summary_params(form)})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
def detail(request, pk):
    plan = _plan(request, pk)
    return _page(request, "actionplans/detail.jinja", {
        "plan": plan, "priorities": services.structure(plan),
        "can_change": request.user.has_perm(CHANGE_ACTION_PLAN, plan)})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
@creates_once
def new_priority(request, pk):
    plan = _plan(request, pk, change=True)
    form = one_time(request, PriorityForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        services.add_priority(plan, title=form.cleaned_data["title"])
        messages.success(request, _("Priority added"))
        return redirect("actionplans:detail", pk=plan.pk)
    return _page(request, "actionplans/part_form.jinja", {
        "form": form, "plan": plan, "heading": _("Add a priority"), "fields": ["title"],
        "form_errors": error_summary_params(form)})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
@creates_once
def new_workstream(request, pk):
    plan = _plan(request, pk, change=True)
    form = one_time(request, WorkstreamForm(request.POST or None, plan=plan,
                                            initial={"priority": request.GET.get("priority", "")}))
    if request.method == "POST" and form.is_valid():
        services.add_workstream(form.cleaned_data["priority"], title=form.cleaned_data["title"])
        messages.success(request, _("Workstream added"))
        return redirect("actionplans:detail", pk=plan.pk)
    return _page(request, "actionplans/part_form.jinja", {
        "form": form, "plan": plan, "heading": _("Add a workstream"), "fields": ["priority", "title"],
        "empty": not form.priorities and _("Add a priority first."), "form_errors": error_summary_params(form)})


def _action_page(request, plan, form, action=None):
    return _page(request, "actionplans/action_form.jinja", {
        "form": form, "plan": plan, "action": action,
        "notes": list(action.notes.all()) if action else [],
        "form_errors": error_summary_params(form, order=["workstream", "title", "owner_name", "owner_organisation",
                                                         "due", "status", "note"])})


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
@creates_once
def new_action(request, pk):
    plan = _plan(request, pk, change=True)
    form = one_time(request, ActionForm(request.POST or None, plan=plan,
                                        initial={"workstream": request.GET.get("workstream", "")}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_action(data["workstream"], actor=request.user, title=data["title"], owner_name=data["owner_name"],
                            owner_organisation=data["owner_organisation"], due=data["due"], status=data["status"],
                            note=data["note"])
        messages.success(request, _("Action added"))
        return redirect("actionplans:detail", pk=plan.pk)
    return _action_page(request, plan, form)


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
def change_action(request, pk, action_pk):
    plan = _plan(request, pk, change=True)
    action = get_object_or_404(Action.objects.select_related("workstream__priority"), pk=action_pk,
                               workstream__priority__plan=plan)
    form = ActionForm(request.POST or None, plan=plan, action=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_action(action, expected_version=data["version"], actor=request.user, title=data["title"],
                                   owner_name=data["owner_name"], owner_organisation=data["owner_organisation"],
                                   due=data["due"], status=data["status"], workstream=data["workstream"],
                                   note=data["note"])
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this action while you were looking at it. "
                                      "Check it as it is now: your progress note was not saved."))
            return redirect("actionplans:change_action", pk=plan.pk, action_pk=action.pk)
        messages.success(request, _("Action saved"))
        return redirect("actionplans:detail", pk=plan.pk)
    return _action_page(request, plan, form, action)


# ---------------------------------------------------------------- the highlight report

COLUMNS = [highlights.COMPLETE, highlights.ON_TRACK, highlights.AT_RISK, highlights.OFF_TRACK, highlights.NOT_STARTED]


def _note_text(note) -> str:
    if note is None:
        return ""
    return f"{note.written_at:%d/%m/%Y} – {note.author_name}: {note.text}"


def highlight_table(report) -> downloads.Table:
    rows = [[row.priority.title, row.workstream.title, row.counts.total,
             *[row.counts.by_status[s] for s in COLUMNS], row.counts.overdue,
             row.latest_action.title if row.latest_action else "", _note_text(row.latest)] for row in report.rows]
    rows.append([_("Whole plan"), "", report.whole.total, *[report.whole.by_status[s] for s in COLUMNS],
                 report.whole.overdue, "", ""])
    return downloads.Table(
        title=_("Highlight report: %(title)s") % {"title": report.plan.title},
        headings=[_("Priority"), _("Workstream"), _("Actions"), *[status_name(s) for s in COLUMNS], _("Overdue"),
                  _("Latest progress note on"), _("Latest progress note")],
        rows=rows,
        notes=[_("As at %(day)s.") % {"day": f"{report.today:%d/%m/%Y}"},
               _("Overdue: the due quarter has ended and the action is not complete. Overdue actions are also "
                 "counted under their status.")],
    )


def actions_table(plan, priorities, today) -> downloads.Table:
    rows = []
    for priority in priorities:
        for workstream in priority.workstreams.all():
            for action in workstream.actions.all():
                notes = list(action.notes.all())
                rows.append([priority.title, workstream.title, action.title, action.owner_name,
                             action.owner_organisation, action.due.label if action.due else "",
                             status_name(action.status),
                             _("Yes") if highlights.is_overdue(action.due, action.status, today) else _("No"),
                             _note_text(notes[0] if notes else None)])
    return downloads.Table(
        title=_("Actions: %(title)s") % {"title": plan.title},
        headings=[_("Priority"), _("Workstream"), _("Action"), _("Owner"), _("Owner's organisation"),
                  _("Due quarter"), _("Status"), _("Overdue"), _("Latest progress note")],
        rows=rows,
    )


def _highlight_context(request, plan):
    today = timezone.localdate()
    return {"plan": plan, "report": services.highlight(plan, today), "columns": COLUMNS,
            "priorities": services.structure(plan)}


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
def highlight(request, pk):
    plan = _plan(request, pk)
    return _page(request, "actionplans/highlight.jinja", _highlight_context(request, plan))


@login_required
@permission_required(VIEW_ACTION_PLANS, raise_exception=True)
def highlight_download(request, pk, fmt):
    plan = _plan(request, pk)
    today = timezone.localdate()
    report = services.highlight(plan, today)
    return downloads.download([highlight_table(report), actions_table(plan, services.structure(plan), today)],
                              f"highlight-report-{plan.pk}", fmt)
