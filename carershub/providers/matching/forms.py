"""Forms for matching: the request for care at home, an outcome, closing a request."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.people.choices import Language
from carershub.providers import vocabulary
from carershub.providers.arrangements.models import Setting
from carershub.providers.matching.models import CareRequest, IntroductionOutcome

REFUSALS = {
    "no_area": _("The person has no council area: add their address first"),
    "not_open": _("This request is no longer open"),
    "not_suitable": _("This provider is not suitable for the request now: see why below"),
    "already_introduced": _("The person has already been introduced to this provider"),
    "bad_outcome": _("Select what came of the introduction"),
    "no_provider": _("Select a provider to introduce"),
}


def _choices(pairs):
    return [(code, _(label)) for code, label in pairs]


def hours_field(label, *, required):
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal("0.5"), max_value=Decimal("168"), decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the hours a week"),
            "invalid": _("Hours a week must be a number, like 6 or 7.5"),
            "min_value": _("Hours a week must be half an hour or more"),
            "max_value": _("Hours a week must be 168 or fewer"),
            "max_decimal_places": _("Hours a week can have up to 2 decimal places"),
        },
    )


class CareRequestForm(GovukLengthMessagesMixin, forms.Form):
    services = forms.MultipleChoiceField(
        label=_("What help do they need?"), choices=_choices(vocabulary.SERVICES), widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply"), error_messages={"required": _("Select the help they need")},
    )
    hours_per_week = hours_field(_("About how many hours a week?"), required=False)
    welsh_needed = forms.BooleanField(label=_("They want their care in Welsh"), required=False)
    other_language = forms.CharField(label=_("Another language they need (optional)"), max_length=100, required=False)
    preferences = forms.CharField(
        label=_("What matters to them (optional)"), max_length=2000, required=False, widget=forms.Textarea,
        help_text=_("In their words: the people, routines and ways of being cared for that matter to them"),
    )
    direct_payment = forms.BooleanField(
        label=_("The care will be paid through a direct payment"), required=False,
        help_text=_("With a direct payment the person, or someone for them, arranges and pays for the care; "
                    "the service only introduces them to providers"),
    )

    def __init__(self, *args, person, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("welsh_needed", person.preferred_language == Language.WELSH)
        super().__init__(*args, **kwargs)
        self.person = person
        for day, label in vocabulary.DAYS:
            self.fields[f"times_{day}"] = forms.MultipleChoiceField(
                label=_(label), choices=_choices(vocabulary.PERIODS), widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    @property
    def day_fields(self):
        return [self[f"times_{day}"] for day, _label in vocabulary.DAYS]

    def clean(self):
        data = super().clean()
        if self.person.area_id is None:
            self.add_error(None, REFUSALS["no_area"])
        times = [
            vocabulary.slot(day, period) for day, _label in vocabulary.DAYS for period in data.get(f"times_{day}", [])
        ]
        if not times and not any(f"times_{day}" in self.errors for day, _label in vocabulary.DAYS):
            self.add_error("times_mon", _("Select at least one day and time when they need care"))
        data["times"] = vocabulary.valid_slots(times)
        return data


class IntroduceForm(forms.Form):
    provider = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": REFUSALS["no_provider"]})


class OutcomeForm(GovukLengthMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("What came of the introduction?"), widget=forms.RadioSelect,
        choices=[(v, label) for v, label in IntroductionOutcome.choices if v != IntroductionOutcome.PENDING],
        error_messages={"required": REFUSALS["bad_outcome"]},
    )
    starts_on = GovukDateField(label=_("When does the care start?"), required=False)
    hours_per_week = hours_field(_("Hours a week agreed"), required=False)
    setting = forms.ChoiceField(label=_("Where is the care given?"), widget=forms.RadioSelect, required=False,
                                choices=Setting.choices)
    confirmed_limit = forms.BooleanField(
        label=_("I have checked with the provider: this person brings it to the most it may care for unregistered"),
        required=False,
    )
    notes = forms.CharField(label=_("Notes (optional)"), max_length=2000, required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == IntroductionOutcome.AGREED:
            if not data.get("starts_on") and "starts_on" not in self.errors:
                self.add_error("starts_on", _("Enter the date the care starts"))
            if not data.get("setting"):
                self.add_error("setting", _("Select where the care is given"))
        return data


class CloseForm(GovukLengthMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why is it closing without care arranged?"), max_length=300,
        error_messages={"required": _("Enter why the request is closing")},
    )


def request_initial(found: CareRequest) -> dict:
    return {"version": found.version, "setting": Setting.IN_HOME, "hours_per_week": found.hours_per_week,
            "starts_on": timezone.localdate()}
