from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.core import amounts
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.grants import fund, services
from carershub.grants.forms import (
    AWARD,
    ApplicationForm,
    DecisionForm,
    InterestForm,
    PanelForm,
    PaymentForm,
    ReturnForm,
    RoundForm,
    ScoreForm,
    message,
)
from carershub.grants.models import NEXT_STATUS, RECEIVING, Outcome, RoundStatus
from carershub.grants.rules import ADD_ROUND, MANAGE_ROUND, SCORE, VIEW_ROUND, VIEW_ROUNDS


def _page(request, template, context):
    """Every grants page can write money as £1,234.56 and scores as 3.45."""
    return render(request, template, {"pounds": amounts.pounds, "score": fund.shown, **context})


def _stale(request, back):
    messages.error(request, _("Somebody else changed this while you were looking at it. Check it as it is now."))
    return redirect(back)


def _round(request, pk, perm=VIEW_ROUND):
    found = services.round_or_404(request.user, pk)
    if not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found


def _application(request, pk, perm=VIEW_ROUND):
    found = services.application_or_404(request.user, pk)
    if not request.user.has_perm(perm, found.round):
        raise PermissionDenied
    return found


# ---------------------------------------------------------------- rounds


@login_required
@permission_required(VIEW_ROUNDS, raise_exception=True)
def rounds(request):
    rows = (services.rounds_visible_to(request.user).select_related("funder")
            .annotate(applications_count=Count("applications", distinct=True),
                      awarded=Sum("applications__awarded_pence"))
            .order_by("-opens_on", "-pk")[:200])
    return _page(request, "grants/rounds.jinja", {"rows": rows, "can_add": request.user.has_perm(ADD_ROUND)})


