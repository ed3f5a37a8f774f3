"""Support plans, the carer's copy, reviews, and the review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.assessments.services import assessment_or_404
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.errors import NotReady
from carershub.core.forms import VersionOnlyForm
from carershub.core.idempotency import creates_once, one_time
from carershub.core.listfilters import AREA, COUNCIL, STATUS, WORKER, ListFilterForm, apply_filters, waited
from carershub.core.listfilters import due as due_on
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import QUEUE_PAGE_LIMIT, capped
from carershub.people.services import visible_person_or_404
from carershub.support import letters, services
from carershub.support.forms import ActionFormSet, PlanForm, ReviewForm, action_initial
from carershub.support.models import Review, SupportPlan
from carershub.support.presenters import PlanPresenter, describe_problems
from carershub.support.rules import ADD_REVIEW, CHANGE_PLAN, VIEW_PLAN
from carershub.support.services import plan_or_404
TEXT = {
    "draft_started_elsewhere": gettext_lazy(
        "Somebody else has just started a draft plan for this carer. Check it, then make your changes there."
    ),
    "cannot_save": gettext_lazy("The plan cannot be saved: %(what)s"),
    "agreed_is_fixed": gettext_lazy(
        "This version of the plan has been agreed, so it cannot be changed. Use 'Change the plan' to make a new version."
    ),
    "change_started": gettext_lazy(
        "Version %(n)s started as a draft, from the plan as it was. "
        "Version %(old)s stays in force until this one is agreed."
    ),
    "review_stale": gettext_lazy(
        "Somebody else changed this plan or recorded its review just now. "
        "Nothing has been saved. Check the plan, then try again."
    ),
    "review_refused": gettext_lazy("The review cannot be recorded: %(what)s"),
    "review_draft_clash": gettext_lazy(
        "Somebody else has just started a new version of this plan. "
        "Nothing has been saved. Check the plan, then try again."
    ),
    "reviewed_changed": gettext_lazy("Review recorded. Now change the plan: version %(n)s is a draft until it is agreed."),
    "reviewed_reassess": gettext_lazy(
        "Review recorded. A review assessment has been started, so eligibility is decided again. "
        "The current plan stays in force until a new one is agreed."
    ),
}
ACTIONS_PREFIX = "actions"
Status = SupportPlan.Status


def _errors(form, formset=None):
    summary = error_summary_params(form, *(formset.forms if formset is not None else ()))
    if formset is not None and formset.is_bound and formset.non_form_errors():
        extra = [{"text": str(e)} for e in formset.non_form_errors()]
        if summary is None:
            summary = {"titleText": _("There is a problem"), "errorList": extra}
        else:
            summary["errorList"] = extra + summary["errorList"]
    return summary


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


# --- A carer's plans ----------------------------------------------------------


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def for_carer(request, person_pk):
    carer = visible_person_or_404(request.user, person_pk)
    if not hasattr(carer, "carer"):
        raise Http404
    plans = list(carer.support_plans.select_related("assessment", "agreed_by").order_by("-plan_version"))
    completed = list(
        Assessment.objects.filter(carer=carer, status=AssessmentStatus.COMPLETED).order_by("-completed_at")[:20]
    )
    record_access(request, carer, part=AccessPart.SUPPORT_PLAN)
    return render(
        request,
        "support/for_carer.jinja",
        {
            "carer": carer,
            "plans": [PlanPresenter(p) for p in plans],
            "draft": next((p for p in plans if p.status == Status.DRAFT), None),
            "completed_assessments": completed,
            "can_change": request.user.has_perm(CHANGE_PLAN),
        },
    )


# --- Making and changing a plan -------------------------------------------------


@login_required
@permission_required(CHANGE_PLAN, raise_exception=True)
@creates_once
def create(request, assessment_pk):
    assessment = assessment_or_404(request.user, assessment_pk)
    if not request.user.has_perm(CHANGE_PLAN, assessment):
        raise PermissionDenied
    if assessment.status != AssessmentStatus.COMPLETED:
        messages.error(request, _("A support plan can be made once the assessment is completed."))
        return redirect("assessments:detail", pk=assessment.pk)
    draft = services.draft_for(assessment.carer_id)
    if draft is not None:
        messages.error(request, _("There is already a draft plan for this carer. Finish or delete it first."))
        return redirect("plans:detail", pk=draft.pk)
    initial = {"outcomes": assessment.outcomes_wanted, "review_date": services.default_review_date()}
    form = one_time(request, PlanForm(request.POST or None, assessment=assessment, initial=initial))
    formset = ActionFormSet(request.POST or None, prefix=ACTIONS_PREFIX)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            plan = services.create_plan(
                assessment, data=form.plan_data(), actions=formset.actions(), actor=request.user
            )
        except services.DraftExists as clash:
            messages.error(request, TEXT["draft_started_elsewhere"])
            if clash.draft:
                return redirect("plans:detail", pk=clash.draft.pk)
            return redirect("plans:for_carer", person_pk=assessment.carer_id)
        except NotReady as problem:
            form.add_error(None, TEXT["cannot_save"] % {"what": describe_problems(problem.problems)})
        else:
            messages.success(request, _("Draft plan saved. Check it with the carer, then agree it."))
            return _after_save(request, plan)
    record_access(request, assessment.carer, part=AccessPart.SUPPORT_PLAN)
    return render(
        request,
        "support/form.jinja",
        {
            "form": form,
            "formset": formset,
            "carer": assessment.carer,
            "assessment": assessment,
            "heading": _("Make a support plan"),
            "back_url": reverse("assessments:detail", args=[assessment.pk]),
            "form_errors": _errors(form, formset),
        },
    )


def _after_save(request, plan):
    if request.POST.get("add_more"):
        return redirect(reverse("plans:edit", args=[plan.pk]) + "#actions")
    return redirect("plans:detail", pk=plan.pk)


@login_required
@permission_required(CHANGE_PLAN, raise_exception=True)
def edit(request, pk):
    plan = plan_or_404(request.user, pk, permission=CHANGE_PLAN)
    if plan.status != Status.DRAFT:
        messages.error(request, TEXT["agreed_is_fixed"])
        return redirect("plans:detail", pk=plan.pk)
    initial = {
        "outcomes": plan.outcomes,
        "support_options": plan.support_options,
        "personal_budget": plan.personal_budget,
        "review_date": plan.review_date,
    }
    form = PlanForm(request.POST or None, assessment=plan.assessment, instance=plan, initial=initial)
    formset = ActionFormSet(request.POST or None, prefix=ACTIONS_PREFIX, initial=action_initial(plan))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.update_draft(
                plan,
                expected_version=form.cleaned_data["version"],
                data=form.plan_data(),
                actions=formset.actions(),
                actor=request.user,
            )
        except StaleRecordError:
            form.add_error(None, form.version_conflict_message)
        except NotReady as problem:
            form.add_error(None, TEXT["cannot_save"] % {"what": describe_problems(problem.problems)})
        else:
            messages.success(request, _("Draft plan saved"))
            return _after_save(request, plan)
    record_access(request, plan.carer, part=AccessPart.SUPPORT_PLAN)
    return render(
        request,
        "support/form.jinja",
        {
            "form": form,
            "formset": formset,
            "carer": plan.carer,
            "assessment": plan.assessment,
            "plan": plan,
            "heading": _("Change the draft plan (version %(n)s)") % {"n": plan.plan_version},
            "back_url": reverse("plans:detail", args=[plan.pk]),
            "form_errors": _errors(form, formset),
        },
    )


@login_required
@require_POST
@permission_required(CHANGE_PLAN, raise_exception=True)
def change(request, pk):
    """'Change the plan': start the next version from this one's content."""
    plan = plan_or_404(request.user, pk, permission=CHANGE_PLAN)
    try:
        draft = services.start_change(plan, actor=request.user)
    except services.DraftExists as clash:
        messages.error(request, _("There is already a draft new version of this plan. Make your changes there."))
        return redirect("plans:detail", pk=clash.draft.pk) if clash.draft else redirect("plans:detail", pk=plan.pk)
    except NotReady as problem:
        messages.error(request, _("This cannot be done: %(what)s") % {"what": describe_problems(problem.problems)})
        return redirect("plans:detail", pk=plan.pk)
    messages.success(
        request,
        TEXT["change_started"] % {"n": draft.plan_version, "old": plan.plan_version},
    )
    return redirect("plans:edit", pk=draft.pk)


