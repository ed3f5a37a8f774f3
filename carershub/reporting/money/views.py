"""Pages of the money: budgets and spend by service line and funder, contracts, spend per head (issue 12).

Every table a page shows is built once as ``downloads.Table`` rows (money as exact Decimal pounds,
counts as whole numbers, words for a hidden figure) and the same tables are what the CSV and XLSX
downloads hold. Money is not about people and is shown whatever its size; the number of carers known
here is, so an area with 1 to 4 is not shown, nor the spend per known carer worked out from it
(reporting/disclosure.py).
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core import charts
from carershub.core.amounts import pounds
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.partnership.models import Area
from carershub.reporting import disclosure
from carershub.reporting.downloads import Table, download
from carershub.reporting.money import contractvalue, services
from carershub.reporting.money.forms import REFUSALS, TERM_FORMS, ContractForm, FiguresForm, LineForm, current_year
from carershub.reporting.money.models import Contract, Funder, LineKind, MoneyLine, ServiceLine
from carershub.reporting.money.rules import CHANGE_MONEY, ENTER_MONEY, VIEW_MONEY


def money(pence: int | None):
    """Pence as exact Decimal pounds for a table cell (None stays empty)."""
    return None if pence is None else Decimal(int(pence)).scaleb(-2)


def cell(value) -> str:
    """How a table cell reads on the page: money with a pound sign, counts with commas, words as they are."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return pounds(int(value.scaleb(2)))
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _labels(choices):
    return {value: str(label) for value, label in choices}


def _page(request, template, context):
    return render(request, template, {"cell": cell, "year_label": contractvalue.year_label, **context})


