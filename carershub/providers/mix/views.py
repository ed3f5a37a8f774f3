"""Pages of the provider mix: one council over time, one period across councils, and returns.

Hours by sector are not about people, so returns are shown whatever their size. Hours counted from
arrangements are: a period in which fewer than 5 people of the council received care at home is
not shown (shares.FEWER_THAN_PEOPLE).
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core import charts
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.spreadsheet import safe_cell
from carershub.core.template_helpers import error_summary_params
from carershub.providers.mix import forms as mix_forms
from carershub.providers.mix import services, shares
from carershub.providers.mix.forms import OverviewForm, PeriodForm, ReturnForm, amount_name, period_text, period_value
from carershub.providers.mix.models import Basis, MixReturn, Sector
from carershub.providers.mix.rules import CHANGE_MIX_RETURN, ENTER_MIX_RETURN, VIEW_PROVIDER_MIX

COUNTED_QUARTERS = 8  # the counted source shows the last two years, quarter by quarter


def _sectors():
    return [(value, str(label)) for value, label in Sector.choices]


def _columns():
    return [(code, _(label)) for code, label, _parts in shares.COLUMNS]


def _page(request, template, context):
    return render(request, template, {"shown": shares.shown, **context})


# ---------------------------------------------------------------- one council over time


def _overview(request):
    form = OverviewForm(request.GET or None)
    context = {"form": form, "form_errors": error_summary_params(form), "rows": None, "sectors": _sectors(),
               "can_enter": request.user.has_perm(ENTER_MIX_RETURN)}
    if not form.is_bound or not form.is_valid() or not form.cleaned_data.get("council"):
        return context
    data = form.cleaned_data
    rows = []
    if data["source"] == mix_forms.SOURCE_COUNTED:
        periods = [shares.quarter(y, q) for y, q in mix_forms.today_quarters(COUNTED_QUARTERS)]
        for period, mix, people in services.counted_rows(data["area"], periods):
            rows.append({"label": period_text(*period), "mix": mix, "people": people, "return": None})
    else:
        for found in services.returns_for_council(data["council"]):
            rows.append({"label": period_text(found.period_start, found.period_end), "mix": services.mix_of(found),
                         "people": None, "return": found,
                         "can_change": request.user.has_perm(CHANGE_MIX_RETURN, found)})
    notes = {row["label"]: _("fewer than 5 people") for row in rows if row["mix"] is None}
    notes.update({row["label"]: _("no care counted") for row in rows
                  if row["mix"] is not None and not row["mix"].has_figures})
    chart = charts.stacked_bars(
        [(row["label"], row["mix"].shares if row["mix"] else {}) for row in rows], _sectors(), notes=notes,
    ) if rows else None
    context.update({"rows": rows, "chart": chart, "council": data["council"], "source": data["source"],
                    "csv_query": request.GET.urlencode()})
    return context


@login_required
@permission_required(VIEW_PROVIDER_MIX, raise_exception=True)
def overview(request):
    return _page(request, "providermix/overview.jinja", _overview(request))


def _csv_response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read it as UTF-8
    return response


@login_required
@permission_required(VIEW_PROVIDER_MIX, raise_exception=True)
def overview_csv(request):
    context = _overview(request)
    if not context["rows"]:
        return overview(request)
    response = _csv_response("provider-mix.csv")
    writer = csv.writer(response)
    sectors = _sectors()
    writer.writerow([_("Council"), safe_cell(context["council"])])
    writer.writerow([_("Period"), _("Unit"), *[f"{label} ({_('hours')})" for _c, label in sectors],
                     *[f"{label} (%)" for _c, label in sectors], _("Total hours"), _("Section 16 share (%)")])
    for row in context["rows"]:
        mix = row["mix"]
        if mix is None:
            writer.writerow([row["label"], _("fewer than 5 people")])
            continue
        hours = mix.basis == Basis.HOURS
        writer.writerow([
            row["label"], _("hours") if hours else _("percent"),
            *[shares.shown(mix.amounts[c]).replace(",", "") if hours else "" for c, _l in sectors],
            *[shares.shown(mix.shares[c]) for c, _l in sectors],
            shares.shown(mix.total).replace(",", "") if hours else "", shares.shown(mix.section16),
        ])
    return response


# ---------------------------------------------------------------- one period across councils


def _table(request):
    periods = services.periods_with_returns()
    form = PeriodForm(request.GET or None, periods=periods)
    chosen = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("period"):
        chosen = next((p for p in periods if period_value(*p) == form.cleaned_data["period"]), None)
    if chosen is None and periods:
        chosen = periods[0]
        form = PeriodForm(initial={"period": period_value(*chosen)}, periods=periods)
    context = {"form": form, "form_errors": error_summary_params(form), "columns": _columns(), "rows": [],
               "period": chosen, "period_label": period_text(*chosen) if chosen else ""}
    if chosen is None:
        return context
    found, published = services.returns_for_period(chosen)
    rows = [{"name": r.council_name, "mix": services.mix_of(r), "return": r} for r in found]
    total, method = shares.total_row([row["mix"] for row in rows],
                                     published=services.mix_of(published) if published else None)
    total_name = published.council_name if published else _("Total")
    categories = [(row["name"], row["mix"].columns) for row in rows]
    if total is not None:
        categories.append((total_name, total.columns))
    context.update({
        "rows": rows, "total": total, "total_method": _(shares.TOTAL_METHODS[method]) if method else "",
        "total_name": total_name,
        "chart": charts.stacked_bars(categories, _columns()) if categories else None,
        "csv_query": request.GET.urlencode() or f"period={period_value(*chosen)}",
        "sources": sorted({r.source for r in found if r.source}),
        "any_micro": any(row["mix"].amounts["micro"] for row in rows),
    })
    return context


@login_required
@permission_required(VIEW_PROVIDER_MIX, raise_exception=True)
def table(request):
    return _page(request, "providermix/table.jinja", _table(request))


@login_required
@permission_required(VIEW_PROVIDER_MIX, raise_exception=True)
def table_csv(request):
    context = _table(request)
    if context["period"] is None:
        return table(request)
    start, end = context["period"]
    response = _csv_response(f"provider-mix-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.csv")
    writer = csv.writer(response)
    writer.writerow([_("Period"), context["period_label"]])
    writer.writerow([_("Council"), *[f"{label} (%)" for _c, label in context["columns"]], _("Total") + " %"])
    lines = [(row["name"], row["mix"]) for row in context["rows"]]
    if context["total"] is not None:
        lines.append((context["total_name"], context["total"]))
    for name, mix in lines:
        writer.writerow([safe_cell(name), *[shares.shown(mix.columns[c]) for c, _l in context["columns"]], "100"])
    if context["total_method"]:
        writer.writerow([_("Total row"), context["total_method"]])
    return response


# ---------------------------------------------------------------- returns


def _saved(request, made):
    messages.success(request, _("Return saved: %(council)s, %(period)s") % {
        "council": made.council_name, "period": period_text(made.period_start, made.period_end)})
    query = f"?council={made.council_name}&source={mix_forms.SOURCE_RETURNS}"
    return redirect(reverse("providermix:overview") + query.replace(" ", "+"))


def _save(request, form, mix_return=None):
    """Save the form's return; the response, or None when the form has to be shown again."""
    data = form.cleaned_data
    values = {"actor": request.user, "council_name": data["council_name"], "council_code": data["council_code"],
              "area": data.get("area"), "period": data["period"], "basis": data["basis"], "amounts": data["amounts"],
              "source": data.get("source", "")}
    try:
        if mix_return is None:
            made = services.enter_return(**values)
        else:
            made = services.change_return(mix_return, expected_version=data["version"], **values)
    except services.Duplicate as duplicate:
        form.add_error("area" if data.get("area") else "council_name", _(
            "A return for %(council)s for %(period)s is already recorded: change that one instead") % {
            "council": data["council_name"], "period": period_text(*data["period"])})
        form.duplicate = duplicate.existing
        return None
    except StaleRecordError:
        messages.error(request, _(
            "Somebody else changed this return while you were looking at it. Check it as it is now."))
        return redirect("providermix:change_return", pk=mix_return.pk)
    return _saved(request, made)


def _return_page(request, form, mix_return=None):
    duplicate = getattr(form, "duplicate", None)
    return _page(request, "providermix/return.jinja", {
        "form": form, "mix_return": mix_return,
        "form_errors": error_summary_params(form, order=["area", "council_name", "council_code", "year", "quarter",
                                                         "basis", *[amount_name(s) for s in shares.SECTORS]]),
        "duplicate": duplicate,
        "duplicate_changeable": duplicate is not None and request.user.has_perm(CHANGE_MIX_RETURN, duplicate),
    })


@login_required
@permission_required(ENTER_MIX_RETURN, raise_exception=True)
@creates_once
def new_return(request):
    form = one_time(request, ReturnForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response is not None:
            return response
    return _return_page(request, form)


@login_required
@permission_required(ENTER_MIX_RETURN, raise_exception=True)
def change_return(request, pk):
    mix_return = get_object_or_404(MixReturn.objects.select_related("entered_by"), pk=pk)
    if not request.user.has_perm(CHANGE_MIX_RETURN, mix_return):
        raise PermissionDenied
    form = ReturnForm(request.POST or None, instance=mix_return)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, mix_return)
        if response is not None:
            return response
    return _return_page(request, form, mix_return)
