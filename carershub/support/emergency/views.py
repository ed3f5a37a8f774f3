"""Contingency plans, emergency cards (PDF and the carer's phone page), the responder's look-up,
emergency response episodes and the queue of open responses and plans due for review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from carershub.accounts.models import SERVICE_ROLES
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access, record_page_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import capped
from carershub.people.services import visible_person_or_404
from carershub.support.emergency import cardnumber, cards, services
from carershub.support.emergency.forms import (
    CancelCardForm,
    CloseEpisodeForm,
    EpisodeForm,
    IssueCardForm,
    LookupForm,
    PlanForm,
    contact_forms,
)
from carershub.support.emergency.models import ContingencyPlan, EmergencyCard
from carershub.support.emergency.rules import (
    CHANGE_CONTINGENCY_PLAN,
    LOOK_UP_CARD,
    MANAGE_CARDS,
    RECORD_EPISODE,
    VIEW_CONTINGENCY_PLAN,
    VIEW_EMERGENCY_QUEUE,
)

TEXT = {
    "stale_plan": gettext_lazy(
        "Somebody else changed this plan while you were editing it. Nothing has been saved. "
        "Check the plan as it is now, then make your changes again."
    ),
}


def _carer_or_404(user, person_pk):
    person = visible_person_or_404(user, person_pk)
    if not hasattr(person, "carer"):
        raise Http404
    return person


def _is_service_worker(user) -> bool:
    return user.has_role(*SERVICE_ROLES)


# --- The contingency plan -------------------------------------------------------------------------


@login_required
@permission_required(VIEW_CONTINGENCY_PLAN, raise_exception=True)
def plan(request, person_pk):
    carer = _carer_or_404(request.user, person_pk)
    found = services.plan_of(carer)
    card = services.live_card(carer)
    episodes = list(found.episodes.select_related("recorded_by")[:10]) if found else []
    record_access(request, carer, part=AccessPart.CONTINGENCY_PLAN)
    return render(
        request,
        "emergency/plan.jinja",
        {
            "person": carer,
            "plan": found,
            "card": card,
            "number": cardnumber.grouped(card.number) if card else "",
            "episodes": episodes,
            "line": services.line_for(carer.area_id),
            "review_due": found is not None and found.review_by <= timezone.localdate(),
            "can_change": request.user.has_perm(CHANGE_CONTINGENCY_PLAN, carer),
            "can_manage_cards": request.user.has_perm(MANAGE_CARDS, carer),
            "can_record": request.user.has_perm(RECORD_EPISODE),
        },
    )


def _plan_page(request, carer, form, contacts, *, heading):
    errors = error_summary_params(form, *contacts)
    record_access(request, carer, part=AccessPart.CONTINGENCY_PLAN)
    return render(
        request,
        "emergency/plan_form.jinja",
        {"person": carer, "form": form, "contacts": contacts, "heading": heading, "form_errors": errors},
    )


def _valid(form, contacts) -> bool:
    return all([form.is_valid(), *(c.is_valid() for c in contacts)])


@login_required
@permission_required(CHANGE_CONTINGENCY_PLAN, raise_exception=True)
@creates_once
def new_plan(request, person_pk):
    carer = _carer_or_404(request.user, person_pk)
    if not request.user.has_perm(CHANGE_CONTINGENCY_PLAN, carer):
        raise PermissionDenied
    if ContingencyPlan.objects.filter(carer=carer).exists():
        return redirect("emergency:edit_plan", person_pk=carer.pk)
    if not carer.cares_for.filter(ended_on__isnull=True).exists():
        messages.error(request, _("Add the person the carer looks after to their record first."))
        return redirect("emergency:plan", person_pk=carer.pk)
    data = request.POST or None
    form = one_time(request, PlanForm(data, carer=carer, initial={"review_by": services.default_review_by()}))
    contacts = contact_forms(data)
    if request.method == "POST" and _valid(form, contacts):
        try:
            services.write_plan(
                carer,
                data=form.plan_data(),
                contacts=[c.contact() for c in contacts if c.contact()],
                actor=request.user,
            )
        except IntegrityError:
            messages.error(
                request,
                _(
                    "Somebody else has just written a contingency plan for this carer. Check it, then make your changes there."
                ),
            )
        else:
            messages.success(request, _("Contingency plan saved"))
        return redirect("emergency:plan", person_pk=carer.pk)
    return _plan_page(request, carer, form, contacts, heading=_("Write a contingency plan"))


@login_required
@permission_required(CHANGE_CONTINGENCY_PLAN, raise_exception=True)
def edit_plan(request, person_pk):
    carer = _carer_or_404(request.user, person_pk)
    if not request.user.has_perm(CHANGE_CONTINGENCY_PLAN, carer):
        raise PermissionDenied
    found = services.plan_of(carer)
    if found is None:
        return redirect("emergency:new_plan", person_pk=carer.pk)
    data = request.POST or None
    form = PlanForm(data, carer=carer, instance=found)
    contacts = contact_forms(data, found)
    if request.method == "POST" and _valid(form, contacts):
        try:
            services.write_plan(
                carer,
                data=form.plan_data(),
                contacts=[c.contact() for c in contacts if c.contact()],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleRecordError:
            form.add_error(None, TEXT["stale_plan"])
        else:
            messages.success(request, _("Contingency plan saved"))
            return redirect("emergency:plan", person_pk=carer.pk)
    return _plan_page(request, carer, form, contacts, heading=_("Change the contingency plan"))


# --- Cards ----------------------------------------------------------------------------------------


@login_required
@permission_required(MANAGE_CARDS, raise_exception=True)
@creates_once
def issue_card(request, person_pk):
    carer = _carer_or_404(request.user, person_pk)
    if not request.user.has_perm(MANAGE_CARDS, carer):
        raise PermissionDenied
    found = services.plan_of(carer)
    if found is None:
        messages.error(request, _("Write the contingency plan first: the card opens it."))
        return redirect("emergency:plan", person_pk=carer.pk)
    live = services.live_card(carer)
    if live is not None:
        messages.error(
            request, _("This carer already has a card in use. To replace it, cancel it and issue a new one.")
        )
        return redirect("emergency:card", pk=live.pk)
    form = one_time(request, IssueCardForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        try:
            card = services.issue_card(found, actor=request.user)
        except services.CardExists:
            messages.error(request, _("Somebody else has just issued a card for this carer."))
            return redirect("emergency:plan", person_pk=carer.pk)
        messages.success(request, _("Emergency card issued. Print it and give it to the carer."))
        return redirect("emergency:card", pk=card.pk)
    record_access(request, carer, part=AccessPart.EMERGENCY_CARD)
    return render(
        request,
        "emergency/issue_card.jinja",
        {
            "person": carer,
            "form": form,
            "line": services.line_for(carer.area_id),
            "form_errors": error_summary_params(form),
        },
    )


def _card_for_worker(request, pk, permission=VIEW_CONTINGENCY_PLAN):
    card = services.card_or_404(pk)
    carer = visible_person_or_404(request.user, card.carer_id)
    if not request.user.has_perm(permission, carer):
        raise PermissionDenied
    card.carer = carer
    return card


@login_required
@permission_required(VIEW_CONTINGENCY_PLAN, raise_exception=True)
def card(request, pk):
    found = _card_for_worker(request, pk)
    record_access(request, found.carer, part=AccessPart.EMERGENCY_CARD)
    history = list(EmergencyCard.objects.filter(carer_id=found.carer_id).select_related("issued_by", "cancelled_by"))
    return render(
        request,
        "emergency/card.jinja",
        {
            "person": found.carer,
            "card": found,
            "history": history,
            "line": services.line_for(found.carer.area_id),
            "link": request.build_absolute_uri(services.card_link(found)) if found.is_live else "",
            "can_manage": request.user.has_perm(MANAGE_CARDS, found.carer),
            "number": cards.grouped(found.number),
        },
    )


@login_required
@permission_required(MANAGE_CARDS, raise_exception=True)
def cancel_card(request, pk):
    found = _card_for_worker(request, pk, MANAGE_CARDS)
    if not found.is_live:
        messages.error(request, _("This card has already been cancelled."))
        return redirect("emergency:card", pk=found.pk)
    form = CancelCardForm(request.POST or None, initial={"version": found.version, "reissue": True})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.cancel_card(
                found,
                reason=form.cleaned_data["reason"],
                reissue=form.cleaned_data["reissue"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this card just now. Check it, then try again."))
            return redirect("emergency:card", pk=found.pk)
        if new is not None:
            messages.success(
                request,
                _("Card cancelled: its number opens nothing now. A new card has been issued: print it for the carer."),
            )
            return redirect("emergency:card", pk=new.pk)
        messages.success(request, _("Card cancelled: its number opens nothing now."))
        return redirect("emergency:plan", person_pk=found.carer_id)
    record_access(request, found.carer, part=AccessPart.EMERGENCY_CARD)
    return render(
        request,
        "emergency/cancel_card.jinja",
        {
            "person": found.carer,
            "card": found,
            "number": cards.grouped(found.number),
            "form": form,
            "form_errors": error_summary_params(form),
        },
    )


@login_required
@permission_required(VIEW_CONTINGENCY_PLAN, raise_exception=True)
def card_pdf(request, pk):
    found = _card_for_worker(request, pk)
    if not found.is_live:
        raise Http404
    record_access(request, found.carer, action=AccessAction.EXPORT, part=AccessPart.EMERGENCY_CARD)
    response = HttpResponse(
        cards.card_pdf(found, services.line_for(found.carer.area_id)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="emergency-card-{found.pk}.pdf"'
    return response


def phone_card(request, token):
    """The carer's card on their phone, through the signed link staff sent them: number and line only."""
    found = services.card_from_link(token)
    if found is None:
        raise Http404
    line = services.line_for(found.carer.area_id)
    return render(request, "emergency/phone_card.jinja", cards.card_context(found, line))


