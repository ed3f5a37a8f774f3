"""The statutory returns page's choice of period and area."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.core.forms import GovukDateField
from carershub.partnership.models import Area
from carershub.reporting import measures
from carershub.reporting.statutory.services import Period

RANGE_PROBLEMS = {
    "both_missing": ("date_from", gettext_lazy("Enter the dates the return should start and end")),
    "start_missing": ("date_from", gettext_lazy("Enter the date the return should start from")),
    "end_missing": ("date_to", gettext_lazy("Enter the date the return should end on")),
    "start_future": ("date_from", gettext_lazy("The start date must be today or in the past")),
    "end_before_start": ("date_to", gettext_lazy("The end date must be the same as or after the start date")),
}
LAST_YEAR, THIS_YEAR, LAST_QUARTER, CUSTOM = "last_year", "this_year", "last_quarter", "custom"


def span(period: Period) -> str:
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(period.start, "j F Y"),
        "end": formats.date_format(period.end, "j F Y"),
    }


class ReturnPeriodForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Period"), widget=forms.RadioSelect, required=False)
    date_from = GovukDateField(label=gettext_lazy("From"), required=False,
                               help_text=gettext_lazy("For example, 1 4 2025"))
    date_to = GovukDateField(label=gettext_lazy("To"), required=False, help_text=gettext_lazy("For example, 31 3 2026"))
    area = forms.ModelChoiceField(
        label=gettext_lazy("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("All areas"),
        to_field_name="code",
        error_messages={"invalid_choice": gettext_lazy("Choose an area from the list")},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.presets = {
            LAST_YEAR: (_("Last financial year"), measures.previous_financial_year_bounds(today)),
            THIS_YEAR: (_("This financial year"), measures.financial_year_bounds(today)),
            LAST_QUARTER: (_("Last quarter"), measures.previous_quarter_bounds(today)),
        }
        self.fields["period"].choices = [
            *((code, label) for code, (label, _bounds) in self.presets.items()),
            (CUSTOM, _("Choose dates")),
        ]
        self.fields["area"].queryset = Area.objects.order_by("name")

    def preset_hints(self) -> dict[str, str]:
        return {code: span(Period(*bounds)) for code, (_label, bounds) in self.presets.items()}

    def clean_period(self):
        return self.cleaned_data["period"] or LAST_YEAR

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == CUSTOM and not (self.has_error("date_from") or self.has_error("date_to")):
            problem = measures.range_problem(cleaned.get("date_from"), cleaned.get("date_to"), self.today)
            if problem:
                field_name, message = RANGE_PROBLEMS[problem]
                self.add_error(field_name, message)
        return cleaned

    def chosen_period(self) -> Period:
        choice = self.cleaned_data["period"]
        if choice == CUSTOM:
            return Period(self.cleaned_data["date_from"], min(self.cleaned_data["date_to"], self.today))
        return Period(*self.presets[choice][1])
