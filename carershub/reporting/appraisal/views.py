"""Pages of options appraisals: the list, an appraisal's matrix and ranking, its forms, downloads and print.

Every appraisal is fetched through ``services.visible(request.user)``: another organisation's answers
404, and changing one also needs CHANGE_APPRAISAL (the same rule, as an object permission).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required

from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.reporting import downloads
from carershub.reporting.appraisal import scoring, services
from carershub.reporting.appraisal.forms import AppraisalForm, CriterionForm, OptionForm
from carershub.reporting.appraisal.models import Criterion, Method, Option
from carershub.reporting.appraisal.rules import CHANGE_APPRAISAL, VIEW_APPRAISALS

def _appraisal(request, pk, change=False):
    appraisal = get_object_or_404(services.visible(request.user), pk=pk)
    if change and not request.user.has_perm(CHANGE_APPRAISAL, appraisal):
        raise PermissionDenied
    return appraisal


def rag_name(value) -> str:
    return _(scoring.RAG_NAMES[value]) if value in scoring.RAG_NAMES else ""


def criterion_name(criterion) -> str:
    """A criterion's name in the reader's language: the Section 16 preset's four have Welsh."""
    return _(criterion.name) if criterion.group == services.SECTION_16_HEADING else criterion.name


def criterion_group(criterion) -> str:
    return _(criterion.group) if criterion.group == services.SECTION_16_HEADING else criterion.group


def shown_number(value) -> str:
    """A Decimal without trailing zeros (2.50 -> 2.5, 3.00 -> 3)."""
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def _helpers():
    return {"rag_name": rag_name, "criterion_name": criterion_name, "criterion_group": criterion_group,
            "shown_number": shown_number}


def _page(request, template, context):
    return render(request, template, {**_helpers(), **context})


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def index(request):
    appraisals = services.visible(request.user).select_related("organisation")
    return _page(request, "appraisal/index.jinja", {"appraisals": appraisals})


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
@creates_once
def new(request):
    if not request.user.organisation_id:
        raise PermissionDenied
    form = one_time(request, AppraisalForm(request.POST or None, initial={"method": Method.RAG, "scale_min": 0,
                                                                          "scale_max": 5, "section16": True}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        appraisal = services.create_appraisal(
            actor=request.user, title=data["title"], purpose=data["purpose"], method=data["method"],
            scale_min=data["scale_min"], scale_max=data["scale_max"], section16=data.get("section16", False))
        messages.success(request, _("Appraisal created: %(title)s") % {"title": appraisal.title})
        return redirect("appraisal:detail", pk=appraisal.pk)
    return _page(request, "appraisal/appraisal_form.jinja", {
        "form": form, "appraisal": None,
        "form_errors": error_summary_params(form, order=["title", "purpose", "section16", "method", "scale_min",
                                                         "scale_max"])})


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def change(request, pk):
    appraisal = _appraisal(request, pk, change=True)
    form = AppraisalForm(request.POST or None, appraisal=appraisal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_appraisal(appraisal, expected_version=data["version"], title=data["title"],
                                      purpose=data["purpose"], method=data["method"], scale_min=data["scale_min"],
                                      scale_max=data["scale_max"])
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this appraisal while you were looking at it. "
                                      "Check it as it is now."))
            return redirect("appraisal:change", pk=appraisal.pk)
        messages.success(request, _("Appraisal saved"))
        return redirect("appraisal:detail", pk=appraisal.pk)
    return _page(request, "appraisal/appraisal_form.jinja", {
        "form": form, "appraisal": appraisal, "form_errors": error_summary_params(form)})


def _criterion_page(request, appraisal, form, criterion=None):
    return _page(request, "appraisal/criterion_form.jinja", {
        "form": form, "appraisal": appraisal, "criterion": criterion,
        "form_errors": error_summary_params(form, order=["name", "group", "description", "weight"])})


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
@creates_once
def new_criterion(request, pk):
    appraisal = _appraisal(request, pk, change=True)
    form = one_time(request, CriterionForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_criterion(appraisal, name=data["name"], weight=data["weight"], group=data["group"],
                               description=data["description"])
        messages.success(request, _("Criterion added: %(name)s") % {"name": data["name"]})
        return redirect("appraisal:detail", pk=appraisal.pk)
    return _criterion_page(request, appraisal, form)


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def change_criterion(request, pk, criterion_pk):
    appraisal = _appraisal(request, pk, change=True)
    criterion = get_object_or_404(Criterion.objects.select_related("appraisal"), pk=criterion_pk, appraisal=appraisal)
    form = CriterionForm(request.POST or None, criterion=criterion)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_criterion(criterion, expected_version=data["version"], name=data["name"],
                                      weight=data["weight"], group=data["group"], description=data["description"])
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this appraisal while you were looking at it. "
                                      "Check it as it is now."))
            return redirect("appraisal:change_criterion", pk=appraisal.pk, criterion_pk=criterion.pk)
        messages.success(request, _("Criterion saved: %(name)s") % {"name": criterion.name})
        return redirect("appraisal:detail", pk=appraisal.pk)
    return _criterion_page(request, appraisal, form, criterion)


