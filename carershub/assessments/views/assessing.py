from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.assessments import copies, services
from carershub.assessments.forms import (
    AbilityForm,
    CaringForm,
    DecisionForm,
    EligibilityForm,
    LifeForm,
    MattersForm,
    NewAssessmentForm,
    OutcomesForm,
    ViewsForm,
    WellbeingForm,
)
from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.assessments.presenters import AssessmentPresenter
from carershub.assessments.rules import (
    CHANGE_ASSESSMENT,
    DECIDE_ASSESSMENT,
    RETURN_ASSESSMENT,
    SIGN_OFF_ASSESSMENT,
    VIEW_ASSESSMENT,
    VIEW_TRANSITION_QUEUE,
)
from carershub.assessments.services import assessment_or_404
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.errors import NotReady
from carershub.core.forms import VersionOnlyForm
from carershub.core.idempotency import creates_once, one_time
from carershub.core.listfilters import AREA, COUNCIL, STATUS, WORKER, ListFilterForm, apply_filters, waited
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import QUEUE_PAGE_LIMIT, capped
from carershub.people.services import visible_person_or_404

# section slug -> (form, heading)
SECTIONS = {
    "caring": (CaringForm, gettext_lazy("The caring role")),
    "ability": (AbilityForm, gettext_lazy("Ability and willingness to care")),
    "outcomes": (OutcomesForm, gettext_lazy("Outcomes the carer wants")),
    "wellbeing": (WellbeingForm, gettext_lazy("Impact on well-being")),
    "life": (LifeForm, gettext_lazy("Work, education, training and leisure")),
    "views": (ViewsForm, gettext_lazy("The carer's views and who took part")),
    "eligibility": (EligibilityForm, gettext_lazy("Eligibility questions")),
    "matters": (MattersForm, gettext_lazy("Other matters the law requires")),
}


def sections_for(assessment) -> dict:
    """The sections this assessment's framework asks: the eligibility questions only where there are
    national criteria, the other matters only where the framework has some without a section."""
    shown = dict(SECTIONS)
    if not services.has_national_criteria(assessment):
        shown.pop("eligibility")
    if not services.matters_asked(assessment):
        shown.pop("matters")
    return shown


