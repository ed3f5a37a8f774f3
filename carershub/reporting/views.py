"""The team manager's figures page and its CSV download: the same numbers, for a period and area."""

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rules.contrib.views import permission_required

from carershub.accounts.rules import is_commissioner
from carershub.audit.models import AccessPart
from carershub.audit.services import record_access
from carershub.core import charts
from carershub.core.forms import GovukDateField
from carershub.core.template_helpers import error_summary_params
from carershub.core.spreadsheet import safe_cell
from carershub.partnership.models import Area
from carershub.people.models import Person
from carershub.people.rules import SEARCH_PEOPLE
from carershub.reporting import activity, disclosure, prepared
from carershub.reporting import figures as team_figures
from carershub.reporting import measures
from carershub.reporting.downloads import Table, download
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
            "this_month": (_("This month"), measures.month_bounds(today)),
            "last_month": (_("Last month"), measures.previous_month_bounds(today)),
            "this_quarter": (_("This quarter"), measures.quarter_bounds(today)),
            "last_quarter": (_("Last quarter"), measures.previous_quarter_bounds(today)),
            "this_year": (_("This financial year"), measures.financial_year_bounds(today)),
            "last_year": (_("Last financial year"), measures.previous_financial_year_bounds(today)),
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


# ---------------------------------------------------------------------------
# The commissioner's activity figures (issue 12): reporting/activity.py counts, this page shows.
# ---------------------------------------------------------------------------

class ActivityFilterForm(FiguresFilterForm):
    breakdown = forms.ChoiceField(
        label=gettext_lazy("Break carers down by"),
        choices=[(key, label) for key, label in activity.BREAKDOWNS.items()],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose what to break carers down by from the list")},
    )

    def clean_breakdown(self):
        return self.cleaned_data["breakdown"] or "carer_group"


def _activity_form(request):
    today = timezone.localdate()
    data = request.GET if request.GET else {"period": "last_quarter"}
    return ActivityFilterForm(data, today=today)


def _activity_query(request, **drop) -> str:
    query = request.GET.copy()
    for name in ("page", "line", *drop):
        query.pop(name, None)
    return query.urlencode()


def _activity_tables(form):
    """The published tables, whether a number was hidden, and when they were counted (reporting/prepared.py)."""
    figures, kept = activity.kept_figures(
        form.chosen_period(), form.cleaned_data.get("area"), form.cleaned_data["breakdown"]
    )
    if figures is None:
        return None, False, kept
    tables, hid = activity.publish(figures)
    return tables, hid, kept


def _download_tables(tables, described, kept) -> list[Table]:
    where = [_("Period: %(period)s") % {"period": described["period_text"]},
             _("Area: %(area)s") % {"area": described["area_text"]}, prepared.counted_words(kept)]
    out = []
    for table in tables:
        out.append(Table(table.title, table.headings, table.rows, notes=[*where, *table.notes]))
    return out


def _trend_chart(tables):
    """New carers identified per quarter, as bars: the same figures are in the trends table."""
    trends = next(t for t in tables if t.key == "trends")
    column = 1 + activity.TREND_LINES.index("identified")
    values = {row[0]: row[column] for row in trends.rows}
    numbers = [v for v in values.values() if isinstance(v, int)]
    top = max(numbers, default=0)
    maximum = 10
    while maximum < top:
        maximum *= 2 if str(maximum)[0] in "15" else 2.5
        maximum = int(maximum)
    notes = {label: value for label, value in values.items() if not isinstance(value, int)}
    return charts.stacked_bars(
        [(label, {"identified": value if isinstance(value, int) else 0}) for label, value in values.items()],
        [("identified", str(activity.BY_KEY["identified"].label))],
        maximum=maximum, unit="", label_width=120, notes=notes,
    )


