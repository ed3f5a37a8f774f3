import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core import ukdata

from carershub.core.forms import GovukDateField
from carershub.core.validation import check
from carershub.identification import odscode
from carershub.identification.models import MAX_ATTENDING, SETTING_KINDS, AttendeeRole, EngagementKind
from carershub.partnership.models import Area, Organisation

KIND_CHOICES = [(k.value, k.label) for k in SETTING_KINDS]

REFUSALS = {
    "name_taken": _("A setting of this type with this name is already listed"),
    "ods_taken": _("%(name)s already has this ODS code"),
    "until_before_date": _("The commitment must run until a day on or after the date it was signed"),
}


class GovukLengthMessagesMixin:
    """"Notes must be 2000 characters or less": core's messages, with the label's "(optional)" left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        template = gettext(ukdata.MESSAGES["text_too_long"])
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                label = re.sub(r"\s*\([^()]*\)$", "", str(field.label))
                text = template % {"label": capfirst(label), "max_length": field.max_length}
                field.error_messages["max_length"] = text.replace("%", "%%")


def refusal(refused) -> str:
    text = gettext(REFUSALS[refused.code])
    return text % refused.params if refused.params else text


class SettingForm(GovukLengthMessagesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": _("Enter the setting's name")})
    kind = forms.ChoiceField(
        label=_("What kind of setting is it?"), choices=KIND_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of setting it is"), "invalid_choice": _("Select what kind of setting it is")},
    )
    area = forms.ModelChoiceField(
        label=_("Council area"), queryset=Area.objects.order_by("name"), empty_label=_("Choose an area"),
        error_messages={"required": _("Select the council area it is in"), "invalid_choice": _("Select an area from the list")},
    )
    ods_code = forms.CharField(
        label=_("ODS code (optional)"), max_length=20, required=False,
        help_text=_("For GP practices, pharmacies and NHS trusts: the NHS Organisation Data Service code, like A81001"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )

    def __init__(self, *args, versioned=False, **kwargs):
        super().__init__(*args, **kwargs)
        if versioned:
            self.fields["is_active"] = forms.BooleanField(label=_("Still open (untick if it has closed or merged)"), required=False)
            self.fields["version"] = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        raw = data.get("ods_code", "")
        if kind and raw:
            try:
                data["ods_code"] = odscode.normalise(raw, kind)
            except odscode.OdsCodeProblem as problem:
                self.add_error("ods_code", gettext(problem.message))
        elif not raw:
            data["ods_code"] = ""
        return data


class SettingFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False)
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.order_by("name"), required=False, empty_label=_("Any area"),
        error_messages={"invalid_choice": _("Select an area from the list")},
    )
    engaged = forms.ChoiceField(
        label=_("Engaged in the last 12 months"), required=False,
        choices=[("", _("Engaged or not")), ("yes", _("Engaged")), ("no", _("Not engaged"))],
        error_messages={"invalid_choice": _("Select engaged or not engaged")},
    )
    closed = forms.BooleanField(label=_("Include closed settings"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Any type")), *KIND_CHOICES]
        self.fields["kind"].error_messages["invalid_choice"] = _("Select a type from the list")


class EngagementForm(GovukLengthMessagesMixin, forms.Form):
    date = GovukDateField(label=_("Date"), allow_future=False)
    kind = forms.ChoiceField(
        label=_("What was it?"), choices=EngagementKind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select what the engagement was"), "invalid_choice": _("Select what the engagement was")},
    )
    commitment_until = GovukDateField(
        label=_("Commitment runs until (optional)"), required=False,
        help_text=_("For a signed commitment or award: the day it ends or is due for renewal. For example, 31 3 2027"),
    )
    unit = forms.CharField(label=_("Ward, department or year group (optional)"), max_length=200, required=False)
    with_whom = forms.CharField(label=_("Who you met there (optional)"), max_length=200, required=False,
                                help_text=_("Their roles, like practice manager and two receptionists"))
    notes = forms.CharField(label=_("Notes (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean(self):
        data = super().clean()
        until, day = data.get("commitment_until"), data.get("date")
        if data.get("kind") != EngagementKind.COMMITMENT:
            if until is not None:
                self.add_error("commitment_until", _("Only a signed commitment or award runs until a date: leave it blank"))
        elif until is not None and day is not None and until < day:
            self.add_error("commitment_until", gettext(REFUSALS["until_before_date"]))
        return data


class ChampionForm(GovukLengthMessagesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": _("Enter the champion's name")})
    role = forms.CharField(label=_("Job or role"), max_length=200, error_messages={"required": _("Enter their job or role")})
    unit = forms.CharField(label=_("Ward, department or year group (optional)"), max_length=200, required=False)
    email = forms.CharField(label=_("Email address (optional)"), max_length=254, required=False,
                            widget=forms.TextInput(attrs={"type": "email", "autocomplete": "off", "spellcheck": "false"}))
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}))
    since = GovukDateField(label=_("Champion since"), allow_future=False)
    trained_on = GovukDateField(label=_("Trained on (optional)"), required=False, allow_future=False)

    def __init__(self, *args, versioned=False, **kwargs):
        super().__init__(*args, **kwargs)
        if versioned:
            self.fields["is_active"] = forms.BooleanField(label=_("Still a carers champion"), required=False)
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    def clean_email(self):
        value = self.cleaned_data["email"].strip()
        return check(ukdata.normalise_email, value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return check(ukdata.normalise_phone, value) if value else ""


class TrainingForm(GovukLengthMessagesMixin, forms.Form):
    date = GovukDateField(label=_("Date"), allow_future=False)
    title = forms.CharField(label=_("Title"), max_length=200, error_messages={"required": _("Enter the title of the training")})
    for_settings = forms.ModelMultipleChoiceField(
        label=_("For staff of which settings? (optional)"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave all unticked if it was open to staff of any setting."),
        error_messages={"invalid_choice": _("Select settings from the list"), "invalid_pk_value": _("Select settings from the list")},
    )
    delivered_by = forms.ModelChoiceField(
        label=_("Delivered by"), queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"required": _("Select who delivered it"), "invalid_choice": _("Select who delivered it")},
    )
    trainer = forms.CharField(label=_("Trainer (optional)"), max_length=200, required=False)
    attending = forms.IntegerField(
        label=_("Number attending"), min_value=1, max_value=MAX_ATTENDING,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the number who attended"),
            "invalid": _("Enter the number who attended as a whole number, like 12"),
            "min_value": _("Enter at least 1"),
            "max_value": _("Enter 1,000 or fewer"),
        },
    )
    roles = forms.MultipleChoiceField(
        label=_("Who attended? (optional)"), choices=AttendeeRole.choices, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select roles from the list")},
    )
    notes = forms.CharField(label=_("Notes (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, settings=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["for_settings"].queryset = settings if settings is not None else Organisation.objects.none()
        # Training is delivered by the service: the worker's own organisation, or the carers centre and
        # councils and partners of the partnership (not the settings themselves).
        self.fields["delivered_by"].queryset = Organisation.objects.filter(is_active=True).exclude(kind__in=SETTING_KINDS).order_by("name")
        if user is not None:
            self.initial.setdefault("delivered_by", user.organisation_id)