@login_required
@permission_required(ADD_ROUND, raise_exception=True)
@creates_once
def new_round(request):
    # "?criteria=section16" starts the criteria from the Section 16 principles (grants/fund.py).
    start = fund.SECTION_16_PRINCIPLES if request.GET.get("criteria") == "section16" else []
    initial = {}
    for n, (name, guidance) in enumerate(start, start=1):
        initial.update({f"criterion_{n}": _(name), f"weight_{n}": 1, f"guidance_{n}": _(guidance)})
    form = one_time(request, RoundForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = services.create_round(
                actor=request.user, name=data["name"], description=data["description"],
                budget_pence=data["budget"], max_award_pence=data["max_award"], opens_on=data["opens_on"],
                closes_on=data["closes_on"], decision_on=data["decision_on"], score_max=data["score_max"],
                return_months=data["return_months"], panel=data["panel"],
                criteria=[services.CriterionSpec(n, w, g) for n, w, g in data["criteria"]],
            )
        except services.Refused as refused:
            form.add_error({"maximum_over_budget": "max_award", "no_criteria": "criterion_1"}.get(refused.code),
                           message(refused.code, refused.params))
        else:
            messages.success(request, _("Grant round set up: %(name)s") % {"name": found.name})
            return redirect("grants:round", pk=found.pk)
    return _page(request, "grants/new_round.jinja", {"form": form, "form_errors": error_summary_params(form)})


@login_required
def round_page(request, pk):
    found = _round(request, pk)
    applications = list(found.applications.select_related("group").annotate(
        paid_pence=Sum("payments__amount_pence")).order_by("received_on", "pk"))
    scored = services.scores_of(found, applications)
    can_manage = request.user.has_perm(MANAGE_ROUND, found)
    on_panel = services.is_panel_member(request.user, found)
    # A panel member sees an application's panel score only once they have scored it (or if they manage
    # the round and sit on no panel); the list shows their own progress instead.
    mine = set(found.applications.filter(scoresheets__scorer=request.user).values_list("pk", flat=True)) if on_panel else set()
    interests = set(found.applications.filter(interests__member=request.user).values_list("pk", flat=True)) if on_panel else set()
    return _page(request, "grants/round.jinja", {
        "round": found,
        "criteria": list(found.criteria.all()),
        "panel": list(found.panel.select_related("organisation").order_by("last_name", "first_name")),
        "applications": applications,
        "scored": scored,
        "mine": mine,
        "interests": interests,
        "on_panel": on_panel,
        "budget": services.budget(found),
        "overdue": services.overdue_returns(found),
        "can_manage": can_manage,
        "next_status": NEXT_STATUS.get(found.status),
        "receiving": found.status in RECEIVING,
        "status_form_version": found.version,
    })


@login_required
@require_POST
def move_on(request, pk):
    found = _round(request, pk, MANAGE_ROUND)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.move_on(found, expected_version=version, actor=request.user)
    except StaleRecordError:
        return _stale(request, reverse("grants:round", args=[found.pk]))
    except services.Refused as refused:
        messages.error(request, message(refused.code, refused.params))
    else:
        messages.success(request, _("The round is now: %(status)s") % {"status": found.get_status_display()})
    return redirect("grants:round", pk=found.pk)


@login_required
def change_panel(request, pk):
    found = _round(request, pk, MANAGE_ROUND)
    form = PanelForm(request.POST or None, initial={"version": found.version, "panel": list(found.panel.all())})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_panel(found, expected_version=form.cleaned_data["version"],
                                  panel=form.cleaned_data["panel"], actor=request.user)
        except StaleRecordError:
            return _stale(request, reverse("grants:round", args=[found.pk]))
        except services.Refused as refused:
            form.add_error("panel", message(refused.code, refused.params))
        else:
            messages.success(request, _("Panel saved"))
            return redirect("grants:round", pk=found.pk)
    return _page(request, "grants/panel.jinja", {"round": found, "form": form, "form_errors": error_summary_params(form)})


@login_required
def ranking(request, pk):
    found = _round(request, pk)
    rows = services.ranking(found)
    hidden = set()
    if services.is_panel_member(request.user, found):
        hidden = {row.application.pk for row in rows if not services.may_see_scores(request.user, row.application)}
        # The order itself would tell a scorer how the others scored: what they may not see goes last.
        rows = [r for r in rows if r.application.pk not in hidden] + sorted(
            (r for r in rows if r.application.pk in hidden), key=lambda r: (r.application.received_on, r.application.pk))
    return _page(request, "grants/ranking.jinja", {"round": found, "rows": rows, "hidden": hidden,
                                                   "can_manage": request.user.has_perm(MANAGE_ROUND, found)})


# ---------------------------------------------------------------- applications


@login_required
@creates_once
def new_application(request, pk):
    found = _round(request, pk, MANAGE_ROUND)
    if found.status not in RECEIVING:
        messages.error(request, message("not_receiving"))
        return redirect("grants:round", pk=found.pk)
    form = one_time(request, ApplicationForm(request.POST or None, round_=found))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.record_application(
                found, actor=request.user, group=data["group"], new_group_name=data["new_group_name"],
                section16_type=data["section16_type"], contact_name=data["contact_name"],
                contact_email=data["contact_email"], contact_phone=data["contact_phone"], purpose=data["purpose"],
                requested_pence=data["amount"], coproduction=data["coproduction"],
                carers_expected=data["carers_expected"], received_on=data["received_on"],
                late_reason=data["late_reason"],
            )
        except services.Refused as refused:
            field = {"over_maximum": "amount", "late_without_reason": "late_reason", "group_exists": "new_group_name"}.get(refused.code)
            form.add_error(field, message(refused.code, refused.params))
        else:
            messages.success(request, _("Application recorded"))
            return redirect("grants:application", pk=application.pk)
    return _page(request, "grants/new_application.jinja", {"round": found, "form": form, "form_errors": error_summary_params(form)})


@login_required
def application(request, pk):
    found = _application(request, pk)
    round_ = found.round
    on_panel = services.is_panel_member(request.user, round_)
    see_scores = services.may_see_scores(request.user, found)
    scored = services.scores_of(round_, [found])[found.pk]
    payments = list(found.payments.order_by("paid_on", "pk"))
    paid = sum(p.amount_pence for p in payments)
    returns = list(found.returns.order_by("received_on", "pk"))
    due = fund.return_due(found.decided_on, round_.return_months) if found.outcome == Outcome.AWARDED and found.decided_on else None
    return _page(request, "grants/application.jinja", {
        "application": found,
        "round": round_,
        "on_panel": on_panel,
        "see_scores": see_scores,
        "scored": scored,
        "sheets": list(services.sheets_for(found)) if see_scores else [],
        "has_scored": on_panel and services.has_scored(request.user, found),
        "has_interest": on_panel and services.has_interest(request.user, found),
        "interests": list(found.interests.select_related("member")),
        "payments": payments,
        "paid": paid,
        "returns": returns,
        "return_due": due,
        "return_overdue": bool(due and not returns and timezone.localdate() > due),
        "can_manage": request.user.has_perm(MANAGE_ROUND, round_),
    })


@login_required
@creates_once
def score(request, pk):
    found = _application(request, pk, SCORE)
    round_ = found.round
    if services.has_scored(request.user, found):
        messages.info(request, message("already_scored"))
        return redirect("grants:application", pk=found.pk)
    if services.has_interest(request.user, found):
        messages.info(request, message("interest_declared"))
        return redirect("grants:application", pk=found.pk)
    criteria = list(round_.criteria.all())
    form = one_time(request, ScoreForm(request.POST or None, criteria=criteria, score_max=round_.score_max))
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_scores(found, scorer=request.user, scores=form.scores(), comments=form.comments(),
                                   comment=form.cleaned_data["comment"])
        except services.Refused as refused:
            form.add_error(None, message(refused.code, refused.params))
        else:
            messages.success(request, _("Your scores are submitted"))
            return redirect("grants:application", pk=found.pk)
    return _page(request, "grants/score.jinja", {"application": found, "round": round_, "form": form,
                                                 "scoring": round_.status == RoundStatus.SCORING,
                                                 "form_errors": error_summary_params(form)})


@login_required
@creates_once
def declare_interest(request, pk):
    found = _application(request, pk, SCORE)
    form = one_time(request, InterestForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_interest(found, member=request.user, note=form.cleaned_data["note"])
        except services.Refused as refused:
            form.add_error("note", message(refused.code, refused.params))
        else:
            messages.success(request, _("Interest declared: you will not score this application"))
            return redirect("grants:application", pk=found.pk)
    return _page(request, "grants/interest.jinja", {"application": found, "round": found.round, "form": form,
                                                    "form_errors": error_summary_params(form)})


@login_required
def my_scoring(request):
    if not request.user.has_perm(VIEW_ROUNDS):
        raise PermissionDenied
    rows = list(services.waiting_for_scores(request.user)[:500])
    return _page(request, "grants/scoring.jinja", {"rows": rows})


# ---------------------------------------------------------------- decisions, payments, returns


@login_required
def decide(request, pk):
    found = _application(request, pk, MANAGE_ROUND)
    round_ = found.round
    if found.outcome != Outcome.WAITING:
        messages.info(request, _("This application has been decided"))
        return redirect("grants:application", pk=found.pk)
    form = DecisionForm(request.POST or None, requested=found.requested_pence, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == AWARD:
                services.award(found, amount_pence=data["amount"], expected_version=data["version"], actor=request.user)
            else:
                services.decline(found, reason=data["reason"].strip(), expected_version=data["version"], actor=request.user)
        except StaleRecordError:
            return _stale(request, reverse("grants:application", args=[found.pk]))
        except services.Refused as refused:
            form.add_error("amount" if refused.code.startswith("over_") else None, message(refused.code, refused.params))
        else:
            messages.success(request, _("Decision recorded"))
            return redirect("grants:application", pk=found.pk)
    return _page(request, "grants/decide.jinja", {
        "application": found, "round": round_, "form": form, "budget": services.budget(round_),
        "scored": services.scores_of(round_, [found])[found.pk], "deciding": round_.status == RoundStatus.SCORING,
        "form_errors": error_summary_params(form),
    })


@login_required
@creates_once
def new_payment(request, pk):
    found = _application(request, pk, MANAGE_ROUND)
    if found.outcome != Outcome.AWARDED:
        raise Http404
    form = one_time(request, PaymentForm(request.POST or None))
    paid = services.paid(found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_payment(found, amount_pence=data["amount"], paid_on=data["paid_on"],
                                    reference=data["reference"], actor=request.user)
        except services.Refused as refused:
            form.add_error("amount", message(refused.code, refused.params))
        else:
            messages.success(request, _("Payment recorded"))
            return redirect("grants:application", pk=found.pk)
    return _page(request, "grants/new_payment.jinja", {"application": found, "round": found.round, "form": form,
                                                       "paid": paid, "form_errors": error_summary_params(form)})


@login_required
@creates_once
def new_return(request, pk):
    found = _application(request, pk, MANAGE_ROUND)
    if found.outcome != Outcome.AWARDED:
        raise Http404
    form = one_time(request, ReturnForm(request.POST or None, award=found.awarded_pence))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_return(found, actor=request.user, received_on=data["received_on"], achieved=data["achieved"],
                                   carers_reached=data["carers_reached"], spent_pence=data["spent"],
                                   coproduction_evidence=data["coproduction_evidence"],
                                   unspent_pence=data["unspent"] or 0)
        except services.Refused as refused:
            form.add_error(None, message(refused.code, refused.params))
        else:
            messages.success(request, _("Monitoring return recorded"))
            return redirect("grants:application", pk=found.pk)
    return _page(request, "grants/new_return.jinja", {"application": found, "round": found.round, "form": form,
                                                      "form_errors": error_summary_params(form)})
