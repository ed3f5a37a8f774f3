"""Pages of contract monitoring: the dashboard of every visible contract, a contract's page, its KPIs,
and the quarterly returns a provider writes and a commissioner accepts or sends back.

Every list is scoped on the server (services.visible_contracts); a contract or return outside it
answers 404, so nobody learns what contracts another commissioner holds.
"""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core import charts
from carershub.core.amounts import pounds
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.reporting.downloads import Table, download
from carershub.reporting.monitoring import rag, services
from carershub.reporting.monitoring.forms import (
    DashboardForm,
    DecisionForm,
    KpiForm,
    ReturnForm,
    StartReturnForm,
    quarter_long_text,
    quarter_text,
)
from carershub.reporting.monitoring.models import EDITABLE, AWAITING_DECISION, MonitoringReturn, ReturnStatus, Source
from carershub.reporting.monitoring.quarters import Quarter
from carershub.reporting.monitoring.rules import (
    ADD_MONITORING_KPI,
    DECIDE_MONITORING_RETURN,
    VIEW_MONITORING,
    VIEW_MONITORING_CONTRACT,
    WRITE_MONITORING_RETURN,
)

# Colours of the statuses in the charts, each at least 3:1 against white (WCAG 2.2, 1.4.11); the
# legend, the bars' titles and the table beside the chart say the status in words.
COLOURS = {rag.RED: "#d4351c", rag.AMBER: "#c05600", rag.GREEN: "#00703c", rag.GREY: "#505a5f"}
CHART_ORDER = (rag.GREEN, rag.AMBER, rag.RED, rag.GREY)


def status_words(status: str) -> str:
    return _(rag.WORDS[status])


def _contract_or_404(user, pk):
    contract = get_object_or_404(services.visible_contracts(user), pk=pk)
    if not user.has_perm(VIEW_MONITORING_CONTRACT, contract):
        raise Http404
    return contract


def _return_or_404(user, pk):
    found = get_object_or_404(MonitoringReturn.objects.select_related("contract"), pk=pk)
    contract = _contract_or_404(user, found.contract_id)
    found.contract = contract
    return found


def rag_chart(categories):
    """Stacked bars of how many KPIs are green, amber, red and not yet reported, one bar per category.

    ``categories``: [(label, {status: how many})]."""
    series = [(status, _(rag.SHORT_WORDS[status])) for status in CHART_ORDER]
    most = max([sum(counts.values()) for _label, counts in categories] + [1])
    chart = charts.stacked_bars(categories, series, maximum=most, unit="", ticks=most if most <= 8 else 4,
                                label_width=220)
    bars = [replace(bar, segments=[replace(s, colour=COLOURS[s.series]) for s in bar.segments]) for bar in chart.bars]
    return replace(chart, bars=bars, legend=[(key, label, COLOURS[key]) for key, label, _c in chart.legend])


def _cell_text(cell) -> str:
    if cell.actual is None:
        return _("Not yet reported") if not cell.future else _("Not yet due")
    text = cell.shown
    if cell.provisional:
        text = _("%(value)s (not yet accepted)") % {"value": text}
    elif cell.future:
        text = _("%(value)s so far") % {"value": text}
    return text


def _kpi_source_text(kpi) -> str:
    if kpi.source == Source.REPORTED:
        return _("Reported by the provider")
    return _("Counted: %(measure)s, %(scope)s") % {"measure": kpi.get_measure_display(),
                                                    "scope": kpi.get_scope_display().lower()}


def _tables_for(contract, rows, quarters, returns=None) -> list[Table]:
    headings = [_("KPI"), _("Definition"), _("Source"), _("Target per quarter"), _("Better when")]
    for quarter in quarters:
        headings += [f"{quarter_text(quarter)}: {_('actual')}", f"{quarter_text(quarter)}: {_('status')}"]
    lines = []
    for row in rows:
        kpi = row.kpi
        line = [kpi.name, kpi.description, _kpi_source_text(kpi), services.shown_target(kpi),
                kpi.get_direction_display()]
        for cell in row.cells:
            line += [_cell_text(cell), status_words(cell.status)]
        lines.append(line)
    notes = [_("Contract: %(title)s (%(reference)s)") % {"title": contract.title,
                                                          "reference": contract.reference or "-"},
             _("Commissioner: %(commissioner)s. Provider: %(provider)s.") % {
                 "commissioner": contract.commissioner.name, "provider": contract.provider.name},
             _("Counts of 1 to 4 carers read “fewer than 5”. Figures reported by the provider are shown as reported.")]
    tables = [Table(_("KPIs of %(title)s") % {"title": contract.title}, headings, lines, notes)]
    if returns is not None:
        tables.append(Table(
            _("Quarterly returns of %(title)s") % {"title": contract.title},
            [_("Quarter"), _("Status"), _("Submitted"), _("Decided"), _("Reason for sending it back")],
            [[quarter_text(Quarter(r.year, r.quarter)), r.get_status_display(),
              r.submitted_at.date().isoformat() if r.submitted_at else "",
              r.decided_at.date().isoformat() if r.decided_at else "", r.sent_back_reason] for r in returns],
        ))
    return tables