# --- The emergency responder -------------------------------------------------------------------------


def _lookup_problem(result) -> str:
    if result.status == services.LookUp.MISTYPED:
        return _(cardnumber.MESSAGES[cardnumber.MISTYPED])
    if result.status == services.LookUp.WAIT:
        return ngettext(
            "Too many numbers that open no plan have been typed. Wait %(count)s second, then try again.",
            "Too many numbers that open no plan have been typed. Wait %(count)s seconds, then try again.",
            result.wait,
        ) % {"count": result.wait}
    return _(
        "No card in use has this number. Check the number with the caller: a lost card is cancelled and opens nothing."
    )


@login_required
@permission_required(LOOK_UP_CARD, raise_exception=True)
@require_http_methods(["GET", "POST"])
def lookup(request):
    """One page: a card number and a reason; the plan is shown in the answer to that post only.

    The look-up grants nothing else: reloading the page sends the look-up again (and logs it again);
    going back to the form asks again. The responder may record a call-out for a plan they looked up
    in the last hours.
    """
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.look_up(request, form.cleaned_data["card_number"], form.cleaned_data["reason"])
        if result.status == services.LookUp.FOUND:
            found = result.plan
            return render(
                request,
                "emergency/responder_plan.jinja",
                {
                    "plan": found,
                    "carer": found.carer,
                    "cared_for": found.cared_for.cared_for,
                    "contacts": list(found.contacts.all()),
                    "line": services.line_for(found.carer.area_id),
                    "number": cards.grouped(result.card.number),
                    "looked_up_at": timezone.now(),
                },
            )
        form.add_error("card_number", _lookup_problem(result))
    return render(request, "emergency/lookup.jinja", {"form": form, "form_errors": error_summary_params(form)})


