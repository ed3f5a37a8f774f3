"""Forms of the provider mix: a return (council, period, basis, one amount per sector) and the filters."""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.partnership.models import Area
from carershub.providers.mix import shares
from carershub.providers.mix.models import Basis, MixReturn, Sector

ONS_CODE = re.compile(r"^[EWSN]\d{8}$")
WHOLE_YEAR = "year"
QUARTER_CHOICES = [
    (WHOLE_YEAR, _("The whole financial year")),
    ("1", _("Quarter 1: April to June")),
    ("2", _("Quarter 2: July to September")),
    ("3", _("Quarter 3: October to December")),
    ("4", _("Quarter 4: January to March")),
]


def amount_field(label):
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=12, decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": _("%(label)s must be a number, like 120 or 12.5") % {"label": label},
            "min_value": _("%(label)s cannot be negative") % {"label": label},
            "max_digits": _("%(label)s is too large") % {"label": label},
            "max_whole_digits": _("%(label)s is too large") % {"label": label},
            "max_decimal_places": _("%(label)s can have at most 2 decimal places") % {"label": label},
        },
    )


def amount_name(sector: str) -> str:
    return f"amount_{sector}"


class ReturnForm(forms.Form):
    """A council's hours (or published percentages) by sector for one quarter or financial year."""

    area = forms.ModelChoiceField(
        label=_("Council area"), queryset=Area.objects.none(), required=False, empty_label=_("Not in the list"),
        help_text=_("A council area of the region. For another council, leave this and type its name below."),
    )
    council_name = forms.CharField(label=_("Council name, if not in the list"), max_length=120, required=False)
    council_code = forms.CharField(
        label=_("ONS code of the council (optional)"), max_length=9, required=False,
        help_text=_("Like W06000016"), widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    year = forms.IntegerField(
        label=_("Financial year starting in April of"), min_value=2000, max_value=2100,
        help_text=_("For 2018-19, type 2018"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the year the financial year starts in, like 2018"),
            "invalid": _("The year must be a whole number, like 2018"),
            "min_value": _("The year must be 2000 or later"),
            "max_value": _("The year must be 2100 or earlier"),
        },
    )
    quarter = forms.ChoiceField(label=_("Period"), choices=QUARTER_CHOICES, widget=forms.RadioSelect,
                                error_messages={"required": _("Choose a quarter, or the whole financial year")})
    basis = forms.ChoiceField(
        label=_("What are the figures?"), choices=Basis.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the figures are hours or percentages")},
    )
    source = forms.CharField(label=_("Source (optional)"), max_length=300, required=False,
                             help_text=_("Where the figures come from, like a council's quarterly return"))

    def __init__(self, *args, instance: MixReturn | None = None, **kwargs):
        self.instance = instance
        if instance is not None and not kwargs.get("initial"):
            kwargs["initial"] = initial_of(instance)
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("name")
        for value, label in Sector.choices:
            self.fields[amount_name(value)] = amount_field(label)
        if instance is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
            self.initial.setdefault("version", instance.version)

    def sector_fields(self):
        return [self[amount_name(value)] for value in shares.SECTORS]

    def clean(self):
        data = super().clean()
        area = data.get("area")
        name = (data.get("council_name") or "").strip()
        code = (data.get("council_code") or "").strip().upper()
        if area is not None:
            data["council_name"], data["council_code"] = area.name, area.code
        elif not name:
            self.add_error("area", gettext("Choose the council, or type its name"))
        else:
            data["council_name"] = name
            if code and not ONS_CODE.match(code):
                self.add_error("council_code", gettext("The ONS code must be a letter and 8 digits, like W06000016"))
            data["council_code"] = code
        year = data.get("year")
        if year is not None and data.get("quarter"):
            number = None if data["quarter"] == WHOLE_YEAR else int(data["quarter"])
            data["period"] = shares.quarter(year, number) if number else shares.financial_year(year)
        amounts = {sector: data.get(amount_name(sector)) for sector in shares.SECTORS}
        if any(amount_name(s) in self.errors for s in shares.SECTORS):
            return data
        data["amounts"] = {s: (v if v is not None else Decimal(0)) for s, v in amounts.items()}
        first = amount_name(shares.SECTORS[0])
        if data.get("basis") == Basis.PERCENT:
            total = shares.percent_total_problem(data["amounts"])
            if total is not None:
                self.add_error(first, gettext(
                    "The percentages add up to %(total)s: they must add up to 100 (from 98 to 102, allowing for "
                    "the rounding of a published table)") % {"total": shares.shown(total)})
        elif data.get("basis") == Basis.HOURS and not any(data["amounts"].values()):
            self.add_error(first, gettext("Enter the hours delivered by at least one sector"))
        return data


def initial_of(instance: MixReturn) -> dict:
    described = shares.describe_period(instance.period_start, instance.period_end)
    year, number = described if described else (instance.period_start.year, None)
    initial = {
        "area": instance.area_id, "council_name": "" if instance.area_id else instance.council_name,
        "council_code": "" if instance.area_id else instance.council_code, "year": year,
        "quarter": str(number) if number else WHOLE_YEAR, "basis": instance.basis, "source": instance.source,
    }
    for line in instance.lines.all():
        initial[amount_name(line.sector)] = shares.shown(line.amount).replace(",", "")
    return initial


SOURCE_RETURNS = "returns"
SOURCE_COUNTED = "counted"


class OverviewForm(forms.Form):
    """Which council, from which source: the returns entered, or hours counted from arrangements."""

    council = forms.ChoiceField(label=_("Council"), required=False)
    source = forms.ChoiceField(
        label=_("Figures from"), required=False, widget=forms.RadioSelect, initial=SOURCE_RETURNS,
        choices=[(SOURCE_RETURNS, _("Returns entered")),
                 (SOURCE_COUNTED, _("Counted from the care arrangements recorded here (council areas of the region)"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = set(MixReturn.objects.values_list("council_name", flat=True)) | set(
            Area.objects.values_list("name", flat=True))
        self.fields["council"].choices = [("", _("Choose a council"))] + [(n, n) for n in sorted(names)]

    def clean(self):
        data = super().clean()
        data["source"] = data.get("source") or SOURCE_RETURNS
        if data["source"] == SOURCE_COUNTED and data.get("council"):
            data["area"] = Area.objects.filter(name=data["council"]).first()
            if data["area"] is None:
                self.add_error("council", gettext("Hours can be counted only for a council area of the region"))
        return data


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(period_value(s, e), period_text(s, e)) for s, e in periods]


def period_value(start, end) -> str:
    return f"{start:%Y-%m-%d}_{end:%Y-%m-%d}"


def period_text(start, end) -> str:
    described = shares.describe_period(start, end)
    if described is None:
        return gettext("%(start)s to %(end)s") % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
    year, number = described
    if number is None:
        return shares.year_label(year)
    return gettext("%(year)s quarter %(quarter)s") % {"year": shares.year_label(year), "quarter": number}


def today_quarters(count=8):
    return shares.quarters_up_to(timezone.localdate(), count)