@login_required
@permission_required(VIEW_FIGURES, raise_exception=True)
def activity_page(request):
    form = _activity_form(request)
    context = {"form": form, "tables": None, "form_errors": error_summary_params(form) if request.GET else None}
    if form.is_valid():
        tables, hid, kept = _activity_tables(form)
        context.update(_describe(form))
        context["being_counted"] = tables is None
        if tables is not None:
            context.update({
                "tables": {t.key: t for t in tables},
                "sections": [t for t in tables if t.key in activity.SECTIONS],
                "note": team_figures._withheld_note() if hid else "",
                "query": _activity_query(request),
                "chart": _trend_chart(tables),
                "not_recorded": [str(text) for text in activity.NOT_RECORDED_TODAY],
                "counted_words": prepared.counted_words(kept), "counted_current": kept.current,
            })
    context["hints"] = form.preset_hints()
    return render(request, "reporting/activity.jinja", context)


@login_required
@permission_required(VIEW_FIGURES, raise_exception=True)
def activity_download(request, fmt):
    form = _activity_form(request)
    if not form.is_valid():
        return activity_page(request)
    tables, _hid, kept = _activity_tables(form)
    if tables is None:
        return activity_page(request)
    period = form.chosen_period()
    return download(_download_tables(tables, _describe(form), kept),
                    f"activity-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}", fmt)


@login_required
@permission_required(VIEW_FIGURES, raise_exception=True)
def figures_download(request, fmt):
    """The team figures page's numbers as CSV or XLSX, the same rows as the CSV download (figures:csv)."""
    form = _filter_form(request)
    if not form.is_valid():
        return figures(request)
    period = form.chosen_period()
    described = _describe(form)
    rows = team_figures.as_rows(team_figures.team_figures(period, form.cleaned_data.get("area")))
    table = Table(_("Assessment figures"), [_("Figure"), _("Group"), _("Measure"), _("Value")], rows,
                  notes=[_("Period: %(period)s") % {"period": described["period_text"]},
                         _("Area: %(area)s") % {"area": described["area_text"]}])
    return download(table, f"assessment-figures-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}", fmt)


EVENTS_PAGE = 50


@login_required
@permission_required(VIEW_FIGURES, raise_exception=True)
def activity_events(request):
    """The events behind one headline number: date, what happened, area, and the person only for a
    user who works with them (people/relationships.py, without break-glass grants). Commissioners see
    no names. Where names are shown, each person shown is written to the access log."""
    line = activity.BY_KEY.get(request.GET.get("line", ""))
    if line is None:
        # No figure named (an old or shortened link): the figures themselves.
        return redirect(reverse("figures:activity") + ("?" + _activity_query(request) if request.GET else ""))
    form = _activity_form(request)
    if not form.is_valid():
        return activity_page(request)
    period, area = form.chosen_period(), form.cleaned_data.get("area")
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    found = activity.line_events(line, period, area)
    total = found.count()
    names_allowed = not is_commissioner(request.user) and request.user.has_perm(SEARCH_PEOPLE)
    withheld = disclosure.is_small(total) and not names_allowed
    rows, people = [], {}
    if not withheld:
        shown = list(found[(page_number - 1) * EVENTS_PAGE: page_number * EVENTS_PAGE])
        ids = {e.person_id for e in shown if e.person_id}
        if names_allowed and ids:
            people = {p.pk: p for p in Person.objects.related_to(request.user).filter(pk__in=ids)}
        for event in shown:
            rows.append({
                "when": timezone.localtime(event.occurred_at),
                "kind": event.get_kind_display(),
                "area": event.area.name if event.area else _("No area recorded"),
                "person": people.get(event.person_id),
                "has_person": event.person_id is not None,
            })
        if people:
            record_access(request, list(people.values()), part=AccessPart.FIGURE_EVENTS, purpose="figures")
    context = {
        "line": line, "total": total, "rows": rows, "withheld": withheld, "names_allowed": names_allowed,
        "page_number": page_number,
        "has_next": not withheld and page_number * EVENTS_PAGE < total,
        "query": _activity_query(request), **_describe(form),
    }
    return render(request, "reporting/events.jinja", context)
