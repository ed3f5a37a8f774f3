"""Forms for care arrangements: GOV.UK messages on the field; the rule's refusals go in the error summary."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField
from carershub.providers.arrangements.models import FundedBy, Kind, Setting

MAX_HOURS = 168


def _provider_choices(providers, area):
    """Providers serving the person's area first (marked), then the others, each group by name."""
    serving, others = [], []
    for provider in providers:
        if area is not None and any(a.pk == area.pk for a in provider.areas.all()):
            label = gettext("%(name)s (serves %(area)s)") % {"name": provider.name, "area": area.name}
            serving.append((str(provider.pk), label))
        else:
            others.append((str(provider.pk), provider.name))
    return [("", gettext("Choose a provider")), *serving, *others]


class HoursField(forms.DecimalField):
    def __init__(self, **kwargs):
        # No max_digits: the upper bound is MAX_HOURS, so one message says what is wrong.
        super().__init__(
            decimal_places=2, min_value=0, max_value=MAX_HOURS, required=False,
            error_messages={
                "invalid": _("Hours a week must be a number, like 10 or 7.5"),
                "min_value": _("Hours a week must be 0 or more"),
                "max_value": _("Hours a week must be %(limit_value)s or less"),
                "max_decimal_places": _("Hours a week can have at most 2 decimal places"),
            },
            **kwargs,
        )

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "class": "govuk-input--width-5"}


class ArrangementForm(forms.Form):
    provider = forms.ChoiceField(label=_("Provider"), error_messages={
        "required": _("Choose a provider"), "invalid_choice": _("Choose a provider")})
    kind = forms.ChoiceField(
        label=_("Regular care or cover?"), choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.REGULAR,
        error_messages={"required": _("Say whether this is regular care or cover"),
                        "invalid_choice": _("Say whether this is regular care or cover")},
    )
    covering_for = forms.ChoiceField(
        label=_("Provider they are covering for (if cover)"), required=False,
        error_messages={"invalid_choice": _("Choose the provider they are covering for")},
        help_text=_("Cover counts toward the four-person rule of the provider giving it."),
    )
    setting = forms.ChoiceField(
        label=_("Where is care given?"), choices=Setting.choices, widget=forms.RadioSelect, initial=Setting.IN_HOME,
        help_text=_("Only care in the person's own home counts toward the four-person rule."),
        error_messages={"required": _("Say where care is given"), "invalid_choice": _("Say where care is given")},
    )
    starts_on = GovukDateField(label=_("Start date"), error_messages={"required": _("Enter the start date")})
    ends_on = GovukDateField(label=_("End date (optional)"), required=False,
                             help_text=_("The last day of care. Leave it empty if there is no end date yet."))
    hours_per_week = HoursField(label=_("Hours a week (optional)"))
    funded_by = forms.ChoiceField(label=_("Paid for by"), choices=FundedBy.choices, initial=FundedBy.DIRECT_PAYMENT,
                                  error_messages={"required": _("Say who pays for the care"),
                                                  "invalid_choice": _("Say who pays for the care")})
    confirm_limit = forms.BooleanField(
        label=_("I understand this provider will be at its limit of four people cared for at home"), required=False,
    )

    def __init__(self, *args, person, providers, all_providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self._providers = {str(p.pk): p for p in providers}
        self._all = {str(p.pk): p for p in all_providers}
        self.fields["provider"].choices = _provider_choices(providers, person.area)
        others = [(str(p.pk), p.name) for p in all_providers]
        self.fields["covering_for"].choices = [("", gettext("Not cover")), *others]

    def clean_provider(self):
        found = self._providers.get(self.cleaned_data["provider"])
        if found is None:
            raise forms.ValidationError(_("Choose a provider"))
        return found

    def clean_covering_for(self):
        value = self.cleaned_data.get("covering_for")
        return self._all.get(value) if value else None

    def clean(self):
        data = super().clean()
        kind, covering_for, provider = data.get("kind"), data.get("covering_for"), data.get("provider")
        if kind == Kind.COVER and covering_for is None:
            self.add_error("covering_for", _("Choose the provider they are covering for"))
        elif kind == Kind.COVER and provider is not None and covering_for.pk == provider.pk:
            self.add_error("covering_for", _("A provider cannot cover for itself: choose another provider"))
        elif kind == Kind.REGULAR and covering_for is not None:
            self.add_error("covering_for", _("Leave this empty for regular care, or choose cover"))
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("End date must be the same as or after the start date"))
        return data


class _OfAnArrangement(forms.Form):
    """A form about one arrangement, whose end may not come before its start."""

    before_start = ""

    def __init__(self, *args, arrangement, **kwargs):
        super().__init__(*args, **kwargs)
        self.arrangement = arrangement

    def clean_ends_on(self):
        ends_on = self.cleaned_data.get("ends_on")
        if ends_on is not None and ends_on < self.arrangement.starts_on:
            raise forms.ValidationError(self.before_start)
        return ends_on


class ChangeForm(_OfAnArrangement):
    version = forms.IntegerField(widget=forms.HiddenInput)
    setting = forms.ChoiceField(
        label=_("Where is care given?"), choices=Setting.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Say where care is given"), "invalid_choice": _("Say where care is given")},
    )
    ends_on = GovukDateField(label=_("End date (optional)"), required=False,
                             help_text=_("The last day of care. Leave it empty if there is no end date yet."))
    hours_per_week = HoursField(label=_("Hours a week (optional)"))

    before_start = _("End date must be the same as or after the start date")


class EndForm(_OfAnArrangement):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ends_on = GovukDateField(label=_("Last day of care"), error_messages={"required": _("Enter the last day of care")})
    reason = forms.CharField(
        label=_("Why did it end?"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the arrangement ended"),
                        "max_length": _("Why it ended must be 300 characters or less")},
    )

    before_start = _("Last day of care must be the same as or after the start date")
