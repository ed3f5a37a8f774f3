"""Forms of the money pages: money typed in pounds and kept in pence; GOV.UK messages on the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core import amounts
from carershub.core.forms import GovukDateField
from carershub.partnership.models import Area, Organisation
from carershub.reporting.money import contractvalue
from carershub.reporting.money.models import Funder, LineKind, ServiceLine

QUARTER_CHOICES = [
    ("1", _("Quarter 1: April to June")),
    ("2", _("Quarter 2: July to September")),
    ("3", _("Quarter 3: October to December")),
    ("4", _("Quarter 4: January to March")),
]

REFUSALS = {
    "not_later": _("The new end date must be after the contract's end date, extensions included"),
    "outside": _("The reduction must start on a day the contract runs"),
    "too_much": _("The reduction would take the contract below £0 a year"),
}

class PenceField(forms.CharField):
    """Pounds and pence typed as a person types them ('25', '£25.50', '1,250'), cleaned to whole pence."""

    def __init__(self, *, allow_zero=False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # A text box, not type=number: browsers mangle commas and pound signs in number inputs.
        return {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}

    def prepare_value(self, value):
        return amounts.pounds(value).replace("£", "") if isinstance(value, int) else value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return amounts.parse_pence(value, allow_zero=self.allow_zero)
        except amounts.MoneyError as problem:
            raise forms.ValidationError(
                gettext(amounts.MONEY_MESSAGES[problem.code]) % {"label": self.label}, code=problem.code
            ) from None

def year_field(**kwargs):
    return forms.IntegerField(
        label=_("Financial year starting in April of"), min_value=2000, max_value=2100,
        help_text=_("For 2025-26, type 2025"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the year the financial year starts in, like 2025"),
            "invalid": _("The year must be a whole number, like 2025"),
            "min_value": _("The year must be 2000 or later"),
            "max_value": _("The year must be 2100 or earlier"),
        },
        **kwargs,
    )

def area_field(*, required=False, empty_label=None, label=None, help_text=""):
    return forms.ModelChoiceField(
        label=label or _("Area"), queryset=Area.objects.order_by("name"), required=required,
        empty_label=empty_label or _("The whole region"), help_text=help_text,
        error_messages={"required": _("Choose an area"), "invalid_choice": _("Choose an area from the list")},
    )

def current_year() -> int:
    return contractvalue.financial_year_of(timezone.localdate())

class FiguresForm(forms.Form):
    """Which financial year and area the money page shows."""

    year = year_field(required=False)
    area = area_field(empty_label=_("All areas"))

    def clean(self):
        data = super().clean()
        if data.get("year") is None and "year" not in self.errors:
            data["year"] = current_year()
        return data

class LineForm(forms.Form):
    """A budget for a financial year, or the actual spend of one quarter, by service line and funder."""

    area = area_field(help_text=_("Choose the whole region for money not split by area"))
    year = year_field()
    quarter = forms.ChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, widget=forms.RadioSelect, required=False,
                                error_messages={"invalid_choice": _("Choose the quarter the money was spent in")})
    service_line = forms.ChoiceField(label=_("Service line"), choices=ServiceLine.choices,
                                     error_messages={"required": _("Choose the service line"),
                                                     "invalid_choice": _("Choose the service line")})
    funder = forms.ChoiceField(label=_("Funder"), choices=Funder.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose who funds it"),
                                               "invalid_choice": _("Choose who funds it")})
    amount = PenceField(label=_("Amount, in pounds"), allow_zero=True,
                        error_messages={"required": _("Enter the amount, in pounds")})
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args, kind: str, instance=None, **kwargs):
        self.kind, self.instance = kind, instance
        if instance is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "area": instance.area_id, "year": instance.year, "quarter": str(instance.quarter or ""),
                "service_line": instance.service_line, "funder": instance.funder,
                "amount": instance.amount_pence, "note": instance.note,
            }
        super().__init__(*args, **kwargs)
        if kind == LineKind.BUDGET:
            del self.fields["quarter"]
            self.fields["amount"].label = _("Budget for the year, in pounds")
        else:
            self.fields["quarter"].required = True
            self.fields["quarter"].error_messages["required"] = gettext("Choose the quarter the money was spent in")
            self.fields["amount"].label = _("Spent in the quarter, in pounds")
        if instance is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", instance.version)

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "area": data.get("area"), "year": data["year"],
            "quarter": int(data["quarter"]) if data.get("quarter") else None,
            "service_line": data["service_line"], "funder": data["funder"], "amount_pence": data["amount"],
            "note": data.get("note", ""),
        }

class ContractForm(forms.Form):
    title = forms.CharField(label=_("Contract name"), max_length=200,
                            error_messages={"required": _("Enter the contract's name")})
    reference = forms.CharField(label=_("Contract reference (optional)"), max_length=50, required=False)
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Organisation.objects.none(), empty_label=_("Choose the provider"),
        error_messages={"required": _("Choose the provider"), "invalid_choice": _("Choose the provider from the list")},
    )
    service_line = forms.ChoiceField(label=_("Service line"), choices=ServiceLine.choices,
                                     error_messages={"required": _("Choose the service line"),
                                                     "invalid_choice": _("Choose the service line")})
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas served"), queryset=Area.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Choose none for a contract serving the whole region"),
        error_messages={"invalid_choice": _("Choose areas from the list"), "invalid_pk_value": _("Choose areas from the list")},
    )
    starts_on = GovukDateField(label=_("Start date"), error_messages={"required": _("Enter the start date")})
    ends_on = GovukDateField(label=_("End date"), help_text=_("The end of the term agreed, before any extension"),
                             error_messages={"required": _("Enter the end date")})
    annual_value = PenceField(label=_("Value a year, in pounds"), allow_zero=True,
                              error_messages={"required": _("Enter the contract's value a year, in pounds")})

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        if instance is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "title": instance.title, "reference": instance.reference, "provider": instance.provider_id,
                "service_line": instance.service_line, "areas": [a.pk for a in instance.areas.all()],
                "starts_on": instance.starts_on, "ends_on": instance.ends_on,
                "annual_value": instance.annual_value_pence,
            }
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(is_active=True).exclude(
            kind__in=[Organisation.Kind.GP_PRACTICE, Organisation.Kind.SCHOOL, Organisation.Kind.PHARMACY]
        ).order_by("name")
        if instance is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", instance.version)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", gettext("The end date must be the same as or after the start date"))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"], "reference": data.get("reference", ""), "provider": data["provider"],
            "service_line": data["service_line"], "starts_on": data["starts_on"], "ends_on": data["ends_on"],
            "annual_value_pence": data["annual_value"],
        }

class ExtensionForm(forms.Form):
    ends_on = GovukDateField(label=_("New end date"), error_messages={"required": _("Enter the new end date")})
    annual_value = PenceField(label=_("Value a year during the extension, in pounds"), allow_zero=True,
                              error_messages={"required": _("Enter the value a year during the extension")})
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

class ReductionForm(forms.Form):
    starts_on = GovukDateField(label=_("From"), help_text=_("The first day the contract is worth less"),
                               error_messages={"required": _("Enter the date the reduction starts")})
    annual_pence = PenceField(label=_("Amount a year less, in pounds"),
                              error_messages={"required": _("Enter how much less a year, in pounds")})
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

class ContributionForm(forms.Form):
    funder = forms.ChoiceField(label=_("Kind of funder"), choices=Funder.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose the kind of funder"),
                                               "invalid_choice": _("Choose the kind of funder")})
    funder_name = forms.CharField(label=_("Name of the funder"), max_length=200,
                                  error_messages={"required": _("Enter the funder's name")})
    annual_pence = PenceField(label=_("Contribution a year, in pounds"),
                              error_messages={"required": _("Enter the contribution a year, in pounds")})
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

TERM_FORMS = {"extension": ExtensionForm, "reduction": ReductionForm, "contribution": ContributionForm}
