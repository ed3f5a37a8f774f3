"""Carers' self-assessment: public pages for carers, and the staff pages that turn one into a draft.

The public pages need no sign-in and never show anything already held about anybody.
"""

import hashlib

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.listfilters import AREA, ListFilterForm, apply_filters, waited
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.partnership.models import Area
from carershub.people.presenters import MatchPresenter
from carershub.people.rules import ADD_PERSON
from carershub.people.services import visible_matches
from carershub.selfassessment import services
from carershub.selfassessment.forms import AreaForm, DiscardForm, SelfAssessmentForm, StartFromSelfAssessmentForm
from carershub.selfassessment.models import SelfAssessment
from carershub.selfassessment.presenters import SelfAssessmentPresenter
from carershub.selfassessment.rules import DISCARD_SELF_ASSESSMENT, REVIEW_SELF_ASSESSMENTS

SESSION_REFERENCE_KEY = "carershub_self_assessment_reference"
RATE_LIMIT = 5  # self-assessments sent ...
RATE_WINDOW_SECONDS = 60 * 60  # ... per address an hour


# --- Public pages -------------------------------------------------------------------------


def start(request):
    return render(request, "selfassessment/start.jinja", {})


def where(request):
    """Step 1: the council area, which decides the law and so the well-being questions."""
    form = AreaForm(request.GET if "area" in request.GET or "chosen" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect(f"{reverse('self_assessment:questions')}?{urlencode({'area': form.cleaned_data['area'].pk})}")
    return render(request, "selfassessment/where.jinja", {"form": form, "form_errors": error_summary_params(form)})


def _chosen_area(request) -> Area | None:
    raw = request.POST.get("area") if request.method == "POST" else request.GET.get("area")
    if not raw or not str(raw).isdigit():
        return None
    return Area.objects.filter(pk=int(raw)).first()


def _rate_key(request) -> str:
    try:
        ip = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        ip = "unknown"
    # Keep no address in the cache in clear.
    return "self-assessment:sent:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def _over_rate_limit(request) -> bool:
    return cache.get(_rate_key(request), 0) >= RATE_LIMIT


def _count_sent(request) -> None:
    key = _rate_key(request)
    if cache.add(key, 1, RATE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, RATE_WINDOW_SECONDS)


@csrf_protect
@creates_once
def questions(request):
    """Step 2: who the carer is, how to reach them, and their answers."""
    area = _chosen_area(request)
    if area is None:
        return redirect("self_assessment:where")
    form = one_time(request, SelfAssessmentForm(request.POST or None, area=area))
    if request.method == "POST":
        if _over_rate_limit(request):
            form.is_valid()  # show any other problems too, and keep what was typed
            form.add_error(
                None,
                _(
                    "You have sent %(count)s self-assessments from this connection in the last hour. "
                    "Wait an hour and send this again. Your answers are still on this page."
                )
                % {"count": RATE_LIMIT},
            )
        elif form.is_robot:
            _count_sent(request)
            form.is_valid()
            form.add_error(None, _("We could not send your self-assessment. Check your answers and try again."))
        elif form.is_valid():
            self_assessment = services.receive(
                details=form.details(),
                answers=form.answers(),
                area=area,
                made_by=form.cleaned_data["made_by"],
                helper_name=form.cleaned_data.get("helper_name", ""),
            )
            _count_sent(request)
            request.session[SESSION_REFERENCE_KEY] = self_assessment.reference
            return redirect("self_assessment:sent")
    return render(
        request,
        "selfassessment/questions.jinja",
        {"form": form, "area": area, "form_errors": error_summary_params(form)},
    )


@never_cache
def sent(request):
    reference = request.session.get(SESSION_REFERENCE_KEY)
    if not reference:
        return redirect("self_assessment:start")
    return render(request, "selfassessment/sent.jinja", {"reference": reference})


# --- Staff pages --------------------------------------------------------------------------


@login_required
@permission_required(REVIEW_SELF_ASSESSMENTS, raise_exception=True)
def queue(request):
    """Self-assessments waiting, oldest first, with how long each has waited; filtered by area.

    No council filter: the queue is already one council's (the area the carer chose, and areas
    with no council of their own, so nothing waits unseen: SelfAssessment.objects.visible_to), and
    a council filter set to the user's own would hide those.
    """
    form = ListFilterForm(request.GET, user=request.user, offer=(AREA,))
    waiting = apply_filters(services.awaiting_review(request.user), form, area="area")
    today = timezone.localdate()
    rows = [{"self_assessment": sa, "waited": waited(sa.submitted_at, today)} for sa in waiting[:100]]
    return render(
        request,
        "selfassessment/queue.jinja",
        {
            "rows": rows,
            "total": waiting.count(),
            "filters": form,
            "form_errors": error_summary_params(form),
        },
    )


@login_required
@permission_required(REVIEW_SELF_ASSESSMENTS, raise_exception=True)
@creates_once
def review(request, pk):
    self_assessment = get_object_or_404(
        SelfAssessment.objects.visible_to(request.user).select_related("area", "assessment__carer", "discarded_by"),
        pk=pk,
    )
    if self_assessment.assessment_id or self_assessment.discarded_at:
        if self_assessment.assessment_id:
            record_access(request, self_assessment.assessment.carer, part=AccessPart.ASSESSMENT)
        return render(
            request,
            "selfassessment/review.jinja",
            {"self_assessment": SelfAssessmentPresenter(self_assessment), "matches": [], "form": None},
        )
    matches = visible_matches(request.user, **services.identifying_details(self_assessment))
    councils = list(services.councils_for(self_assessment))
    default_council = councils[0] if len(councils) == 1 else None
    form = one_time(
        request,
        StartFromSelfAssessmentForm(
            request.POST or None, match_pks=[p.pk for p, _r in matches], default_council=default_council
        ),
    )
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["carer"]
        carer = None
        if choice != "new":
            carer = next(p for p, _r in matches if str(p.pk) == choice)
        elif not request.user.has_perm(ADD_PERSON):
            raise PermissionDenied
        try:
            assessment = services.start_assessment_from(
                self_assessment,
                carer=carer,
                organisation=form.cleaned_data["assessing_organisation"],
                actor=request.user,
            )
        except StaleRecordError:
            messages.error(request, _("Somebody else started an assessment from this self-assessment just now."))
            return redirect("self_assessment:review", pk=self_assessment.pk)
        messages.success(
            request,
            _("Draft assessment started for %(name)s with their answers from the self-assessment. Check each section.")
            % {"name": assessment.carer.full_name},
        )
        return redirect("assessments:detail", pk=assessment.pk)
    if matches:
        record_access(
            request, [p for p, _r in matches], action=AccessAction.SEARCH, part=AccessPart.POSSIBLE_DUPLICATES
        )
    return render(
        request,
        "selfassessment/review.jinja",
        {
            "self_assessment": SelfAssessmentPresenter(self_assessment),
            "matches": [MatchPresenter(p, r) for p, r in matches],
            "form": form,
            "default_council": default_council,
            "ask_council": default_council is None or "assessing_organisation" in form.errors,
            "can_add_person": request.user.has_perm(ADD_PERSON),
            "can_discard": request.user.has_perm(DISCARD_SELF_ASSESSMENT),
            "form_errors": error_summary_params(form),
        },
    )


@login_required
@permission_required(DISCARD_SELF_ASSESSMENT, raise_exception=True)
def discard(request, pk):
    """Discard junk with a reason: it leaves the queue and its content is removed; the discard is logged."""
    self_assessment = get_object_or_404(
        SelfAssessment.objects.visible_to(request.user).select_related("area"),
        pk=pk,
        assessment__isnull=True,
        discarded_at__isnull=True,
    )
    form = DiscardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.discard(self_assessment, reason=form.cleaned_data["reason"], actor=request.user)
        except StaleRecordError:
            messages.error(request, _("Somebody else started an assessment from this self-assessment, or discarded it, just now."))
            return redirect("self_assessment:review", pk=self_assessment.pk)
        messages.success(
            request,
            _("Self-assessment %(reference)s discarded as junk. Its content has been removed.")
            % {"reference": self_assessment.reference or self_assessment.pk},
        )
        return redirect("self_assessment:queue")
    return render(
        request,
        "selfassessment/discard.jinja",
        {
            "self_assessment": SelfAssessmentPresenter(self_assessment),
            "form": form,
            "form_errors": error_summary_params(form),
        },
    )
