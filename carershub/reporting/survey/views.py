"""The carers survey: the measures per area and year (chart, tables, downloads), a return typed in, and a
CSV file of returns loaded."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core import charts
from carershub.core.idempotency import creates_once, one_time
from carershub.core.template_helpers import error_summary_params
from carershub.reporting import downloads
from carershub.reporting.survey import measures, questionnaire, services
from carershub.reporting.survey.forms import MeasuresForm, ReturnForm, ReturnsUploadForm
from carershub.reporting.survey.models import Survey, SurveyReturn
from carershub.reporting.survey.rules import ENTER_SURVEY_RETURN, VIEW_SURVEY


def _shown(result: measures.Result) -> str:
    if result.value is None:
        return _("no returns")
    if not result.shown:
        return _("not shown: fewer than 5 returns")
    return f"{result.value}%" if result.measure.unit == "percent" else f"{result.value}"


def _count(count: int):
    value = measures.shown_count(count)
    return value if isinstance(value, int) else _(value)


def _group_label(group) -> str:
    name = group.area.name if group.area else _("All areas")
    return f"{name}, {questionnaire.year_label(group.year)}"


def _context(request):
    years = sorted(set(SurveyReturn.objects.values_list("year", flat=True)), reverse=True)
    form = MeasuresForm(request.GET or None, years=years)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    survey = data.get("survey") or Survey.SACE
    groups = services.groups(survey, year=data.get("year"), area=data.get("area")) if valid else []
    survey_measures = measures.measures_of(survey)
    rows = [{"label": _group_label(g), "group": g,
             "cells": [{"result": r, "text": _shown(r), "based_on": _count(r.based_on),
                        "not_applicable": _count(r.not_applicable), "not_answered": _count(r.not_answered)}
                       for r in g.results]} for g in groups]
    charts_by_measure = []
    for i, measure in enumerate(survey_measures):
        categories, notes = [], {}
        for row in rows:
            result = row["group"].results[i]
            categories.append((row["label"], {"value": result.value if result.shown else Decimal(0)}))
            if not result.shown:
                notes[row["label"]] = row["cells"][i]["text"]
        if categories:
            score = measure.unit == "score"
            charts_by_measure.append({"measure": measure, "name": _(measure.name), "chart": charts.stacked_bars(
                categories, [("value", _(measure.name))], maximum=12 if score else 100, unit="" if score else "%",
                ticks=4 if score else 4, notes=notes)})
    return {
        "form": form, "form_errors": error_summary_params(form) if form.is_bound else None, "survey": survey,
        "survey_name": dict(Survey.choices)[survey], "measures": [(m, _(m.name), _(m.definition)) for m in survey_measures],
        "rows": rows, "charts": charts_by_measure, "query": request.GET.urlencode(),
        "can_enter": request.user.has_perm(ENTER_SURVEY_RETURN),
    }


@login_required
@permission_required(VIEW_SURVEY, raise_exception=True)
def index(request):
    return render(request, "survey/index.jinja", _context(request))


def _note() -> str:
    return _("A figure resting on fewer than 5 returns is not shown, and a count of returns from 1 to 4 reads "
             "\"fewer than 5\". Worked out on the returns as recorded, unweighted.")


@login_required
@permission_required(VIEW_SURVEY, raise_exception=True)
def download(request, fmt):
    context = _context(request)
    if context["form"].is_bound and context["form"].errors:
        return index(request)
    tables = []
    for i, (measure, name, definition) in enumerate(context["measures"]):
        tables.append(downloads.Table(
            name,
            [_("Area and survey year"), _("Score out of 12") if measure.unit == "score" else _("Percentage"),
             _("Returns counted"), _("Left out by the method"), _("Left out: not answered")],
            [[row["label"], row["cells"][i]["text"], row["cells"][i]["based_on"],
              row["cells"][i]["not_applicable"], row["cells"][i]["not_answered"]] for row in context["rows"]],
            notes=[context["survey_name"], definition, _note()],
        ))
    return downloads.download(tables, f"carers-survey-{context['survey']}", fmt)


@login_required
@permission_required(ENTER_SURVEY_RETURN, raise_exception=True)
@creates_once
def new_return(request):
    survey = request.GET.get("survey") or request.POST.get("survey") or Survey.SACE
    if survey not in questionnaire.SURVEYS:
        survey = Survey.SACE
    form = one_time(request, ReturnForm(request.POST or None, survey=survey))
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_return(area=data["area"], survey=survey, year=data["year"], answers=data["answers"],
                                   reference=data["reference"], actor=request.user)
        except services.Duplicate as error:
            duplicate = error.existing
            form.add_error("reference", _("A return with this reference is already recorded for %(area)s, %(year)s") % {
                "area": data["area"].name, "year": questionnaire.year_label(data["year"])})
        else:
            messages.success(request, _("Return saved: %(area)s, %(year)s") % {
                "area": data["area"].name, "year": questionnaire.year_label(data["year"])})
            return redirect(reverse("survey:index") + f"?survey={survey}&year={data['year']}")
    return render(request, "survey/return.jinja", {
        "form": form, "survey": survey, "survey_name": dict(Survey.choices)[survey], "duplicate": duplicate,
        "form_errors": error_summary_params(form, order=["area", "year", "reference",
                                                         *[q.code for q in questionnaire.questions_of(survey)]]),
    })


@login_required
@permission_required(ENTER_SURVEY_RETURN, raise_exception=True)
def upload(request):
    form = ReturnsUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.UPLOAD_LIMIT:
            form.add_error("file", _("The file must be smaller than 10 MB"))
        else:
            text = services.decode(upload.read())
            if text is None:
                form.add_error("file", _("The file must be a CSV file saved as UTF-8"))
            else:
                report = services.load_returns(text, actor=request.user)
                if report.ok:
                    messages.success(request, _("Returns loaded: %(added)s added, %(changed)s changed, %(unchanged)s "
                                                "already recorded") % {"added": report.added, "changed": report.changed,
                                                                       "unchanged": report.unchanged})
                    return redirect("survey:index")
                form.add_error("file", _("The file has problems, so nothing was loaded: see the list below"))
    return render(request, "survey/upload.jinja", {
        "form": form, "form_errors": error_summary_params(form), "report": report,
        "headings": services.template_headings(),
        "questions": [(q.code, _(q.text), [(o.code, _(o.text)) for o in q.options]) for q in questionnaire.QUESTIONS.values()],
    })