def _nice_maximum(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    scale = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= scale * step:
            return scale * step
    return scale * 10


# ---------------------------------------------------------------- the year's figures


def _figures(request):
    form = FiguresForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return {"form": form, "form_errors": error_summary_params(form), "tables": None}
    data = form.cleaned_data if form.is_bound else {"year": current_year(), "area": None}
    year, area = data["year"], data.get("area")
    where = {"year": contractvalue.year_label(year), "area": area.name if area else _("all areas")}
    lines = _labels(ServiceLine.choices)
    funders = _labels(Funder.choices)
    rows = services.lines_for(year, area)
    total = services.grand_total(rows)
    quarters = [_("Quarter %(n)s") % {"n": q} for q in services.QUARTERS]
    money_note = _("Amounts in pounds. Budgets and spend as entered by the commissioners; spend is actual spend by quarter "
                   "(Q1 April to June ... Q4 January to March).")
    if area is None:
        area_note = _("All areas: every row entered, including money for the whole region not split by area.")
    else:
        area_note = _("%(area)s: rows entered for this area only; money entered for the whole region is not included.") % {
            "area": area.name}
    tables = {}
    tables["lines"] = Table(
        _("Budget and spend by service line and funder, %(year)s, %(area)s") % where,
        [_("Service line"), _("Funder"), _("Budget"), *quarters, _("Spent in the year"), _("Budget less spend")],
        [[lines[r.service_line], funders[r.funder], money(r.budget), *[money(r.quarters[q]) for q in services.QUARTERS],
          money(r.spend), money(r.left)] for r in rows]
        + ([[_("Total"), "", money(total.budget), *[money(total.quarters[q]) for q in services.QUARTERS],
             money(total.spend), money(total.left)]] if rows else []),
        [money_note, area_note],
    )
    for key, title, heading, names in (
        ("by_line", _("Budget and spend by service line, %(year)s, %(area)s"), _("Service line"), lines),
        ("by_funder", _("Budget and spend by funder, %(year)s, %(area)s"), _("Funder"), funders),
    ):
        added = services.totals_by(rows, "service_line" if key == "by_line" else "funder")
        tables[key] = Table(
            title % where, [heading, _("Budget"), _("Spent in the year"), _("Budget less spend")],
            [[names[r.service_line or r.funder], money(r.budget), money(r.spend), money(r.left)] for r in added]
            + ([[_("Total"), money(total.budget), money(total.spend), money(total.left)]] if rows else []),
            [money_note],
        )
    ledger = services.ledger_spend(year, area)
    tables["ledgers"] = Table(
        _("Actual spend from the ledgers, %(year)s, %(area)s") % where,
        [_("From the ledgers"), *quarters, _("Year")],
        [[r.label, *[money(r.quarters[q]) for q in services.QUARTERS], money(r.total)] for r in ledger],
        [_("Counted from the direct payment and short break ledgers of carers living in the area, not entered by hand: "
           "payments on the day paid, breaks on the day they began, at their actual cost.")],
    )
    tables["per_head"] = _per_head_table(year, area, where)
    tables["contracts"] = _contracts_table(year, area, where, request.user)
    entered = list(services.entered_lines(year, area))
    kinds = _labels(LineKind.choices)
    tables["entered"] = Table(
        _("Budgets and spend entered, %(year)s, %(area)s") % where,
        [_("Budget or spend"), _("Area"), _("Quarter"), _("Service line"), _("Funder"), _("Amount"), _("Entered for")],
        [[kinds[e.kind], e.area.name if e.area else _("The whole region"), e.quarter or "", lines[e.service_line],
          funders[e.funder], money(e.amount_pence), e.organisation.name] for e in entered],
    )
    can_change = [request.user.has_perm(CHANGE_MONEY, e) for e in entered]
    chart = None
    chart_rows = [r for r in services.totals_by(rows, "service_line") if r.spend]
    if chart_rows:
        by_line = {}
        for r in rows:
            by_line.setdefault(r.service_line, {})[r.funder] = Decimal(r.spend) / 100
        largest = max(Decimal(r.spend) / 100 for r in chart_rows)
        chart = charts.stacked_bars(
            [(lines[r.service_line], by_line[r.service_line]) for r in chart_rows],
            [(code, funders[code]) for code in Funder.values], maximum=_nice_maximum(largest), unit="",
        )
    query = f"year={year}" + (f"&area={area.pk}" if area else "")
    return {
        "form": form, "form_errors": error_summary_params(form), "tables": tables, "year": year, "area": area,
        "where": where, "entered": list(zip(entered, can_change, tables["entered"].rows)), "chart": chart,
        "query": query, "can_enter": request.user.has_perm(ENTER_MONEY),
    }


def _per_head_table(year, area, where):
    areas = [area] if area else list(Area.objects.order_by("name"))
    rows, total = services.per_head_rows(year, areas, on=timezone.localdate(), hide_small=disclosure.is_small)
    not_imported = _("not imported")
    hidden = _(disclosure.WORDS[disclosure.Hidden.SMALL])

    def line(r):
        return [
            r.label, money(r.spend),
            r.population if r.population is not None else not_imported, money(r.per_population),
            r.census_carers if r.census_carers is not None else not_imported, money(r.per_census_carer),
            r.known if r.known is not None else hidden, money(r.per_known_carer),
        ]

    return Table(
        _("Spend per head, %(year)s, %(area)s") % where,
        [_("Area"), _("Spend entered in the year"), _("Population aged 5 and over (Census 2021)"), _("Spend per head of population aged 5 and over"),
         _("Carers (Census 2021)"), _("Spend per Census carer"), _("Carers known here"), _("Spend per known carer")],
        [line(r) for r in rows] + ([line(total)] if total else []),
        [_("Spend per head is the year's spend entered for the area divided by the number of people, rounded once to "
           "the penny, as in Cwm Taf's per-capita tables. Population (usual residents aged 5 and over, the people the "
           "Census asked about unpaid care) and carers from the Census 2021 import (population coverage); carers known here are people with a carer's record living in the area whose "
           "caring has not ended, today. A count of fewer than 5 carers known is not shown, nor the spend per "
           "carer worked out from it."),
         _("Not imported: the Census 2021 figures for this area have not been imported yet (Population coverage).")],
    )


def _contract_row(contract, value):
    lines = _labels(ServiceLine.choices)
    areas = ", ".join(a.name for a in contract.areas.all()) or _("The whole region")
    return [contract.title, contract.commissioner.name, contract.provider.name, lines[contract.service_line], areas,
            value.days, money(value.value), money(value.reduced_by), money(value.contributed),
            money(value.commissioner_share)]


def _contract_headings():
    return [_("Contract"), _("Commissioner"), _("Provider"), _("Service line"), _("Areas served"), _("Days in the year"),
            _("Value in the year"), _("Taken off by agreed reductions"), _("Paid by other funders"),
            _("Commissioner's share")]


def _value_rule():
    return _("The value in a year is worked out from the contract's rows, never typed: each day of the contract carries "
             "its value a year (the term's or an extension's, less the agreed reductions in force that day), divided "
             "by the days in the financial year; other funders' contributions the same way. Rounded once, to the penny.")


def _contracts_table(year, area, where, user):
    found = services.contracts_in_year(year, area, user)
    return Table(
        _("Contracts, %(year)s, %(area)s") % where, _contract_headings(),
        [_contract_row(c, v) for c, v in found],
        [_value_rule(), _("A contract serving several areas is shown whole for each of them.")],
    )


@login_required
@permission_required(VIEW_MONEY, raise_exception=True)
def index(request):
    return _page(request, "money/index.jinja", _figures(request))


@login_required
@permission_required(VIEW_MONEY, raise_exception=True)
def index_download(request, fmt):
    context = _figures(request)
    if context["tables"] is None:
        return index(request)
    return download(list(context["tables"].values()), f"money-{context['year']}", fmt)


# ---------------------------------------------------------------- budgets and spend entered


def _line_page(request, form, kind, line=None):
    return _page(request, "money/line.jinja", {
        "form": form, "kind": kind, "line": line,
        "form_errors": error_summary_params(form, order=["area", "year", "quarter", "service_line", "funder", "amount"]),
    })


def _save_line(request, form, kind, line=None):
    values = form.values()
    try:
        if line is None:
            made = services.enter_line(actor=request.user, organisation=request.user.organisation, kind=kind, **values)
        else:
            made = services.change_line(line, expected_version=form.cleaned_data["version"], actor=request.user,
                                        **values)
    except services.Duplicate:
        form.add_error("service_line", _("This is already entered for your organisation, this area, period, service line "
                                         "and funder: change that one instead"))
        return None
    except StaleRecordError:
        messages.error(request, _("Somebody else changed this while you were looking at it. Check it as it is now."))
        return redirect("money:change_line", pk=line.pk)
    messages.success(request, _("Saved: %(amount)s") % {"amount": pounds(made.amount_pence)})
    return redirect(reverse("money:index") + f"?year={made.year}" + (f"&area={made.area_id}" if made.area_id else ""))


@login_required
@permission_required(ENTER_MONEY, raise_exception=True)
@creates_once
def new_line(request, kind):
    if not request.user.organisation_id:
        raise PermissionDenied
    form = one_time(request, LineForm(request.POST or None, kind=kind))
    if request.method == "POST" and form.is_valid():
        response = _save_line(request, form, kind)
        if response is not None:
            return response
    return _line_page(request, form, kind)


@login_required
@permission_required(ENTER_MONEY, raise_exception=True)
def change_line(request, pk):
    line = get_object_or_404(MoneyLine.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm(CHANGE_MONEY, line):
        raise PermissionDenied
    form = LineForm(request.POST or None, kind=line.kind, instance=line)
    if request.method == "POST" and form.is_valid():
        response = _save_line(request, form, line.kind, line)
        if response is not None:
            return response
    return _line_page(request, form, line.kind, line)


# ---------------------------------------------------------------- contracts


def _contract_list_table(user):
    today = timezone.localdate()
    rows = []
    lines = _labels(ServiceLine.choices)
    for contract in services.visible_contracts(user):
        terms = services.terms_of(contract)
        rows.append([contract.title, contract.commissioner.name, contract.provider.name, lines[contract.service_line],
                     contract.starts_on.isoformat(), contractvalue.ends_on(terms).isoformat(),
                     money(contract.annual_value_pence), money(contractvalue.rate_on(terms, today))])
    return Table(
        _("Contracts"),
        [_("Contract"), _("Commissioner"), _("Provider"), _("Service line"), _("Start date"),
         _("End date, extensions included"), _("Value a year agreed"), _("Value a year today")],
        rows, [_("Value a year today: the agreed value, or an extension's, less the reductions in force today; empty "
                 "when the contract is not running today.")],
    )


def _contract_list(request):
    table = _contract_list_table(request.user)
    found = list(services.visible_contracts(request.user))
    return {"table": table, "contracts": list(zip(found, table.rows)), "can_enter": request.user.has_perm(ENTER_MONEY)}


@login_required
@permission_required(VIEW_MONEY, raise_exception=True)
def contract_list(request):
    return _page(request, "money/contracts.jinja", _contract_list(request))


@login_required
@permission_required(VIEW_MONEY, raise_exception=True)
def contract_list_download(request, fmt):
    return download(_contract_list_table(request.user), "contracts", fmt)


def _contract_tables(contract):
    terms = services.terms_of(contract)
    life = contractvalue.whole_life(terms)
    funders = _labels(Funder.choices)
    rows = [[_("Agreed"), contract.starts_on.isoformat(), contract.ends_on.isoformat(), money(contract.annual_value_pence),
             ""]]
    rows += [[_("Extension"), "", e.ends_on.isoformat(), money(e.annual_value_pence), e.note]
             for e in contract.extensions.all()]
    rows += [[_("Agreed reduction"), r.starts_on.isoformat(), "", money(-r.annual_pence), r.note]
             for r in contract.reductions.all()]
    rows += [[_("Contribution from %(funder)s (%(kind)s)") % {"funder": c.funder_name, "kind": funders[c.funder]}, "", "",
              money(c.annual_pence), c.note] for c in contract.contributions.all()]
    terms_table = Table(
        _("%(contract)s: what was agreed") % {"contract": contract.title},
        [_("Row"), _("From"), _("Until"), _("A year"), _("Note")], rows,
        [_("Commissioner: %(commissioner)s. Provider: %(provider)s.") % {
            "commissioner": contract.commissioner.name, "provider": contract.provider.name}],
    )
    names = sorted({c.funder_name for c in contract.contributions.all()})
    total = [sum(getattr(v, name) for v in life) for name in ("days", "value", "reduced_by", "commissioner_share")]
    years_table = Table(
        _("%(contract)s: value by financial year") % {"contract": contract.title},
        [_("Financial year"), _("Days of the contract"), _("Value"), _("Taken off by agreed reductions"),
         *[_("Paid by %(funder)s") % {"funder": n} for n in names], _("Commissioner's share")],
        [[contractvalue.year_label(v.year), v.days, money(v.value), money(v.reduced_by),
          *[money(v.contributions.get(n, 0)) for n in names], money(v.commissioner_share)] for v in life]
        + [[_("Whole life"), total[0], money(total[1]), money(total[2]),
            *[money(sum(v.contributions.get(n, 0) for v in life)) for n in names], money(total[3])]],
        [_value_rule(), _("The whole life adds up the years as shown, each rounded to the penny.")],
    )
    return terms_table, years_table, life


@login_required
@permission_required(VIEW_MONEY, raise_exception=True)
def contract(request, pk):
    found = get_object_or_404(services.visible_contracts(request.user), pk=pk)
    terms_table, years_table, life = _contract_tables(found)
    chart = None
    if life:
        largest = max(Decimal(v.value) / 100 for v in life)
        chart = charts.stacked_bars(
            [(contractvalue.year_label(v.year), {"own": Decimal(v.commissioner_share) / 100,
                                                 "others": Decimal(v.contributed) / 100}) for v in life],
            [("own", _("Commissioner's share")), ("others", _("Paid by other funders"))],
            maximum=_nice_maximum(largest), unit="",
        )
    return _page(request, "money/contract.jinja", {
        "contract": found, "terms_table": terms_table, "years_table": years_table, "chart": chart,
        "can_change": request.user.has_perm(CHANGE_MONEY, found),
    })


@login_required
@permission_required(VIEW_MONEY, raise_exception=True)
def contract_download(request, pk, fmt):
    found = get_object_or_404(services.visible_contracts(request.user), pk=pk)
    terms_table, years_table, _life = _contract_tables(found)
    return download([terms_table, years_table], f"contract-{found.pk}", fmt)


def _contract_form_page(request, form, contract=None):
    return _page(request, "money/contract_form.jinja", {
        "form": form, "contract": contract,
        "form_errors": error_summary_params(form, order=["title", "reference", "provider", "service_line", "areas",
                                                         "starts_on", "ends_on", "annual_value"]),
    })


@login_required
@permission_required(ENTER_MONEY, raise_exception=True)
@creates_once
def new_contract(request):
    if not request.user.organisation_id:
        raise PermissionDenied
    form = one_time(request, ContractForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        made = services.create_contract(actor=request.user, commissioner=request.user.organisation,
                                        areas=form.cleaned_data["areas"], **form.values())
        messages.success(request, _("Contract saved: %(title)s") % {"title": made.title})
        return redirect("money:contract", pk=made.pk)
    return _contract_form_page(request, form)


def _changeable(request, pk):
    found = get_object_or_404(Contract.objects.select_related("commissioner"), pk=pk)
    if not request.user.has_perm(CHANGE_MONEY, found):
        raise PermissionDenied
    return found


@login_required
@permission_required(ENTER_MONEY, raise_exception=True)
def edit_contract(request, pk):
    found = _changeable(request, pk)
    form = ContractForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_contract(found, expected_version=form.cleaned_data["version"],
                                     areas=form.cleaned_data["areas"], **form.values())
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this contract while you were looking at it. "
                                      "Check it as it is now."))
            return redirect("money:edit_contract", pk=found.pk)
        messages.success(request, _("Contract saved: %(title)s") % {"title": found.title})
        return redirect("money:contract", pk=found.pk)
    return _contract_form_page(request, form, found)


@login_required
@permission_required(ENTER_MONEY, raise_exception=True)
@creates_once
def new_term(request, pk, kind):
    if kind not in TERM_FORMS:
        raise Http404
    found = _changeable(request, pk)
    form = one_time(request, TERM_FORMS[kind](request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "extension":
                services.extend(found, ends_on=data["ends_on"], annual_value_pence=data["annual_value"],
                                note=data["note"], actor=request.user)
            elif kind == "reduction":
                services.reduce(found, starts_on=data["starts_on"], annual_pence=data["annual_pence"], note=data["note"],
                                actor=request.user)
            else:
                services.contribute(found, funder=data["funder"], funder_name=data["funder_name"],
                                    annual_pence=data["annual_pence"], note=data["note"], actor=request.user)
        except services.Refused as refused:
            form.add_error(refused.field_name, str(REFUSALS[refused.code]))
        else:
            messages.success(request, _("Saved to %(title)s") % {"title": found.title})
            return redirect("money:contract", pk=found.pk)
    headings = {"extension": _("Extend the contract"), "reduction": _("Record an agreed reduction"),
                "contribution": _("Record a funder's contribution")}
    return _page(request, "money/term.jinja", {
        "form": form, "contract": found, "kind": kind, "heading": headings[kind],
        "form_errors": error_summary_params(form),
    })