# --- Emergency response episodes ----------------------------------------------------------------------


def _plan_for_episode(request, plan_pk) -> ContingencyPlan:
    """A service worker who may open the carer's record, or a responder who looked the plan up lately."""
    found = ContingencyPlan.objects.select_related("carer__area", "cared_for__cared_for").filter(pk=plan_pk).first()
    if found is None:
        raise Http404
    user = request.user
    if _is_service_worker(user):
        found.carer = visible_person_or_404(user, found.carer_id)
        if not user.has_perm(VIEW_CONTINGENCY_PLAN, found.carer):
            raise PermissionDenied
    elif not (user.has_perm(LOOK_UP_CARD) and services.looked_up_recently(user, found)):
        raise Http404
    return found


def _episode_for(request, pk):
    episode = services.episode_or_404(pk)
    user = request.user
    if _is_service_worker(user):
        visible_person_or_404(user, episode.carer_id)
    elif not (user.has_perm(LOOK_UP_CARD) and episode.recorded_by_id == user.pk):
        raise Http404
    return episode


def _log_episode(request, carer):
    if _is_service_worker(request.user):
        record_access(request, carer, part=AccessPart.EMERGENCY_RESPONSE)
    else:
        record_access(
            request,
            carer,
            action=AccessAction.EMERGENCY,
            part=AccessPart.EMERGENCY_RESPONSE,
            purpose=_("Recording an emergency response"),
        )


