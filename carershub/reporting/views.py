"""The team manager's figures page and its CSV download: the same numbers, for a period and area."""

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rules.contrib.views import permission_required

from carershub.core.forms import GovukDateField
from carershub.core.template_helpers import error_summary_params
from carershub.core.spreadsheet import safe_cell
from carershub.partnership.models import Area
from carershub.reporting import figures as team_figures
from carershub.reporting import measures
from carershub.reporting.rules import VIEW_FIGURES

RANGE_PROBLEMS = {
    "both_missing": ("date_from", gettext_lazy("Enter the dates the figures should start and end")),
    "start_missing": ("date_from", gettext_lazy("Enter the date the figures should start from")),
    "end_missing": ("date_to", gettext_lazy("Enter the date the figures should end on")),
    "start_future": ("date_from", gettext_lazy("The start date must be today or in the past")),
    "end_before_start": ("date_to", gettext_lazy("The end date must be the same as or after the start date")),
}


def _span(start, end) -> str:
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(start, "j F Y"),
        "end": formats.date_format(end, "j F Y"),
    }


class FiguresFilterForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"), widget=forms.RadioSelect, required=False)
    date_from = GovukDateField(
        label=gettext_lazy("From"), required=False, help_text=gettext_lazy("For example, 1 4 2026")
    )
    date_to = GovukDateField(label=gettext_lazy("To"), required=False, help_text=gettext_lazy("For example, 30 6 2026"))
    area = forms.ModelChoiceField(
        label=gettext_lazy("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("All areas"),
        error_messages={"invalid_choice": gettext_lazy("Choose an area from the list")},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.presets = {
            "this_quarter": (_("This quarter"), measures.quarter_bounds(today)),
            "last_quarter": (_("Last quarter"), measures.previous_quarter_bounds(today)),
            "this_year": (_("This financial year"), measures.financial_year_bounds(today)),
        }
        self.fields["period"].choices = [
            *((code, label) for code, (label, _bounds) in self.presets.items()),
            ("custom", _("Choose dates")),
        ]
        self.fields["area"].queryset = Area.objects.order_by("name")

    def preset_hints(self) -> dict[str, str]:
        return {code: _span(*bounds) for code, (_label, bounds) in self.presets.items()}

    def clean_period(self):
        return self.cleaned_data["period"] or "this_quarter"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == "custom" and not (self.has_error("date_from") or self.has_error("date_to")):
            problem = measures.range_problem(cleaned.get("date_from"), cleaned.get("date_to"), self.today)
            if problem:
                field_name, message = RANGE_PROBLEMS[problem]
                self.add_error(field_name, message)
        return cleaned

    def chosen_period(self) -> team_figures.Period:
        choice = self.cleaned_data["period"]
        if choice == "custom":
            # Nothing is recorded after today, so a custom period ending later counts the same as one
            # ending today, and is shown as that; it also keeps the day after the end (the counting
            # window) inside the calendar when the end typed is 31 December 9999.
            return team_figures.Period(self.cleaned_data["date_from"], min(self.cleaned_data["date_to"], self.today))
        return team_figures.Period(*self.presets[choice][1])


def _filter_form(request):
    today = timezone.localdate()
    # Opened without a choice: this quarter, everywhere.
    data = request.GET if request.GET else {"period": "this_quarter"}
    return FiguresFilterForm(data, today=today)


def _describe(form) -> dict:
    period = form.chosen_period()
    area = form.cleaned_data.get("area")
    return {
        "period_text": _span(period.start, period.end),
        "area_text": area.name if area else _("All areas"),
    }


@login_required
@permission_required(VIEW_FIGURES, raise_exception=True)
def figures(request):
    form = _filter_form(request)
    context = {"form": form, "figures": None, "form_errors": error_summary_params(form) if request.GET else None}
    if form.is_valid():
        # Published, small numbers hidden, exactly as the CSV (as_rows) shows them.
        context["figures"] = team_figures.publish(
            team_figures.team_figures(form.chosen_period(), form.cleaned_data.get("area"))
        )
        context.update(_describe(form))
        context["csv_query"] = request.GET.urlencode()
    context["hints"] = form.preset_hints()
    return render(request, "reporting/figures.jinja", context)


@login_required
@permission_required(VIEW_FIGURES, raise_exception=True)
def figures_csv(request):
    form = _filter_form(request)
    if not form.is_valid():
        # The page explains what is wrong with the dates; the download has nothing to add.
        return figures(request)
    period = form.chosen_period()
    data = team_figures.team_figures(period, form.cleaned_data.get("area"))
    described = _describe(form)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-figures-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read it as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Period"), described["period_text"], "", ""])
    writer.writerow([_("Area"), safe_cell(described["area_text"]), "", ""])
    writer.writerow([_("Figure"), _("Group"), _("Measure"), _("Value")])
    for row in team_figures.as_rows(data):
        writer.writerow([safe_cell(cell) for cell in row])
    return response
