"""The statutory returns page: Client Level Data (download and problems), SALT LTS003 and the Welsh measures.

Tables are counts with small numbers hidden (reporting.disclosure), downloadable as CSV and XLSX.
The Client Level Data file is personal data: only a team manager of a council in England downloads
it, with their council's area's rows only, and each download is logged against every carer in it
(rules.py).
"""

import csv
import io
import logging
from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.spreadsheet import safe_cell
from carershub.core.template_helpers import error_summary_params
from carershub.reporting import disclosure, prepared
from carershub.reporting.downloads import Table, download
from carershub.reporting.statutory import cld, salt, services, welsh
from carershub.reporting.statutory.forms import ReturnPeriodForm, span
from carershub.reporting.statutory.rules import DOWNLOAD_CLIENT_LEVEL_DATA, VIEW_STATUTORY

logger = logging.getLogger("carershub.statutory")


def _form(request):
    data = request.GET if request.GET else {"period": "last_year"}
    return ReturnPeriodForm(data, today=timezone.localdate())


def shown(count, mark) -> str:
    return _(disclosure.WORDS[mark]) if mark else f"{count:,}"


def _own_area(user):
    """The area of the council whose Client Level Data this user may download."""
    return user.organisation.area


# ------------------------------------------------------------------ the tables, as on the page and in the files


def _lts003_rows(table: salt.Lts003):
    marks = salt.suppressed(table)
    bands = [*(band for band, _l in salt.AGE_BANDS), "total"]
    rows = []
    for code, label in [*salt.CATEGORIES, ("total", gettext_noop("Total"))]:
        cells = []
        for band in bands:
            count = table.carers if (code, band) == ("total", "total") else (
                table.row_total(code) if band == "total" else (
                    table.band_total(band) if code == "total" else table.counts[code][band]))
            cells.append(shown(count, marks[(code, band)]))
        rows.append((_(label), cells))
    return rows


def _lts003_headings():
    return [_("Support provided"), *(_(label) for _b, label in salt.AGE_BANDS), _("Total")]


def _welsh_rows(found: list[welsh.AreaMeasures]):
    rows = []
    for area in found:
        cells = []
        for code, label in welsh.MEASURES:
            count = area.counts[code]
            if count is None:
                cells.append((_(label), _("not recorded"), ""))
                continue
            mark, percent_ok = area.shown(code)
            percent = area.percent(code)
            cells.append((_(label), shown(count, mark),
                          f"{percent:.1f}" if percent is not None and percent_ok else (
                              "" if code not in welsh.OF else _(disclosure.NOT_SHOWN))))
        rows.append({"name": area.la_name, "code": area.la_code, "cells": cells})
    return rows


def _context(request):
    form = _form(request)
    user = request.user
    context = {"form": form, "form_errors": error_summary_params(form) if request.GET else None, "valid": False,
               "hints": form.preset_hints(), "can_download": user.has_perm(DOWNLOAD_CLIENT_LEVEL_DATA)}
    if not form.is_valid():
        return context
    period, area = form.chosen_period(), form.cleaned_data.get("area")
    table, measures, kept = services.kept_returns(period, area.code if area else None)
    context.update({"period": period, "period_text": span(period), "area": area,
                    "area_text": area.name if area else _("All areas"), "being_counted": table is None})
    if table is None:
        return context
    context.update({
        "valid": True, "query": request.GET.urlencode(),
        "lts003_headings": _lts003_headings(), "lts003_rows": _lts003_rows(table),
        "welsh_headings": [_("Measure"), _("Number"), _("Percentage")],
        "welsh_rows": _welsh_rows(measures),
        "counted_words": prepared.counted_words(kept), "counted_current": kept.current,
    })
    if context["can_download"]:
        own = _own_area(user)
        mine, problems = services.kept_client_level_data(period, own.code)
        context.update({"own_area": own, "cld_being_counted": mine is None})
        if mine is None:
            return context
        by_type = mine["by_type"]
        context.update({
            "own_area": own, "cld_rows": mine["rows"],
            "cld_by_type": [(event_type, by_type.get(event_type, 0)) for event_type in cld.EVENT_TYPES],
            "problems": list(cld.problem_rows(problems, translate=_)),
            "problem_count": mine["problem_count"], "left_out": mine["left_out"],
            "problems_shown": services.PROBLEMS_KEPT,
        })
    return context


@login_required
@permission_required(VIEW_STATUTORY, raise_exception=True)
def index(request):
    return render(request, "statutory/index.jinja", _context(request))


# ------------------------------------------------------------------ downloads


def _notes(context) -> list[str]:
    return [_("Period: %(period)s") % {"period": context["period_text"]},
            _("Area: %(area)s") % {"area": context["area_text"]}, context["counted_words"]]


@login_required
@permission_required(VIEW_STATUTORY, raise_exception=True)
def lts003_download(request, fmt):
    context = _context(request)
    if not context["valid"]:
        return index(request)
    table = Table(
        title=_("SALT LTS003: carers supported by support provided and age"),
        headings=context["lts003_headings"],
        rows=[[label, *cells] for label, cells in context["lts003_rows"]],
        notes=_notes(context),
    )
    return download(table, f"salt-lts003-{context['period'].start}-to-{context['period'].end}", fmt)


@login_required
@permission_required(VIEW_STATUTORY, raise_exception=True)
def welsh_download(request, fmt):
    context = _context(request)
    if not context["valid"]:
        return index(request)
    tables = [
        Table(title=f"{area['name']} ({area['code']})", headings=context["welsh_headings"],
              rows=[list(cell) for cell in area["cells"]], notes=_notes(context))
        for area in context["welsh_rows"]
    ] or [Table(title=_("Welsh carers' measures"), headings=context["welsh_headings"], rows=[], notes=_notes(context))]
    return download(tables, f"welsh-carers-measures-{context['period'].start}-to-{context['period'].end}", fmt)


def _csv_response(filename: str, header, rows) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read it as UTF-8
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(value)) for value in row])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _own_result(request):
    form = _form(request)
    if not form.is_valid():
        return None, None
    period = form.chosen_period()
    return period, services.client_level_data(period, area_code=_own_area(request.user).code)


@login_required
@permission_required(DOWNLOAD_CLIENT_LEVEL_DATA, raise_exception=True)
def cld_csv(request):
    period, result = _own_result(request)
    if result is None:
        return index(request)
    code = _own_area(request.user).code
    response = _csv_response(f"client-level-data-{code}-{period.start}-to-{period.end}.csv", cld.FIELDS,
                             ([row[name] for name in cld.FIELDS] for row in result.rows))
    people = sorted({int(row["LA_Person_Unique_Identifier"]) for row in result.rows})
    if people:
        record_access(request, [SimpleNamespace(pk=pk) for pk in people], action=AccessAction.EXPORT,
                      part=AccessPart.CLIENT_LEVEL_DATA, purpose=f"Client Level Data {code} {period.start} to {period.end}")
    logger.info("client level data downloaded: area %s, %s to %s, %d rows about %d people",
                code, period.start, period.end, len(result.rows), len(people))
    return response



@login_required
@permission_required(DOWNLOAD_CLIENT_LEVEL_DATA, raise_exception=True)
def problems_csv(request):
    period, result = _own_result(request)
    if result is None:
        return index(request)
    code = _own_area(request.user).code
    header = [_(h) for h in cld.PROBLEM_HEADER]
    return _csv_response(f"client-level-data-problems-{code}-{period.start}-to-{period.end}.csv", header,
                         cld.problem_rows(result.problems, translate=_))
