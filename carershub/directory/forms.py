from django import forms
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukLengthMessagesMixin
from carershub.directory import vocabulary
from carershub.directory.models import ServiceStatus

DAY_CHOICES = [
    ("", _("Any day")),
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


def _need_choices():
    return [("", _("Any need"))] + [(code, _(name)) for code, name in vocabulary.NEEDS.items()]


def _group_choices():
    return [("", _("Any carer"))] + [(code, _(name)) for code, name in vocabulary.CARER_GROUPS.items()]


class SearchForm(GovukLengthMessagesMixin, forms.Form):
    text = forms.CharField(label=_("Words to look for"), max_length=200, required=False)
    need = forms.ChoiceField(label=_("Need"), required=False, choices=_need_choices)
    postcode = forms.CharField(
        label=_("Postcode, district or area"),
        help_text=_("A full postcode, a district like CF37, a postcode area like CF, or a council area"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    age = forms.IntegerField(
        label=_("Age of the carer"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the age as a whole number, like 15"),
            "min_value": _("Enter an age from 0 to 120"),
            "max_value": _("Enter an age from 0 to 120"),
        },
    )
    carer_group = forms.ChoiceField(label=_("Which carers"), required=False, choices=_group_choices)
    day = forms.ChoiceField(label=_("Open on"), required=False, choices=DAY_CHOICES)
    time = forms.TimeField(
        label=_("Open at"),
        help_text=_("Use the 24-hour clock, like 14:30"),
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the time like 14:30")},
    )


class ProposalForm(GovukLengthMessagesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": _("Enter the name of the service")})
    description = forms.CharField(
        label=_("Description"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    url = forms.URLField(
        label=_("Website (optional)"), max_length=500, required=False,
        error_messages={"invalid": _("Enter a web address, like https://www.example.org")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"), required=False,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices, widget=forms.RadioSelect)
    fees = forms.CharField(label=_("Fees (optional)"), max_length=500, required=False)
    minimum_age = forms.IntegerField(
        label=_("Youngest age (optional)"), required=False, min_value=0, max_value=120,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the age as a whole number, like 15"),
                        "min_value": _("Enter an age from 0 to 120"), "max_value": _("Enter an age from 0 to 120")},
    )
    maximum_age = forms.IntegerField(
        label=_("Oldest age (optional)"), required=False, min_value=0, max_value=120,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the age as a whole number, like 15"),
                        "min_value": _("Enter an age from 0 to 120"), "max_value": _("Enter an age from 0 to 120")},
    )
    alert = forms.CharField(label=_("Alert (optional)"), help_text=_("Something people must know now, like a closure"),
                            max_length=500, required=False)
    note = forms.CharField(
        label=_("Why are you proposing this? (optional)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error("maximum_age", _("The oldest age must be the same as or more than the youngest age"))
        return data


class DecisionForm(GovukLengthMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and apply the change")), ("reject", _("Reject it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether to approve or reject the change")},
    )
    reason = forms.CharField(
        label=_("Reason (needed to reject)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Enter why the change is rejected"))
        return data


class ImportForm(GovukLengthMessagesMixin, forms.Form):
    file = forms.FileField(label=_("A JSON file of the feed (optional)"), required=False)
    url = forms.URLField(
        label=_("Or the feed's address"), help_text=_("The address the feed's /services pages are under"),
        max_length=500, required=False,
        error_messages={"invalid": _("Enter a web address, like https://directory.example.org/oruk")},
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            self.add_error("file", _("Choose a file or enter the feed's address"))
        return data