@login_required
@permission_required(CHANGE_ASSESSMENT, raise_exception=True)
@creates_once
def start(request, person_pk):
    carer = visible_person_or_404(request.user, person_pk)
    if not hasattr(carer, "carer"):
        raise Http404
    initial = {"assessment_type": services.default_type_for(carer)}
    org = request.user.organisation
    if org and org.kind == org.Kind.COUNCIL and org.area_id:
        initial["assessing_organisation"] = org
    form = one_time(request, NewAssessmentForm(request.POST or None, carer=carer, user=request.user, initial=initial))
    if request.method == "POST" and form.is_valid():
        assessment = services.start_assessment(
            carer=carer,
            assessment_type=form.cleaned_data["assessment_type"],
            organisation=form.cleaned_data["assessing_organisation"],
            cared_for=form.cleaned_data["cared_for"],
            actor=request.user,
        )
        messages.success(request, _("Assessment started for %(name)s. Save each section as you go.") % {"name": carer.full_name})
        return redirect("assessments:detail", pk=assessment.pk)
    return render(
        request,
        "assessments/start.jinja",
        {"form": form, "carer": carer, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def detail(request, pk):
    assessment = assessment_or_404(request.user, pk)
    record_access(request, assessment.carer, part=AccessPart.ASSESSMENT)
    user = request.user
    return render(
        request,
        "assessments/detail.jinja",
        {
            "assessment": AssessmentPresenter(assessment),
            "sections": sections_for(assessment),
            "can_change": user.has_perm(CHANGE_ASSESSMENT, assessment) and assessment.is_editable,
            "can_decide": user.has_perm(DECIDE_ASSESSMENT, assessment),
            "can_sign_off": user.has_perm(SIGN_OFF_ASSESSMENT, assessment),
            "can_return": user.has_perm(RETURN_ASSESSMENT, assessment),
            "copies_info": copies.copies_context(user, assessment),
        },
    )


@login_required
@permission_required(CHANGE_ASSESSMENT, raise_exception=True)
def edit_section(request, pk, section):
    if section not in SECTIONS:
        raise Http404
    assessment = assessment_or_404(request.user, pk)
    if section not in sections_for(assessment):
        raise Http404
    if not request.user.has_perm(CHANGE_ASSESSMENT, assessment):
        raise PermissionDenied
    if not assessment.is_editable:
        messages.error(request, _("This assessment has been submitted, so it cannot be changed."))
        return redirect("assessments:detail", pk=assessment.pk)
    form_class, heading = SECTIONS[section]
    form = form_class(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        if section == "eligibility":
            assessment.eligibility_answers = form.answers().to_dict()
        elif section == "wellbeing":
            assessment.wellbeing = form.wellbeing_value()
        elif section == "matters":
            assessment.matters = form.matters_value()
        else:
            form.save(commit=False)  # applies the answers to `assessment`
        try:
            services.save_draft(assessment, expected_version=form.cleaned_data["version"], actor=request.user)
        except StaleRecordError:
            form.add_error(None, form.version_conflict_message)
        else:
            messages.success(request, _("%(section)s saved") % {"section": heading})
            return redirect(reverse("assessments:detail", args=[assessment.pk]) + f"#section-{section}")
    else:
        record_access(request, assessment.carer, part=AccessPart.ASSESSMENT)
    return render(
        request,
        "assessments/edit_section.jinja",
        {
            "form": form,
            "assessment": assessment,
            "section": section,
            "heading": heading,
            "form_errors": error_summary_params(form),
        },
    )


# action -> (service, permission, message when done, where on the page to land)
STATE_CHANGES = {
    "submit": (services.submit, CHANGE_ASSESSMENT, gettext_lazy("Assessment submitted for a decision"), ""),
    "sign_off": (services.sign_off, SIGN_OFF_ASSESSMENT, gettext_lazy("Assessment signed off"), ""),
    "return_to_draft": (
        services.return_to_draft,
        RETURN_ASSESSMENT,
        gettext_lazy("Assessment returned to the assessor as a draft"),
        "",
    ),
}


@login_required
@require_POST
def change_state(request, pk, action):
    """Move an assessment on (or back) one step, if nobody else moved it first."""
    service, permission, done, anchor = STATE_CHANGES[action]
    assessment = assessment_or_404(request.user, pk)
    if not request.user.has_perm(permission, assessment):
        raise PermissionDenied
    form = VersionOnlyForm(request.POST)
    detail_url = reverse("assessments:detail", args=[assessment.pk])
    if not form.is_valid():
        return redirect(detail_url)
    try:
        service(assessment, expected_version=form.cleaned_data["version"], actor=request.user)
    except StaleRecordError:
        messages.error(request, _("Somebody else changed this assessment just now. Check it, then try again."))
    except NotReady as problem:
        messages.error(
            request,
            _("This cannot be done yet: %(what)s") % {"what": AssessmentPresenter(assessment).describe_problems(problem.problems)},
        )
    else:
        messages.success(request, done)
        return redirect(detail_url + anchor)
    return redirect(detail_url)


@login_required
@permission_required(DECIDE_ASSESSMENT, raise_exception=True)
def decide(request, pk):
    """The practitioner reads the rules' proposal criterion by criterion, then records their own
    determination, with reasons where they depart from it (services.decide)."""
    assessment = assessment_or_404(request.user, pk)
    if not request.user.has_perm(DECIDE_ASSESSMENT, assessment):
        raise PermissionDenied
    detail_url = reverse("assessments:detail", args=[assessment.pk])
    if assessment.status != AssessmentStatus.SUBMITTED:
        messages.error(request, _("This assessment is not waiting for a decision."))
        return redirect(detail_url)
    presenter = AssessmentPresenter(assessment)
    proposal = services.preview(assessment)
    form = DecisionForm(
        request.POST or None,
        instance=assessment,
        proposed=proposal.eligible if proposal is not None else None,
        national_criteria=proposal is not None,
        wellbeing_contradiction=services.wellbeing_contradiction(assessment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(
                assessment,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                determination=form.determination(),
            )
        except StaleRecordError:
            form.add_error(None, _("Somebody else changed this assessment just now. Check it, then try again."))
        except NotReady as problem:
            form.add_error(
                None, _("This cannot be done yet: %(what)s") % {"what": presenter.describe_problems(problem.problems)}
            )
        else:
            messages.success(request, _("Decision recorded. It and your reasons are below."))
            return redirect(detail_url + "#decision")
    elif request.method != "POST":
        record_access(request, assessment.carer, part=AccessPart.ASSESSMENT)
    return render(
        request,
        "assessments/decide.jinja",
        {
            "assessment": presenter,
            "proposal": presenter.staff_decision(proposal) if proposal is not None else None,
            "form": form,
            "form_errors": error_summary_params(form),
        },
    )


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def team_queue(request):
    """The assessments waiting on this user and their council, each table longest waiting first.

    Filters (core/listfilters.py): council is the assessing council, area the carer's, worker the
    assessor, status which of the three tables to show. The drafts table is one worker's drafts:
    the user's own unless they choose a colleague.
    """
    user = request.user
    form = ListFilterForm(
        request.GET,
        user=user,
        offer=(COUNCIL, AREA, WORKER, STATUS),
        statuses=[(s, s.label) for s in QUEUE_STATUSES],
        labels={WORKER: _("Assessor")},
    )
    visible = apply_filters(
        Assessment.objects.visible_to(user).select_related("carer", "assessor", "assessing_organisation"),
        form,
        council="assessing_organisation",
        area="carer__area",
        worker="assessor",
    )
    shown = {form.status} if form.status else set(QUEUE_STATUSES)
    drafts_of = form.worker or user
    today = timezone.localdate()

    def table(status, queryset, since):
        if status not in shown:
            return None
        rows = [(a, getattr(a, since)) for a in queryset[:50]]
        return [{"assessment": a, "since": when, "waited": waited(when, today)} for a, when in rows]

    return render(
        request,
        "assessments/queue.jinja",
        {
            "filters": form,
            "form_errors": error_summary_params(form),
            "drafts_of": None if drafts_of.pk == user.pk else drafts_of,
            "mine": table(
                AssessmentStatus.DRAFT,
                visible.filter(assessor=drafts_of, status=AssessmentStatus.DRAFT).order_by("started_at", "pk"),
                "started_at",
            ),
            # Each council decides, and its managers sign off, its own council's assessments.
            "submitted": table(
                AssessmentStatus.SUBMITTED,
                visible.worked_on_by(user).filter(status=AssessmentStatus.SUBMITTED).order_by("submitted_at", "pk"),
                "submitted_at",
            ),
            "awaiting_sign_off": table(
                AssessmentStatus.DECIDED,
                visible.filter(status=AssessmentStatus.DECIDED, assessing_organisation_id=user.organisation_id)
                .order_by("decided_at", "pk"),
                "decided_at",
            ),
            "can_sign_off": user.has_perm(SIGN_OFF_ASSESSMENT),
            "can_review_self": user.has_perm(CHANGE_ASSESSMENT),
        },
    )


# The queue's tables, by the status each holds (a completed assessment waits for nobody).
QUEUE_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED, AssessmentStatus.DECIDED)


@login_required
@permission_required(VIEW_TRANSITION_QUEUE, raise_exception=True)
def transitions(request):
    """Young carers turning 18 in the next year with no transition assessment yet, soonest first.

    Filters: council is the council of the area the young carer lives in, area theirs, worker their
    case worker. No status and no wait: the queue is ordered by the date that matters, their 18th birthday.
    """
    form = ListFilterForm(
        request.GET, user=request.user, offer=(COUNCIL, AREA, WORKER), labels={WORKER: _("Case worker")}
    )
    people, more = capped(
        apply_filters(
            services.young_carers_turning_18(timezone.localdate(), user=request.user),
            form,
            council=lambda council: Q(area_id=council.area_id) if council.area_id else Q(pk__in=[]),
            area="area",
            worker="carer__case_worker",
        )
    )
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=AccessPart.TRANSITION_QUEUE)
    rows = [{"person": p, "turns_18": services.eighteenth_birthday(p.date_of_birth)} for p in people]
    return render(
        request,
        "assessments/transitions.jinja",
        {
            "rows": rows,
            "more": more,
            "limit": QUEUE_PAGE_LIMIT,
            "can_start": request.user.has_perm(CHANGE_ASSESSMENT),
            "filters": form,
            "form_errors": error_summary_params(form),
        },
    )