def _option_page(request, appraisal, form, option=None):
    return _page(request, "appraisal/option_form.jinja", {
        "form": form, "appraisal": appraisal, "option": option, "rag": appraisal.method == scoring.RAG,
        "form_errors": error_summary_params(form, order=form.field_order_names())})


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
@creates_once
def new_option(request, pk):
    appraisal = _appraisal(request, pk, change=True)
    criteria = appraisal.criteria.all()
    form = one_time(request, OptionForm(request.POST or None, appraisal=appraisal, criteria=criteria))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_option(appraisal, name=data["name"], group=data["group"], description=data["description"],
                            cells=form.cells())
        messages.success(request, _("Option added: %(name)s") % {"name": data["name"]})
        return redirect("appraisal:detail", pk=appraisal.pk)
    return _option_page(request, appraisal, form)


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def change_option(request, pk, option_pk):
    appraisal = _appraisal(request, pk, change=True)
    option = get_object_or_404(Option.objects.select_related("appraisal"), pk=option_pk, appraisal=appraisal)
    cells = {cell.criterion_id: cell for cell in option.cells.all()}
    form = OptionForm(request.POST or None, appraisal=appraisal, criteria=appraisal.criteria.all(), option=option,
                      cells=cells)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_option(option, expected_version=data["version"], name=data["name"], group=data["group"],
                                   description=data["description"], cells=form.cells())
        except StaleRecordError:
            messages.error(request, _("Somebody else changed this option while you were looking at it. "
                                      "Check it as it is now."))
            return redirect("appraisal:change_option", pk=appraisal.pk, option_pk=option.pk)
        messages.success(request, _("Option saved: %(name)s") % {"name": option.name})
        return redirect("appraisal:detail", pk=appraisal.pk)
    return _option_page(request, appraisal, form, option)


def _cell_text(compared, option, criterion) -> str:
    cell = compared.cells.get((option.pk, criterion.pk))
    value = cell.value(compared.appraisal.method) if cell else None
    if value is None:
        return ""
    return rag_name(value) if compared.appraisal.method == scoring.RAG else str(value)


def tables(compared) -> list[downloads.Table]:
    """The matrix, the ranking, the criteria and the narratives, as the page shows them."""
    appraisal = compared.appraisal
    method_note = _(
        "Each cell counts its points × the criterion's weight: green 2, amber 1, red 0 (our rule: the colours "
        "themselves are the appraisal's). A cell not rated counts nothing.") if appraisal.method == scoring.RAG else _(
        "Each cell counts its score × the criterion's weight. A cell not rated counts nothing.")
    matrix = downloads.Table(
        title=_("Options appraisal matrix: %(title)s") % {"title": appraisal.title},
        headings=[_("Group"), _("Option"), *[criterion_name(c) for c in compared.criteria], _("Weighted total"),
                  _("Rank in group")],
        rows=[[option.group, option.name, *[_cell_text(compared, option, c) for c in compared.criteria],
               compared.results[option.pk].total, compared.results[option.pk].rank] for option in compared.options],
        notes=[method_note],
    )
    rag = appraisal.method == scoring.RAG
    ranking = downloads.Table(
        title=_("Ranking of options: %(title)s") % {"title": appraisal.title},
        headings=[_("Group"), _("Rank in group"), _("Option"), _("Weighted total"), _("Possible total"),
                  _("Share of possible (%)"), *([_("Green"), _("Amber"), _("Red")] if rag else []),
                  _("Cells not rated")],
        rows=[[option.group, result.rank, option.name, result.total, result.possible, result.share,
               *([result.rag_counts[v] for v in scoring.RAG_ORDER] if rag else []), result.missing]
              for option, result in compared.ranking],
        notes=[_("Equal totals share a rank and the next rank is skipped.")],
    )
    criteria = downloads.Table(
        title=_("Criteria: %(title)s") % {"title": appraisal.title},
        headings=[_("Heading"), _("Criterion"), _("Description"), _("Weight")],
        rows=[[criterion_group(c), criterion_name(c), c.description, c.weight] for c in compared.criteria],
    )
    narratives = downloads.Table(
        title=_("Ratings and narratives: %(title)s") % {"title": appraisal.title},
        headings=[_("Option"), _("Criterion"), _("Rating") if rag else _("Score"), _("Narrative")],
        rows=[[option.name, criterion_name(c), _cell_text(compared, option, c),
               getattr(compared.cells.get((option.pk, c.pk)), "narrative", "")]
              for option in compared.options for c in compared.criteria],
    )
    return [matrix, ranking, criteria, narratives]


def _detail_context(request, appraisal):
    compared = services.compare(appraisal)
    return {"appraisal": appraisal, "compared": compared, "rag": appraisal.method == scoring.RAG,
            "can_change": request.user.has_perm(CHANGE_APPRAISAL, appraisal), "rag_order": scoring.RAG_ORDER,
            "top": scoring.top_points(appraisal.method, appraisal.scale_max)}


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def detail(request, pk):
    appraisal = _appraisal(request, pk)
    return _page(request, "appraisal/detail.jinja", _detail_context(request, appraisal))


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def printable(request, pk):
    appraisal = _appraisal(request, pk)
    return _page(request, "appraisal/print.jinja", _detail_context(request, appraisal))


@login_required
@permission_required(VIEW_APPRAISALS, raise_exception=True)
def download(request, pk, fmt):
    appraisal = _appraisal(request, pk)
    return downloads.download(tables(services.compare(appraisal)), f"options-appraisal-{appraisal.pk}", fmt)