@login_required
@permission_required(RECORD_EPISODE, raise_exception=True)
@creates_once
def new_episode(request, plan_pk):
    found = _plan_for_episode(request, plan_pk)
    form = one_time(request, EpisodeForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        episode = services.record_call_out(found, data=form.episode_data(), actor=request.user)
        messages.success(request, _("Call-out recorded. Close it when the emergency is over."))
        return redirect("emergency:episode", pk=episode.pk)
    _log_episode(request, found.carer)
    return render(
        request,
        "emergency/new_episode.jinja",
        {"plan": found, "carer": found.carer, "form": form, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(RECORD_EPISODE, raise_exception=True)
def episode(request, pk):
    found = _episode_for(request, pk)
    _log_episode(request, found.carer)
    return render(
        request,
        "emergency/episode.jinja",
        {"episode": found, "carer": found.carer, "is_service_worker": _is_service_worker(request.user)},
    )


@login_required
@permission_required(RECORD_EPISODE, raise_exception=True)
def close_episode(request, pk):
    found = _episode_for(request, pk)
    if not found.is_open:
        messages.error(request, _("This emergency response is already closed."))
        return redirect("emergency:episode", pk=found.pk)
    form = CloseEpisodeForm(
        request.POST or None, initial={"version": found.version, "arranged": found.arranged, "hours": ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.close_episode(
                found, data=form.close_data(), actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except StaleRecordError:
            messages.error(
                request, _("Somebody else changed or closed this response just now. Check it, then try again.")
            )
        else:
            messages.success(request, _("Emergency response closed"))
        return redirect("emergency:episode", pk=found.pk)
    _log_episode(request, found.carer)
    return render(
        request,
        "emergency/close_episode.jinja",
        {"episode": found, "carer": found.carer, "form": form, "form_errors": error_summary_params(form)},
    )


@login_required
@permission_required(VIEW_EMERGENCY_QUEUE, raise_exception=True)
def queue(request):
    """Open emergency responses (longest open first) and contingency plans due for review (soonest first)."""
    today = timezone.localdate()
    episodes, more_episodes = capped(services.open_episodes(request.user))
    plans, more_plans = capped(services.plans_due_for_review(request.user, today))
    parts = []
    if episodes:
        parts.append(([e.carer for e in episodes], AccessPart.EMERGENCY_RESPONSE, ""))
    if plans:
        parts.append(([p.carer for p in plans], AccessPart.CONTINGENCY_PLAN, ""))
    if parts:
        record_page_access(request, *parts)
    return render(
        request,
        "emergency/queue.jinja",
        {
            "episodes": episodes,
            "plans": plans,
            "more_episodes": more_episodes,
            "more_plans": more_plans,
            "today": today,
            "now": timezone.now(),
        },
    )
