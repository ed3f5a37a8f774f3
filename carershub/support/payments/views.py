"""Direct payments pages: a carer's direct payments, setting one up, an agreement and what is
recorded against it, and the council's position with its CSV of payments due."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.spreadsheet import safe_cell
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import capped
from carershub.people.services import visible_person_or_404
from carershub.support.payments import ledger, presenters, services
from carershub.support.payments.forms import (
    FROM_PLAN,
    GRANT,
    AgreementForm,
    EndForm,
    ExportForm,
    PaymentForm,
    RecoveryForm,
    ReturnForm,
)
from carershub.support.payments.models import Agreement, EntryKind
from carershub.support.payments.rules import ADD_AGREEMENT, MANAGE_AGREEMENT, VIEW_COUNCIL_POSITION, VIEW_PAYMENTS

PART = AccessPart.DIRECT_PAYMENTS
EXPORT_DAYS = 30


def _carer_or_404(user, pk):
    person = visible_person_or_404(user, pk)
    if not hasattr(person, "carer"):
        raise Http404
    return person


def _refused(form, problem: services.Refused):
    name = problem.field if problem.field in form.fields else None
    form.add_error(name, str(problem.message))


# --- A carer's direct payments ---------------------------------------------------------


@login_required
@permission_required(VIEW_PAYMENTS, raise_exception=True)
def for_carer(request, person_pk):
    carer = _carer_or_404(request.user, person_pk)
    agreements = list(Agreement.objects.filter(carer=carer).select_related("council", "plan"))
    positions = services.positions_by_agreement(agreements)
    record_access(request, carer, part=PART)
    return render(
        request,
        "payments/for_carer.jinja",
        {
            "carer": carer,
            "person": carer,
            "agreements": [(a, positions.get(a.pk, ledger.Position())) for a in agreements],
            "position_rows": presenters.position_rows(services.position_of_carer(carer)),
            "plan": services.plan_for_direct_payment(carer),
            "can_add": request.user.has_perm(ADD_AGREEMENT, carer),
            "money": presenters.money,
            "how_often": presenters.how_often,
            "law": presenters.law_for(carer),
        },
    )


@login_required
@permission_required(ADD_AGREEMENT, raise_exception=True)
@creates_once
def create(request, person_pk):
    carer = _carer_or_404(request.user, person_pk)
    if not request.user.has_perm(ADD_AGREEMENT, carer):
        raise PermissionDenied
    plan = services.plan_for_direct_payment(carer)
    council = plan.assessment.assessing_organisation if plan is not None else request.user.organisation
    today = timezone.localdate()
    initial = {
        "funding": FROM_PLAN if plan is not None else GRANT,
        "council": council.pk if council is not None else None,
        "payee_name": carer.full_name,
        "starts_on": today,
    }
    form = one_time(
        request, AgreementForm(request.POST or None, plan=plan, councils=services.councils(), initial=initial)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.set_up(
                carer,
                plan=plan if data["funding"] == FROM_PLAN else None,
                kind=data["kind"],
                schedule_code=data.get("schedule") or "",
                amount_pence=data["amount"],
                purpose=data["purpose"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                council=data["council"],
                payee_name=data["payee_name"],
                payee_reference=data.get("payee_reference") or "",
                decision_reason=data.get("decision_reason") or "",
                actor=request.user,
            )
        except services.Refused as problem:
            _refused(form, problem)
        else:
            messages.success(request, _("Direct payment set up. The payments due are listed below."))
            return redirect("payments:detail", pk=agreement.pk)
    record_access(request, carer, part=PART)
    return render(
        request,
        "payments/new.jinja",
        {
            "form": form,
            "carer": carer,
            "person": carer,
            "plan": plan,
            "grant_limit": ledger.pounds(services.ONE_OFF_GRANT_LIMIT_PENCE),
            "form_errors": error_summary_params(form),
            "law": presenters.law_for(carer),
        },
    )


# --- One agreement ------------------------------------------------------------------------


@login_required
@permission_required(VIEW_PAYMENTS, raise_exception=True)
def detail(request, pk):
    agreement = services.agreement_or_404(request.user, pk)
    record_access(request, agreement.carer, part=PART)
    position = services.position_of(agreement)
    dues = services.dues_of(agreement)
    today = timezone.localdate()
    can_manage = request.user.has_perm(MANAGE_AGREEMENT, agreement)
    return render(
        request,
        "payments/detail.jinja",
        {
            "agreement": agreement,
            "person": agreement.carer,
            "dues": dues,
            "today": today,
            "returns": list(agreement.returns.all()),
            "entries": list(agreement.entries.select_related("due").order_by("on", "pk")),
            "entry_kinds": dict(EntryKind.choices),
            "position_rows": presenters.position_rows(position),
            "can_manage": can_manage,
            "can_pay": can_manage and any(not d.paid for d in dues),
            "can_recover": can_manage and position.to_recover > 0,
            "can_end": can_manage and agreement.is_active,
            "money": presenters.money,
            "how_often": presenters.how_often(agreement),
            "law": presenters.law_for(agreement.carer),
        },
    )


def _managed(request, pk):
    return services.agreement_or_404(request.user, pk, permission=MANAGE_AGREEMENT)


def _form_page(request, agreement, form, *, template, heading, one_time_form=False):
    record_access(request, agreement.carer, part=PART)
    return render(
        request,
        template,
        {
            "agreement": agreement,
            "person": agreement.carer,
            "form": form,
            "heading": heading,
            "form_errors": error_summary_params(form),
            "one_time_form": one_time_form,
            "money": presenters.money,
        },
    )


@login_required
@permission_required(MANAGE_AGREEMENT, raise_exception=True)
@creates_once
def pay(request, pk):
    agreement = _managed(request, pk)
    dues = list(services.unpaid_dues(agreement))
    if not dues:
        messages.error(request, _("Every payment due on this agreement has been recorded as paid."))
        return redirect("payments:detail", pk=agreement.pk)
    first = dues[0]
    wanted = request.GET.get("due")
    chosen = next((d for d in dues if str(d.pk) == wanted), first)
    initial = {"due": str(chosen.pk), "amount": ledger.plain_pounds(chosen.amount_pence), "paid_on": min(timezone.localdate(), agreement.ends_on)}
    form = one_time(request, PaymentForm(request.POST or None, dues=dues, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_payment(
                agreement,
                due_pk=int(data["due"]),
                paid_on=data["paid_on"],
                amount_pence=data["amount"],
                reference=data.get("reference") or "",
                actor=request.user,
            )
        except services.Refused as problem:
            _refused(form, problem)
        else:
            messages.success(request, _("Payment recorded"))
            return redirect("payments:detail", pk=agreement.pk)
    return _form_page(request, agreement, form, template="payments/pay.jinja", heading=_("Record a payment"))


@login_required
@permission_required(MANAGE_AGREEMENT, raise_exception=True)
@creates_once
def add_return(request, pk):
    agreement = _managed(request, pk)
    last = agreement.returns.order_by("-period_end").first()
    start = last.period_end + datetime.timedelta(days=1) if last else agreement.starts_on
    initial = {"period_start": start, "received_on": timezone.localdate()}
    form = one_time(request, ReturnForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            monitoring_return = services.record_return(
                agreement,
                period_start=data["period_start"],
                period_end=data["period_end"],
                spent_pence=data["spent"],
                receipts_seen=data["receipts_seen"],
                receipts_note=data.get("receipts_note") or "",
                received_on=data["received_on"],
                actor=request.user,
            )
        except services.Refused as problem:
            _refused(form, problem)
        else:
            if monitoring_return.unspent_pence:
                messages.success(
                    request,
                    _("Monitoring return recorded. %(amount)s was not spent: it is now to recover.")
                    % {"amount": ledger.pounds(monitoring_return.unspent_pence)},
                )
            else:
                messages.success(request, _("Monitoring return recorded"))
            return redirect("payments:detail", pk=agreement.pk)
    return _form_page(request, agreement, form, template="payments/return.jinja", heading=_("Record a monitoring return"))


@login_required
@permission_required(MANAGE_AGREEMENT, raise_exception=True)
@creates_once
def recover(request, pk):
    agreement = _managed(request, pk)
    owed = services.position_of(agreement).to_recover
    initial = {"on": timezone.localdate(), "amount": ledger.plain_pounds(owed) if owed > 0 else ""}
    form = one_time(request, RecoveryForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_recovery(
                agreement, amount_pence=data["amount"], on=data["on"], reference=data.get("reference") or "", actor=request.user
            )
        except services.Refused as problem:
            _refused(form, problem)
        else:
            messages.success(request, _("Recovery recorded"))
            return redirect("payments:detail", pk=agreement.pk)
    page = _form_page(request, agreement, form, template="payments/recover.jinja", heading=_("Record a recovery"))
    return page


@login_required
@permission_required(MANAGE_AGREEMENT, raise_exception=True)
def end(request, pk):
    agreement = _managed(request, pk)
    if not agreement.is_active:
        messages.error(request, _("This agreement has ended"))
        return redirect("payments:detail", pk=agreement.pk)
    initial = {"version": agreement.version, "ended_on": min(timezone.localdate(), agreement.ends_on)}
    form = EndForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.end_agreement(
                agreement, expected_version=data["version"], ended_on=data["ended_on"], reason=data["reason"], actor=request.user
            )
        except StaleRecordError:
            form.add_error(
                None, _("Somebody else changed this agreement just now. Nothing has been saved. Check it, then try again.")
            )
        except services.Refused as problem:
            _refused(form, problem)
        else:
            messages.success(request, _("Direct payment ended"))
            return redirect("payments:detail", pk=agreement.pk)
    return _form_page(request, agreement, form, template="payments/end.jinja", heading=_("End the direct payment"))


# --- The council's position and its CSV ---------------------------------------------------


def _default_range():
    today = timezone.localdate()
    return today, today + datetime.timedelta(days=EXPORT_DAYS)


def _council_page(request, export_form):
    user = request.user
    carers, total = services.council_positions(user)
    dues, more_dues = capped(services.dues_soon_or_overdue(user))
    late_returns, more_returns = capped(services.returns_overdue(user))
    people = {c.carer.pk: c.carer for c in carers}
    people.update({d.agreement.carer_id: d.agreement.carer for d in dues})
    people.update({a.carer_id: a.carer for a in late_returns})
    if people:
        record_access(request, list(people.values()), part=PART)
    return render(
        request,
        "payments/council.jinja",
        {
            "organisation": user.organisation,
            "carers": carers,
            "total": total,
            "total_rows": presenters.position_rows(total),
            "dues": dues,
            "more_dues": more_dues,
            "late_returns": late_returns,
            "more_returns": more_returns,
            "today": timezone.localdate(),
            "export_form": export_form,
            "form_errors": error_summary_params(export_form) if export_form.is_bound else None,
            "money": presenters.money,
        },
    )


@login_required
@permission_required(VIEW_COUNCIL_POSITION, raise_exception=True)
def council(request):
    start, end_day = _default_range()
    return _council_page(request, ExportForm(initial={"start": start, "end": end_day}))


CSV_HEADER = ["Carer reference", "Name", "Payee", "Payee reference", "Amount (GBP)", "Due date", "Agreement reference", "Purpose"]


@login_required
@permission_required(VIEW_COUNCIL_POSITION, raise_exception=True)
def export_due(request):
    """The council's unpaid payments due in a date range, for its finance system."""
    start, end_day = _default_range()
    form = ExportForm(request.GET or None, initial={"start": start, "end": end_day})
    if request.GET:
        if not form.is_valid():
            return _council_page(request, form)
        start, end_day = form.cleaned_data["start"], form.cleaned_data["end"]
    dues = list(services.council_dues(request.user, start, end_day))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="direct-payments-due-{start.isoformat()}-to-{end_day.isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for due in dues:
        agreement = due.agreement
        writer.writerow(
            [
                safe_cell("" if value is None else str(value))
                for value in (
                    ledger.carer_reference(agreement.carer_id),
                    agreement.carer.full_name,
                    agreement.payee_name,
                    agreement.payee_reference,
                    ledger.plain_pounds(due.amount_pence),
                    due.due_on.isoformat(),
                    agreement.reference,
                    agreement.purpose,
                )
            ]
        )
    people = {due.agreement.carer_id: due.agreement.carer for due in dues}
    if people:
        record_access(request, list(people.values()), action=AccessAction.EXPORT, part=PART)
    return response
