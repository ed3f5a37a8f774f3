from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.audit.models import AccessPart
from carershub.audit.services import record_access, record_page_access
from carershub.core.idempotency import creates_once, new_token, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import capped
from carershub.people.services import visible_person_or_404
from carershub.providers import vocabulary
from carershub.providers.matching import services
from carershub.providers.matching.forms import (
    REFUSALS,
    CareRequestForm,
    CloseForm,
    IntroduceForm,
    OutcomeForm,
    request_initial,
)
from carershub.providers.matching.models import Introduction, IntroductionOutcome, RequestStatus
from carershub.providers.matching.rules import ADD_CARE_REQUEST, MANAGE_CARE_REQUEST, VIEW_CARE_REQUESTS
from carershub.providers.models import Provider


def _stale(request, found):
    messages.error(
        request, _("Somebody else changed this request while you were looking at it. Check it as it is now.")
    )
    return redirect("matching:request", pk=found.pk)


@login_required
@permission_required(VIEW_CARE_REQUESTS, raise_exception=True)
def queue(request):
    rows, more = capped(services.open_requests_for(request.user).select_related("person", "area"))
    if rows:
        record_page_access(request, ([r.person for r in rows], AccessPart.CARE_REQUEST, ""))
    today = timezone.localdate()
    waiting = [(r, (today - timezone.localdate(r.created_at)).days) for r in rows]
    return render(request, "matching/queue.jinja", {"waiting": waiting, "more": more})


@login_required
@permission_required(ADD_CARE_REQUEST, raise_exception=True)
@creates_once
def new(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    form = one_time(request, CareRequestForm(request.POST or None, person=person))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.open_request(
                person, actor=request.user, services=data["services"], times=data["times"],
                hours_per_week=data["hours_per_week"], welsh_needed=data["welsh_needed"],
                other_language=data["other_language"], preferences=data["preferences"],
                direct_payment=data["direct_payment"],
            )
        except services.Refused as refused:
            form.add_error(None, REFUSALS[refused.code])
        else:
            messages.success(request, _("Request recorded: the providers that fit are below"))
            return redirect("matching:request", pk=found.pk)
    record_access(request, person, part=AccessPart.CARE_REQUEST)
    order = ["services", *(f"times_{d}" for d, _l in vocabulary.DAYS), "hours_per_week", "welsh_needed",
             "other_language", "preferences", "direct_payment"]
    return render(request, "matching/new.jinja", {
        "person": person, "form": form, "form_errors": error_summary_params(form, order=order),
    })


def _shown(row, providers):
    return row, providers[row.candidate.provider_id], services.sentences(row.reasons)


def _page(request, found, *, outcome_forms=None, close_form=None, status=200):
    result, providers = services.rank_for(found)
    introductions = list(found.introductions.select_related("provider__organisation", "arrangement"))
    introduced = {i.provider_id for i in introductions}
    outcome_forms = outcome_forms or {}
    for i in introductions:
        if i.outcome == IntroductionOutcome.PENDING and i.pk not in outcome_forms:
            initial = request_initial(found) | {"version": i.version}
            outcome_forms[i.pk] = OutcomeForm(initial=initial, prefix=f"i{i.pk}")
    close_form = close_form or CloseForm(initial={"version": found.version})
    record_access(request, found.person, part=AccessPart.CARE_REQUEST)
    bound = [f for f in [*outcome_forms.values(), close_form] if f.is_bound]
    form_errors = error_summary_params(*bound) if bound else None
    return render(request, "matching/request.jinja", {
        "found": found,
        "person": found.person,
        "services_wanted": [_(label) for code, label in vocabulary.SERVICES if code in set(found.services)],
        "times_wanted": [services.slot_label(s) for s in found.times],
        "hours_wanted": services.hours_text(found.hours_per_week),
        "suitable": [_shown(r, providers) for r in result.suitable],
        "not_suitable": [_shown(r, providers) for r in result.not_suitable],
        "introduced": introduced,
        "tokens": {r.candidate.provider_id: new_token(request) for r in result.suitable},
        "introductions": [(i, services.sentences(i.reasons), outcome_forms.get(i.pk)) for i in introductions],
        "close_form": close_form,
        "is_open": found.status == RequestStatus.OPEN,
        "may_manage": request.user.has_perm(MANAGE_CARE_REQUEST),
        "form_errors": form_errors,
    }, status=status)


@login_required
@permission_required(VIEW_CARE_REQUESTS, raise_exception=True)
def request_page(request, pk):
    return _page(request, services.request_or_404(request.user, pk))


@login_required
@permission_required(MANAGE_CARE_REQUEST, raise_exception=True)
@require_POST
@creates_once
def introduce(request, pk):
    found = services.request_or_404(request.user, pk)
    form = one_time(request, IntroduceForm(request.POST))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("matching:request", pk=found.pk)
    provider = Provider.objects.filter(pk=form.cleaned_data["provider"]).select_related("organisation").first()
    if provider is None:
        raise Http404
    try:
        services.introduce(found, provider, actor=request.user)
    except services.Refused as refused:
        messages.error(request, str(REFUSALS[refused.code]))
        return _page(request, found)
    messages.success(request, _("Introduced to %(provider)s") % {"provider": provider.name})
    return redirect("matching:request", pk=found.pk)


@login_required
@permission_required(MANAGE_CARE_REQUEST, raise_exception=True)
@require_POST
def outcome(request, pk):
    introduction = get_object_or_404(Introduction.objects.select_related("provider__organisation"), pk=pk)
    found = services.request_or_404(request.user, introduction.request_id)
    introduction.request = found
    form = OutcomeForm(request.POST, prefix=f"i{introduction.pk}")
    if not form.is_valid():
        return _page(request, found, outcome_forms={introduction.pk: form})
    data = form.cleaned_data
    try:
        services.record_outcome(
            introduction, outcome=data["outcome"], expected_version=data["version"], actor=request.user,
            notes=data["notes"], starts_on=data["starts_on"], hours_per_week=data["hours_per_week"],
            setting=data["setting"], confirmed_limit=data["confirmed_limit"],
        )
    except StaleRecordError:
        return _stale(request, found)
    except services.Refused as refused:
        if refused.code in ("arrangement_refused", "needs_confirmation"):
            for problem in refused.problems:
                form.add_error("confirmed_limit" if refused.code == "needs_confirmation" else None, problem)
            if refused.pathway:
                form.add_error(None, refused.pathway)
            form.needs_confirmation = refused.code == "needs_confirmation"
        else:
            form.add_error(None, REFUSALS[refused.code])
        return _page(request, found, outcome_forms={introduction.pk: form})
    if data["outcome"] == IntroductionOutcome.AGREED:
        messages.success(request, _("Care agreed with %(provider)s and the arrangement recorded") % {
            "provider": introduction.provider.name})
    else:
        messages.success(request, _("Outcome recorded"))
    return redirect("matching:request", pk=found.pk)


@login_required
@permission_required(MANAGE_CARE_REQUEST, raise_exception=True)
@require_POST
def close(request, pk):
    found = services.request_or_404(request.user, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _page(request, found, close_form=form)
    try:
        services.close_request(found, reason=form.cleaned_data["reason"], expected_version=form.cleaned_data["version"],
                               actor=request.user)
    except StaleRecordError:
        return _stale(request, found)
    messages.success(request, _("Request closed"))
    return redirect("matching:request", pk=found.pk)