# ---------------------------------------------------------------- the dashboard


def _dashboard(request):
    form = DashboardForm(request.GET or None)
    contracts = services.visible_contracts(request.user)
    area = form.chosen_area()
    if area is not None:
        from django.db.models import Q

        contracts = contracts.filter(Q(areas=area) | Q(areas__isnull=True)).distinct()
    contracts = list(contracts)
    quarters = form.quarters()
    grid = services.grid(contracts, quarters)
    latest = quarters[-1]
    entries = []
    for contract in contracts:
        rows = grid[contract.pk]
        entries.append({"contract": contract, "rows": rows,
                        "tally": rag.tally(row.cells[-1].status for row in rows)})
    chart = rag_chart([(e["contract"].title, e["tally"]) for e in entries if e["rows"]]) if any(
        e["rows"] for e in entries) else None
    waiting = list(services.awaiting_decision(request.user).select_related("contract").order_by("year", "quarter"))
    return {
        "form": form, "form_errors": error_summary_params(form), "entries": entries, "quarters": quarters,
        "latest": latest, "chart": chart, "area": area, "waiting": waiting,
        "query": request.GET.urlencode(),
    }


def _page(request, template, context):
    return render(request, template, {"quarter_text": quarter_text, "quarter_long_text": quarter_long_text,
                                      "cell_text": _cell_text, "status_words": status_words,
                                      "short_words": lambda s: _(rag.SHORT_WORDS[s]), "Quarter": Quarter,
                                      "source_text": _kpi_source_text, "shown_target": services.shown_target,
                                      "shown_value": services.shown_value,
                                      "shown_tolerance": services.shown_tolerance,
                                      "pounds": pounds, **context})


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
def index(request):
    return _page(request, "monitoring/index.jinja", _dashboard(request))


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
def index_download(request, fmt):
    context = _dashboard(request)
    tables = []
    for entry in context["entries"]:
        tables += _tables_for(entry["contract"], entry["rows"], context["quarters"])
    if not tables:
        tables = [Table(_("Contract KPIs"), [_("Contract")], [])]
    return download(tables, f"contract-kpis-{context['latest'].code}", fmt)


# ---------------------------------------------------------------- a contract