def _versioned_action(request, pk, action):
    plan = plan_or_404(request.user, pk, permission=CHANGE_PLAN)
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        return plan, redirect("plans:detail", pk=plan.pk)
    try:
        action(plan, expected_version=form.cleaned_data["version"], actor=request.user)
    except StaleRecordError:
        messages.error(request, _("Somebody else changed this plan just now. Check it, then try again."))
    except NotReady as problem:
        messages.error(request, _("This cannot be done yet: %(what)s") % {"what": describe_problems(problem.problems)})
    else:
        return plan, None
    return plan, redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
@permission_required(CHANGE_PLAN, raise_exception=True)
def agree(request, pk):
    plan, failed = _versioned_action(request, pk, services.agree)
    if failed:
        return failed
    messages.success(request, _("Plan agreed. Give the carer a copy."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
@permission_required(CHANGE_PLAN, raise_exception=True)
def discard(request, pk):
    plan, failed = _versioned_action(request, pk, services.discard_draft)
    if failed:
        return failed
    messages.success(request, _("Draft plan deleted"))
    return redirect("plans:for_carer", person_pk=plan.carer_id)


# --- Reading a plan, and the carer's copy ----------------------------------------


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def detail(request, pk):
    plan = plan_or_404(request.user, pk)
    record_access(request, plan.carer, part=AccessPart.SUPPORT_PLAN)
    user = request.user
    versions = list(
        SupportPlan.objects.filter(carer_id=plan.carer_id).select_related("agreed_by").order_by("-plan_version")
    )
    draft = next((p for p in versions if p.status == Status.DRAFT), None)
    reviews = list(plan.reviews.select_related("reviewed_by"))
    led_here = None
    if plan.previous_id:
        led_here = Review.objects.filter(plan_id=plan.previous_id).select_related("reviewed_by").first()
    is_draft = plan.status == Status.DRAFT
    return render(
        request,
        "support/detail.jinja",
        {
            "plan": PlanPresenter(plan),
            "carer": plan.carer,
            "versions": [PlanPresenter(p) for p in versions],
            "draft": draft,
            "reviews": reviews,
            "review_that_led_here": led_here,
            "can_change": user.has_perm(CHANGE_PLAN, plan),
            "can_review": user.has_perm(ADD_REVIEW, plan) and plan.status == Status.AGREED and not reviews,
            "agree_problems": describe_problems(services.agree_problems(plan)) if is_draft else "",
            # What other apps add to the plan's page (signposting's picks): support.services.detail_panels.
            "panels": services.detail_panels(user, plan),
        },
    )


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def copy(request, pk):
    plan = plan_or_404(request.user, pk)
    record_access(request, plan.carer, part=AccessPart.SUPPORT_PLAN)
    return render(request, "support/copy.jinja", letters.copy_context(plan))


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def copy_pdf(request, pk):
    plan = plan_or_404(request.user, pk)
    record_access(request, plan.carer, action=AccessAction.EXPORT, part=AccessPart.SUPPORT_PLAN)
    response = HttpResponse(letters.copy_pdf(plan, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="support-plan-{plan.pk}-v{plan.plan_version}.pdf"'
    return response


# --- Reviews ---------------------------------------------------------------------


@login_required
@permission_required(ADD_REVIEW, raise_exception=True)
def review(request, pk):
    plan = plan_or_404(request.user, pk, permission=ADD_REVIEW)
    if plan.status != Status.AGREED or plan.reviews.exists():
        messages.error(request, _("Only the plan in force can be reviewed, once. This version cannot be reviewed."))
        return redirect("plans:detail", pk=plan.pk)
    form = ReviewForm(request.POST or None, plan=plan, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _review, follow_on = services.record_review(
                plan,
                expected_version=data["version"],
                reviewed_on=data["reviewed_on"],
                outcome=data["outcome"],
                notes=data["notes"],
                next_review_date=data.get("next_review_date"),
                actor=request.user,
            )
        except StaleRecordError:
            form.add_error(None, TEXT["review_stale"])
        except NotReady as problem:
            form.add_error(None, TEXT["review_refused"] % {"what": describe_problems(problem.problems)})
        except services.DraftExists:
            form.add_error(None, TEXT["review_draft_clash"])
        else:
            return _after_review(request, plan, data["outcome"], follow_on)
    record_access(request, plan.carer, part=AccessPart.SUPPORT_PLAN)
    return render(
        request,
        "support/review.jinja",
        {"form": form, "plan": PlanPresenter(plan), "carer": plan.carer, "form_errors": _errors(form)},
    )


def _after_review(request, plan, outcome, follow_on):
    if outcome == Review.Outcome.NO_CHANGE:
        messages.success(
            request,
            _("Review recorded. The plan continues unchanged as version %(n)s, to be reviewed by %(date)s.")
            % {"n": follow_on.plan_version, "date": _date(follow_on.review_date)},
        )
        return redirect("plans:detail", pk=follow_on.pk)
    if outcome == Review.Outcome.PLAN_CHANGED:
        messages.success(
            request,
            TEXT["reviewed_changed"] % {"n": follow_on.plan_version},
        )
        return redirect("plans:edit", pk=follow_on.pk)
    if outcome == Review.Outcome.REASSESS:
        messages.success(
            request,
            TEXT["reviewed_reassess"],
        )
        return redirect("assessments:detail", pk=follow_on.pk)
    messages.success(request, _("Review recorded. The plan has ended."))
    return redirect("plans:detail", pk=plan.pk)


# --- The review queue -------------------------------------------------------------


@login_required
@permission_required(VIEW_PLAN, raise_exception=True)
def reviews_queue(request):
    """Reviews overdue (longest overdue first, with how long) and due soon (soonest first).

    Filters (core/listfilters.py): council is the council whose assessment the plan rests on, area
    the carer's, worker the carer's case worker, status overdue or due (which table to show).
    """
    today = timezone.localdate()
    form = ListFilterForm(
        request.GET,
        user=request.user,
        offer=(COUNCIL, AREA, WORKER, STATUS),
        statuses=[
            (OVERDUE, _("Overdue")),
            (DUE, _("Due in the next %(days)s days") % {"days": services.REVIEW_DUE_WINDOW_DAYS}),
        ],
        labels={WORKER: _("Case worker")},
    )
    paths = {
        "council": "assessment__assessing_organisation",
        "area": "carer__area",
        "worker": "carer__carer__case_worker",
    }
    overdue = due = []
    more_overdue = more_due = False
    if form.status in (None, OVERDUE):
        overdue, more_overdue = capped(apply_filters(services.reviews_overdue(today, user=request.user), form, **paths))
    if form.status in (None, DUE):
        due, more_due = capped(apply_filters(services.reviews_due(today, user=request.user), form, **paths))
    people = [p.carer for p in overdue + due]
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=AccessPart.REVIEW_QUEUE)
    return render(
        request,
        "support/reviews.jinja",
        {
            "overdue": [{"plan": p, "waited": waited(p.review_date, today)} for p in overdue],
            "due": [{"plan": p, "due": due_on(p.review_date, today)} for p in due],
            "show_overdue": form.status in (None, OVERDUE),
            "show_due": form.status in (None, DUE),
            "more_overdue": more_overdue,
            "more_due": more_due,
            "limit": QUEUE_PAGE_LIMIT,
            "today": today,
            "window_days": services.REVIEW_DUE_WINDOW_DAYS,
            "can_review": request.user.has_perm(ADD_REVIEW),
            "filters": form,
            "form_errors": error_summary_params(form),
        },
    )


OVERDUE, DUE = "overdue", "due"
