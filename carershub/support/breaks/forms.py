"""The forms of short breaks: amounts are typed as people write them ("3.5" hours, "£12.50")."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin, VersionOnlyForm
from carershub.support.breaks import ledger
from carershub.support.breaks.models import BreakKind, Unit

HOURS_ERRORS = {
    "invalid": _("Enter the hours as a number, like 3 or 3.5"),
    "not_positive": _("Enter hours greater than zero"),
    "too_precise": _("Enter the hours to the nearest minute, like 2.25 or 2.5"),
    "too_big": _("Enter fewer hours: that is more than a year"),
}
MONEY_ERRORS = {
    "invalid": _("Enter an amount of money, like £12.50 or 12.50"),
    "not_positive": _("Enter an amount greater than zero"),
    "too_precise": _("Enter the amount in pounds and pence, like £12.50"),
    "too_big": _("Enter a smaller amount"),
}
TIME_HINT = _("Use the 24-hour clock, like 15:00")
TIME_INVALID = _("Enter the time like 15:00")


def _hours(text) -> int:
    try:
        return ledger.parse_hours(text)
    except ledger.AmountError as problem:
        raise forms.ValidationError(HOURS_ERRORS[problem.code], code=problem.code) from None


def _money(text) -> int:
    try:
        return ledger.parse_money(text)
    except ledger.AmountError as problem:
        raise forms.ValidationError(MONEY_ERRORS[problem.code], code=problem.code) from None


def _time_field(label):
    return forms.TimeField(
        label=label,
        help_text=TIME_HINT,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": TIME_INVALID, "required": _("Enter the time like 15:00")},
    )


def _reason_field(label, required=True, message=None):
    return forms.CharField(
        label=label,
        max_length=2000,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message or _("Enter the reason")},
    )


class GrantForm(GovukLengthMessagesMixin, forms.Form):
    source = forms.ChoiceField(
        label=_("What is the allowance based on?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the allowance is based on")},
    )
    unit = forms.ChoiceField(
        label=_("Hours or money?"),
        choices=Unit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select hours or money")},
    )
    amount = forms.CharField(
        label=_("How much"),
        max_length=20,
        help_text=_("Hours, like 40 or 3.5; or money in pounds, like £250 or 250.00"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter how many hours or how much money")},
    )
    starts_on = GovukDateField(label=_("From"), error_messages={"required": _("Enter the first day of the allowance")})
    ends_on = GovukDateField(label=_("Until"), error_messages={"required": _("Enter the last day of the allowance")})
    reason = _reason_field(
        _("Why is it granted, and who decided?"), message=_("Enter why the allowance is granted")
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if plan is not None:
            choices.append(("plan", _("The carer's agreed support plan (version %(n)s)") % {"n": plan.plan_version}))
        choices.append(("preventative", _("A preventative break, without a full assessment")))
        self.fields["source"].choices = choices
        start, end = ledger.financial_year(timezone.localdate())
        self.initial.setdefault("source", choices[0][0])
        self.initial.setdefault("unit", Unit.MINUTES)
        self.initial.setdefault("starts_on", start)
        self.initial.setdefault("ends_on", end)
        self.fields["starts_on"].help_text = _("The financial year, 1 April to 31 March, unless you change it")

    def clean(self):
        data = super().clean()
        unit, amount = data.get("unit"), data.get("amount")
        if unit and amount:
            try:
                data["amount_value"] = _hours(amount) if unit == Unit.MINUTES else _money(amount)
            except forms.ValidationError as problem:
                self.add_error("amount", problem)
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end of the period must be on or after its start"))
        return data


class BookingForm(GovukLengthMessagesMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of break"), choices=BreakKind.choices, error_messages={"required": _("Select the type of break")}
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, empty_label=_("Choose a provider"),
        error_messages={"required": _("Select the provider"), "invalid_choice": _("Select the provider")},
    )
    caring = forms.ModelChoiceField(
        label=_("For whom (optional)"), queryset=None, required=False, empty_label=_("Not for one person in particular"),
        error_messages={"invalid_choice": _("Choose somebody this carer looks after")},
    )
    start_date = GovukDateField(label=_("Start date"), error_messages={"required": _("Enter the start date")})
    start_time = _time_field(_("Start time"))
    end_date = GovukDateField(label=_("End date"), error_messages={"required": _("Enter the end date")})
    end_time = _time_field(_("End time"))
    hours = forms.CharField(
        label=_("Hours (optional)"), max_length=20, required=False,
        help_text=_("Leave blank to count the hours from the start and end"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    cost = forms.CharField(
        label=_("Cost (optional for an hours allowance)"), max_length=20, required=False,
        help_text=_("In pounds, like £85.50"), widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    notes = forms.CharField(label=_("Notes (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, providers=None, caring=None, may_override=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["caring"].queryset = caring
        self.fields["caring"].label_from_instance = lambda rel: rel.cared_for.full_name
        if may_override:
            self.fields["override_reason"] = _reason_field(
                _("Manager's override: why may this booking go beyond the balance? (optional)"), required=False
            )

    def clean(self):
        data = super().clean()
        if data.get("hours"):
            try:
                data["minutes"] = _hours(data["hours"])
            except forms.ValidationError as problem:
                self.add_error("hours", problem)
        if data.get("cost"):
            try:
                data["cost_pence"] = _money(data["cost"])
            except forms.ValidationError as problem:
                self.add_error("cost", problem)
        parts = [data.get(name) for name in ("start_date", "start_time", "end_date", "end_time")]
        if all(part is not None for part in parts):
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(parts[0], parts[1]))
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(parts[2], parts[3]))
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end_date", _("The end must be after the start"))
        return data


class DeliveryForm(GovukLengthMessagesMixin, VersionOnlyForm):
    hours = forms.CharField(
        label=_("Hours delivered"), max_length=20, widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": _("Enter the hours delivered")},
    )
    cost = forms.CharField(
        label=_("Actual cost (optional for an hours allowance)"), max_length=20, required=False,
        help_text=_("In pounds, like £85.50"), widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )

    def __init__(self, *args, may_override=False, **kwargs):
        super().__init__(*args, **kwargs)
        if may_override:
            self.fields["override_reason"] = _reason_field(
                _("Manager's override: why may this go beyond the balance? (optional)"), required=False
            )

    def clean(self):
        data = super().clean()
        if data.get("hours"):
            try:
                data["minutes"] = _hours(data["hours"])
            except forms.ValidationError as problem:
                self.add_error("hours", problem)
        data["cost_pence"] = 0
        if data.get("cost"):
            try:
                data["cost_pence"] = _money(data["cost"])
            except forms.ValidationError as problem:
                self.add_error("cost", problem)
        return data


class EndForm(GovukLengthMessagesMixin, VersionOnlyForm):
    """Cancel, or record a no-show: the reason is required."""

    reason = _reason_field(_("Reason"), message=_("Enter the reason"))

    def __init__(self, *args, prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)


class AdjustForm(GovukLengthMessagesMixin, forms.Form):
    direction = forms.ChoiceField(
        label=_("Add or take away?"),
        choices=[("add", _("Add to the balance")), ("take", _("Take away from the balance"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select add or take away")},
    )
    amount = forms.CharField(
        label=_("How much"), max_length=20, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter how much")},
    )
    reason = _reason_field(_("Reason for the adjustment"), message=_("Enter the reason for the adjustment"))
    override = forms.BooleanField(
        label=_("Override: the balance may go below zero"), required=False,
    )

    def __init__(self, *args, unit=Unit.MINUTES, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["amount"].help_text = (
            _("Hours, like 5 or 2.5") if unit == Unit.MINUTES else _("In pounds, like £50 or 50.00")
        )

    def clean(self):
        data = super().clean()
        if data.get("amount"):
            try:
                value = _hours(data["amount"]) if self.unit == Unit.MINUTES else _money(data["amount"])
                data["signed"] = value if data.get("direction") == "add" else -value
            except forms.ValidationError as problem:
                self.add_error("amount", problem)
        return data