def _contract_context(request, contract):
    form = DashboardForm(request.GET or None)
    quarters = form.quarters()
    rows = services.grid([contract], quarters)[contract.pk]
    returns = services.returns_of(contract)
    chart = rag_chart([(quarter_text(quarter), rag.tally(row.cells[i].status for row in rows))
                       for i, quarter in enumerate(quarters)]) if rows else None
    return {
        "contract": contract, "form": form, "form_errors": error_summary_params(form), "rows": rows,
        "quarters": quarters, "returns": returns, "chart": chart, "query": request.GET.urlencode(),
        "areas": list(contract.areas.order_by("name")),
        "can_add_kpi": request.user.has_perm(ADD_MONITORING_KPI, contract),
        "can_write": request.user.has_perm(WRITE_MONITORING_RETURN, contract),
        "can_decide": request.user.has_perm(DECIDE_MONITORING_RETURN, contract),
    }


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
def contract(request, pk):
    found = _contract_or_404(request.user, pk)
    return _page(request, "monitoring/contract.jinja", _contract_context(request, found))


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
def contract_download(request, pk, fmt):
    found = _contract_or_404(request.user, pk)
    context = _contract_context(request, found)
    return download(_tables_for(found, context["rows"], context["quarters"], context["returns"]),
                    f"contract-{found.pk}-kpis-{context['quarters'][-1].code}", fmt)


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
@creates_once
def new_kpi(request, pk):
    found = _contract_or_404(request.user, pk)
    if not request.user.has_perm(ADD_MONITORING_KPI, found):
        raise PermissionDenied
    form = one_time(request, KpiForm(request.POST or None, contract=found,
                                     initial={"unit": "number", "direction": "higher"}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kpi = services.add_kpi(found, actor=request.user, name=data["name"].strip(), description=data["description"],
                               source=data["source"], measure=data["measure"], scope=data["scope"], unit=data["unit"],
                               target=data["target"], direction=data["direction"], tolerance=data["tolerance"])
        messages.success(request, _("KPI added: %(name)s") % {"name": kpi.name})
        return redirect("monitoring:contract", pk=found.pk)
    return _page(request, "monitoring/kpi.jinja", {
        "contract": found, "form": form, "form_errors": error_summary_params(form, order=KpiForm.FIELD_ORDER)})


# ---------------------------------------------------------------- returns


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
@creates_once
def new_return(request, pk):
    """Start the return for a quarter: made once; a return the quarter has already is opened instead."""
    found = _contract_or_404(request.user, pk)
    if not request.user.has_perm(WRITE_MONITORING_RETURN, found):
        raise PermissionDenied
    form = one_time(request, StartReturnForm(request.POST or None, contract=found))
    if request.method == "POST" and form.is_valid():
        made, new = services.start_return(found, form.chosen(), actor=request.user)
        if not new:
            messages.info(request, _("The return for this quarter was already started: this is it."))
        return redirect("monitoring:return", pk=made.pk)
    return _page(request, "monitoring/start_return.jinja", {"contract": found, "form": form,
                                                            "form_errors": error_summary_params(form)})


def _return_context(request, found, form=None, decision=None):
    kpis = services.kpis_of([found.contract])[found.contract.pk]
    values = services.values_of(found)
    quarter = Quarter(found.year, found.quarter)
    counted_rows = services.grid([found.contract], [quarter])[found.contract.pk]
    can_write = request.user.has_perm(WRITE_MONITORING_RETURN, found.contract) and found.status in EDITABLE
    can_decide = request.user.has_perm(DECIDE_MONITORING_RETURN, found.contract) and found.status in AWAITING_DECISION
    if can_write and form is None:
        form = ReturnForm(kpis=kpis, values=values, initial={"version": found.version, "narrative": found.narrative})
    if can_decide and decision is None:
        decision = DecisionForm(initial={"version": found.version})
    return {
        "monitoring_return": found, "contract": found.contract, "quarter": quarter,
        "reported": [(kpi, values.get(kpi.pk)) for kpi in kpis if kpi.source == Source.REPORTED],
        "counted_rows": [row for row in counted_rows if row.kpi.source == Source.COUNTED],
        "form": form if can_write else None, "decision": decision if can_decide else None,
        "form_errors": error_summary_params(*(f for f in (form, decision) if f is not None)),
        "statuses": ReturnStatus,
    }


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
def monitoring_return(request, pk):
    """The return: read by all who may see the contract; the provider changes it and submits it here."""
    found = _return_or_404(request.user, pk)
    if request.method == "POST":
        if not request.user.has_perm(WRITE_MONITORING_RETURN, found.contract):
            raise PermissionDenied
        kpis = services.kpis_of([found.contract])[found.contract.pk]
        form = ReturnForm(request.POST, kpis=kpis)
        if form.is_valid():
            data = form.cleaned_data
            move = services.submit if form.submitting() else services.save_draft
            try:
                move(found, expected_version=data["version"], actor=request.user, values=data["values"],
                     narrative=data["narrative"])
            except StaleRecordError:
                messages.error(request, _("Somebody else changed this return while you were looking at it. "
                                          "Nothing was saved: check it as it is now."))
                return redirect("monitoring:return", pk=found.pk)
            except services.NotAllowed:
                messages.error(request, _("This return has already been submitted, so it cannot be changed now."))
                return redirect("monitoring:return", pk=found.pk)
            if form.submitting():
                messages.success(request, _("Return submitted to %(commissioner)s") % {
                    "commissioner": found.contract.commissioner.name})
            else:
                messages.success(request, _("Return saved as a draft"))
            return redirect("monitoring:return", pk=found.pk)
        if found.status not in EDITABLE:
            messages.error(request, _("This return has already been submitted, so it cannot be changed now."))
            return redirect("monitoring:return", pk=found.pk)
        return _page(request, "monitoring/return.jinja", _return_context(request, found, form=form))
    return _page(request, "monitoring/return.jinja", _return_context(request, found))


@login_required
@permission_required(VIEW_MONITORING, raise_exception=True)
def decide_return(request, pk):
    """Accept a submitted return, or send it back with a reason (the commissioning organisation)."""
    found = _return_or_404(request.user, pk)
    if not request.user.has_perm(DECIDE_MONITORING_RETURN, found.contract):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("monitoring:return", pk=found.pk)
    decision = DecisionForm(request.POST)
    if not decision.is_valid():
        if found.status not in AWAITING_DECISION:
            return redirect("monitoring:return", pk=found.pk)
        return _page(request, "monitoring/return.jinja", _return_context(request, found, decision=decision))
    data = decision.cleaned_data
    try:
        if data["decision"] == DecisionForm.ACCEPT:
            services.accept(found, expected_version=data["version"], actor=request.user)
            messages.success(request, _("Return accepted"))
        else:
            services.send_back(found, expected_version=data["version"], actor=request.user, reason=data["reason"])
            messages.success(request, _("Return sent back to %(provider)s") % {
                "provider": found.contract.provider.name})
    except StaleRecordError:
        messages.error(request, _("Somebody else decided on or changed this return while you were looking at it. "
                                  "Nothing was saved: check it as it is now."))
    except services.NotAllowed:
        messages.error(request, _("This return is not waiting for a decision now: somebody has decided on it already. "
                                  "Nothing was saved."))
    return redirect("monitoring:return", pk=found.pk)


def return_url(found) -> str:
    return reverse("monitoring:return", kwargs={"pk": found.pk})
