"""Forms of contract monitoring: the dashboard's choices, a KPI, a return's quarter, its figures, a decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from carershub.partnership.models import Area
from carershub.reporting.monitoring import quarters as q
from carershub.reporting.monitoring.models import Direction, Kpi, Measure, Scope, Source, Unit

SHOWN_QUARTERS = 4  # the dashboard shows the chosen quarter and the three before it
CHOOSABLE_QUARTERS = 12


def quarter_text(quarter: q.Quarter) -> str:
    return gettext("Q%(number)s %(year)s") % {"number": quarter.number, "year": quarter.year_label}


def quarter_long_text(quarter: q.Quarter) -> str:
    return gettext("Quarter %(number)s of %(year)s (%(start)s to %(end)s)") % {
        "number": quarter.number, "year": quarter.year_label,
        "start": quarter.start.strftime("%d/%m/%Y"), "end": quarter.end.strftime("%d/%m/%Y")}


def _worded(message, label):
    """The message with the field's label in it, worded when it is shown (in the reader's language)."""
    return lazy(lambda: gettext(message) % {"label": str(label)}, str)()


def decimal_field(label, *, required_message=None, **kwargs):
    return forms.DecimalField(
        label=label, min_value=0, max_digits=12, decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": required_message or _worded(gettext_noop("Enter %(label)s"), label),
            "invalid": _worded(gettext_noop("%(label)s must be a number, like 120 or 12.5"), label),
            "min_value": _worded(gettext_noop("%(label)s cannot be negative"), label),
            "max_digits": _worded(gettext_noop("%(label)s is too large"), label),
            "max_whole_digits": _worded(gettext_noop("%(label)s is too large"), label),
            "max_decimal_places": _worded(gettext_noop("%(label)s can have at most 2 decimal places"), label),
        },
        **kwargs,
    )


class DashboardForm(forms.Form):
    """Which quarter the four shown end with, and which area's contracts."""

    quarter = forms.ChoiceField(label=_("Latest quarter shown"), required=False,
                                error_messages={"invalid_choice": _("Choose a quarter from the list")})
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False,
                                  empty_label=_("All areas"),
                                  error_messages={"invalid_choice": _("Choose an area from the list")})

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        latest = q.last_complete(today or timezone.localdate())
        self.default = latest
        options = q.ending_with(latest.next(), CHOOSABLE_QUARTERS)[::-1]
        self.fields["quarter"].choices = [(quarter.code, quarter_text(quarter)) for quarter in options]
        self.fields["area"].queryset = Area.objects.order_by("name")

    def latest(self) -> q.Quarter:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("quarter"):
            return q.from_code(self.cleaned_data["quarter"])
        return self.default

    def quarters(self) -> list[q.Quarter]:
        return q.ending_with(self.latest(), SHOWN_QUARTERS)

    def chosen_area(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("area")
        return None


class KpiForm(forms.Form):
    name = forms.CharField(label=_("Name of the KPI"), max_length=150,
                           help_text=_("Like “New carers identified” or “Carers who say the service helped”"),
                           error_messages={"required": _("Enter the name of the KPI"),
                                           "max_length": _("The name must be 150 characters or fewer")})
    description = forms.CharField(
        label=_("What it counts"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The definition, as the contract's specification gives it"),
        error_messages={"required": _("Say what the KPI counts"),
                        "max_length": _("The definition must be 1000 characters or fewer")})
    source = forms.ChoiceField(label=_("Where does the actual come from?"), choices=Source.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Say where the actual comes from")})
    measure = forms.ChoiceField(
        label=_("What to count (if counted)"), required=False,
        choices=[("", _("Choose what to count"))] + list(Measure.choices),
        error_messages={"invalid_choice": _("Choose what to count from the list")})
    scope = forms.ChoiceField(
        label=_("Whose events to count (if counted)"), required=False, choices=Scope.choices, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose whose events to count")})
    unit = forms.ChoiceField(label=_("The target is"), choices=Unit.choices, widget=forms.RadioSelect,
                             help_text=_("A counted KPI is always a number"),
                             error_messages={"required": _("Say whether the target is a number or a percentage")})
    target = decimal_field(_("Target per quarter"), required_message=_("Enter the target per quarter"))
    direction = forms.ChoiceField(label=_("Is more better, or less?"), choices=Direction.choices,
                                  widget=forms.RadioSelect,
                                  error_messages={"required": _("Say whether higher or lower is better")})
    tolerance = decimal_field(
        _("Amber tolerance"), required=False,
        help_text=_("How far from the target is still amber, in the KPI's unit (percentage points for a "
                    "percentage). Leave empty for none: anything off target is then red."))

    FIELD_ORDER = ["name", "description", "source", "measure", "scope", "unit", "target", "direction", "tolerance"]

    def __init__(self, *args, contract=None, **kwargs):
        self.contract = contract
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == Source.COUNTED:
            if not data.get("measure"):
                self.add_error("measure", gettext("Choose what to count"))
            if not data.get("scope"):
                self.add_error("scope", gettext("Choose whose events to count"))
            if data.get("unit") == Unit.PERCENT:
                self.add_error("unit", gettext("A counted KPI is a number: choose “A number”, or make it reported"))
        elif source == Source.REPORTED:
            data["measure"], data["scope"] = "", ""
        if data.get("tolerance") is None:
            data["tolerance"] = 0
        if data.get("unit") == Unit.PERCENT and data.get("target") is not None and data["target"] > 100:
            self.add_error("target", gettext("A percentage target must be 100 or less"))
        name = (data.get("name") or "").strip()
        if name and self.contract is not None and Kpi.objects.filter(
                contract=self.contract, name__iexact=name).exists():
            self.add_error("name", gettext("This contract already has a KPI called %(name)s") % {"name": name})
        return data


class StartReturnForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Which quarter is the return for?"), widget=forms.RadioSelect,
                                error_messages={"required": _("Choose the quarter"),
                                                "invalid_choice": _("Choose a quarter from the list")})

    def __init__(self, *args, contract, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        from carershub.reporting.monitoring.services import contract_quarters

        options = [quarter for quarter in contract_quarters(contract) if quarter.start <= today][::-1]
        self.fields["quarter"].choices = [(quarter.code, quarter_long_text(quarter)) for quarter in options]

    def chosen(self) -> q.Quarter:
        return q.from_code(self.cleaned_data["quarter"])


def value_name(kpi) -> str:
    return f"kpi_{kpi.pk}"


class ReturnForm(forms.Form):
    """The provider's figures for the KPIs it reports, and its narrative. Saving keeps a draft;
    submitting needs every figure."""

    SAVE, SUBMIT = "save", "submit"
    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(
        label=_("Narrative"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What went well, what did not, and why: the story behind the figures"),
        error_messages={"max_length": _("The narrative must be 10,000 characters or fewer")})

    def __init__(self, *args, kpis, values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = [kpi for kpi in kpis if kpi.source == Source.REPORTED]
        for kpi in self.kpis:
            label = f"{kpi.name} (%)" if kpi.unit == Unit.PERCENT else kpi.name
            self.fields[value_name(kpi)] = decimal_field(label, required=False, help_text=kpi.description)
            if values and values.get(kpi.pk) is not None:
                self.initial.setdefault(value_name(kpi), values[kpi.pk])

    def value_fields(self):
        return [self[value_name(kpi)] for kpi in self.kpis]

    def submitting(self) -> bool:
        return self.data.get("action") == self.SUBMIT

    def clean(self):
        data = super().clean()
        for kpi in self.kpis:
            value = data.get(value_name(kpi))
            if value is not None and kpi.unit == Unit.PERCENT and value > 100:
                self.add_error(value_name(kpi), gettext("%(name)s is a percentage: it must be 100 or less") % {
                    "name": kpi.name})
            elif value is None and self.submitting() and value_name(kpi) not in self.errors:
                self.add_error(value_name(kpi), gettext("Enter %(name)s before you submit the return") % {
                    "name": kpi.name})
        if self.submitting() and not (data.get("narrative") or "").strip():
            self.add_error("narrative", gettext("Write the narrative before you submit the return"))
        data["values"] = {kpi.pk: data.get(value_name(kpi)) for kpi in self.kpis}
        return data


class DecisionForm(forms.Form):
    ACCEPT, SEND_BACK = "accept", "send_back"
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Your decision"), widget=forms.RadioSelect,
        choices=[(ACCEPT, _("Accept the return")), (SEND_BACK, _("Send it back to the provider for changes"))],
        error_messages={"required": _("Choose whether to accept the return or send it back")})
    reason = forms.CharField(
        label=_("Why are you sending it back?"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The provider reads this: say what to change"),
        error_messages={"max_length": _("The reason must be 2000 characters or fewer")})

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.SEND_BACK and not (data.get("reason") or "").strip():
            self.add_error("reason", gettext("Say why you are sending the return back"))
        return data
