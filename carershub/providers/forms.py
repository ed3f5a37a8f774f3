"""Forms of the register of providers: GOV.UK messages on the field, dates typed as day, month, year."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.partnership.models import Area
from carershub.providers import advice, checklist, vocabulary
from carershub.providers.models import ProviderType, RegistrationOutcome, Status, Worker

REFUSALS = {
    "no_area": _("Select at least one council area the provider serves"),
    "name_missing": _("Choose the organisation from the list or enter the name of a new one"),
    "organisation_exists": _("A care provider with this name is already listed: choose it from the list"),
    "already_provider": _("This organisation is already on the register"),
    "move_not_allowed": _("The provider cannot move to that status from its status now"),
    "worker_already_left": _("This worker has already left"),
    "left_before_started": _("The date they left must be on or after the date they started"),
    "unknown_item": _("There is no such checklist item"),
    "worker_missing": _("Select the worker this check is for"),
    "worker_not_here": _("Select a worker of this provider"),
    "cannot_not_apply": _("This item applies to every provider and worker: select met or not met"),
    "checked_in_future": _("The date checked must be today or in the past"),
    "expiry_missing": _("Enter the date the evidence expires"),
    "expiry_not_after_check": _("The expiry date must be after the date checked"),
    "submitted_in_future": _("The date submitted must be today or in the past"),
    "already_pending": _("An application is already waiting for a decision: record its decision first"),
    "outcome_missing": _("Select the decision"),
    "decided_in_future": _("The date of the decision must be today or in the past"),
    "decided_before_submitted": _("The date of the decision must be on or after the date the application was submitted"),
    "number_missing": _("Enter the registration number Care Inspectorate Wales gave"),
    "not_an_adviser": _("Only the provider support service, or a council's commissioners and team managers, record advice"),
    "topic_missing": _("Select what the advice was about"),
    "given_in_future": _("The date given must be today or in the past"),
    "not_confirmed": _("Confirm that the advice gives no ongoing direction or control of anyone's care"),
    "ongoing_role": _("This cannot be recorded as advice from the support service."),
}
ONGOING_ROLE_EXPLAINED = _(
    "The support service advises a provider as a business. It must not direct or control anyone's care, "
    "monitor a care worker's performance, replace a care worker or supply cover (unless the person receiving "
    "care asked for it), or write a care plan: that would be an ongoing role in the care, which needs "
    "registration with Care Inspectorate Wales. Record the advice given to the business instead, such as "
    "how to write a rota policy or what a supervision procedure should cover."
)


def message(code: str, params: dict | None = None) -> str:
    text = gettext(REFUSALS[code])
    if code == "ongoing_role" and params and params.get("problems"):
        found = " ".join(gettext(advice.PROBLEMS[p]) for p in params["problems"])
        return f"{text} {found} {gettext(ONGOING_ROLE_EXPLAINED)}"
    return text


def _lazy(pairs):
    return [(code, _(label)) for code, label in pairs]


POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class AreaChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, area):
        return area.name


class ProviderForm(GovukLengthMessagesMixin, forms.Form):
    """Adding a provider (``adding=True``: an existing organisation or a new name) and editing one."""

    organisation = forms.ModelChoiceField(
        label=_("An organisation already in the partnership"), required=False, queryset=None,
        empty_label=_("None: it is a new organisation"),
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )
    name = forms.CharField(label=_("Or the name of a new organisation"), max_length=200, required=False)
    provider_type = forms.ChoiceField(
        label=_("Type of provider"), choices=ProviderType.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of provider"), "invalid_choice": _("Select the type of provider")},
    )
    areas = AreaChoiceField(
        label=_("Council areas served"), queryset=Area.objects.order_by("name"),
        error_messages={"required": REFUSALS["no_area"], "invalid_choice": _("Select council areas from the list")},
    )
    wards = forms.CharField(label=_("Wards or communities served (optional)"), max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    postcode_districts = forms.CharField(
        label=_("Postcode districts served (optional)"), max_length=300, required=False,
        help_text=_("The first part of the postcode, separated by commas, like SA61, SA62"),
    )
    services = forms.MultipleChoiceField(
        label=_("Services offered"), choices=_lazy(vocabulary.SERVICES), widget=forms.CheckboxSelectMultiple,
        required=False, error_messages={"invalid_choice": _("Select services from the list")},
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours of care a week they can offer (optional)"), required=False, min_value=0, max_value=2000,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"invalid": _("Hours a week must be a whole number, like 20"),
                        "min_value": _("Hours a week must be 0 or more"),
                        "max_value": _("Hours a week must be 2000 or less")},
    )
    welsh_spoken = forms.BooleanField(label=_("Welsh spoken"), required=False)
    other_languages = forms.CharField(label=_("Other languages spoken (optional)"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact name (optional)"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}))
    email = forms.EmailField(label=_("Email (optional)"), required=False, max_length=254,
                             error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")})
    address = forms.CharField(label=_("Address (optional)"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    registered_on = GovukDateField(
        label=_("Registered with Care Inspectorate Wales on (optional)"), required=False, allow_future=False,
        help_text=_("Only for an agency or service already registered. A provider's own application is recorded on its page."),
    )
    registration_number = forms.CharField(label=_("Care Inspectorate Wales registration number (optional)"),
                                          max_length=40, required=False)
    notes = forms.CharField(label=_("Notes (optional)"), max_length=4000, required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, adding=True, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding
        if adding:
            self.fields["organisation"].queryset = organisations
            del self.fields["version"]
        else:
            del self.fields["organisation"], self.fields["name"]
            self.fields["version"].required = True
        for day, label in vocabulary.DAYS:
            self.fields[f"day_{day}"] = forms.MultipleChoiceField(
                label=_(label), choices=_lazy(vocabulary.PERIODS), widget=forms.CheckboxSelectMultiple,
                required=False, error_messages={"invalid_choice": _("Select times of day from the list")},
            )

    @classmethod
    def initial_for(cls, provider) -> dict:
        initial = {name: getattr(provider, name) for name in (
            "provider_type", "wards", "postcode_districts", "services", "hours_per_week", "welsh_spoken",
            "other_languages", "contact_name", "phone", "email", "address", "registered_on", "registration_number",
            "notes", "version")}
        initial["areas"] = list(provider.areas.all())
        for day, _label in vocabulary.DAYS:
            initial[f"day_{day}"] = [s.split(":")[1] for s in provider.availability if s.startswith(f"{day}:")]
        return initial

    def day_fields(self):
        return [self[f"day_{day}"] for day, _label in vocabulary.DAYS]

    def clean_postcode_districts(self):
        raw = self.cleaned_data["postcode_districts"]
        parts = [p for p in re.split(r"[,\s;]+", raw.upper()) if p]
        wrong = [p for p in parts if not POSTCODE_DISTRICT.match(p)]
        if wrong:
            raise forms.ValidationError(
                _("Enter postcode districts like SA61 (not %(wrong)s)") % {"wrong": ", ".join(wrong)}
            )
        return ", ".join(dict.fromkeys(parts))

    def clean(self):
        data = super().clean()
        if self.adding and not data.get("organisation") and not (data.get("name") or "").strip() \
                and "organisation" not in self.errors:
            self.add_error("name", REFUSALS["name_missing"])
        if self.adding and data.get("organisation") and (data.get("name") or "").strip():
            self.add_error("name", _("Choose an organisation from the list or enter a new name, not both"))
        if data.get("registered_on") and not (data.get("registration_number") or "").strip():
            self.add_error("registration_number", REFUSALS["number_missing"])
        if (data.get("registration_number") or "").strip() and not data.get("registered_on") \
                and "registered_on" not in self.errors:
            self.add_error("registered_on", _("Enter the date the provider was registered"))
        return data

    def availability(self) -> list[str]:
        chosen = [vocabulary.slot(day, period) for day, _l in vocabulary.DAYS
                  for period in self.cleaned_data.get(f"day_{day}") or []]
        return vocabulary.valid_slots(chosen)

    def provider_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in (
            "provider_type", "wards", "postcode_districts", "hours_per_week", "welsh_spoken", "other_languages",
            "contact_name", "phone", "email", "address", "registered_on", "registration_number", "notes")}
        fields["services"] = [code for code, _l in vocabulary.SERVICES if code in set(data["services"])]
        fields["availability"] = self.availability()
        return fields


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=(), widget=forms.RadioSelect,
                               error_messages={"required": _("Select the new status"),
                                               "invalid_choice": REFUSALS["move_not_allowed"]})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any status is valid to the form: the service says which moves are allowed (the view shows only those).
        self.fields["status"].choices = Status.choices


class WorkerForm(GovukLengthMessagesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, error_messages={"required": _("Enter the worker's name")})
    role = forms.CharField(label=_("Role (optional)"), max_length=200, required=False)
    started_on = GovukDateField(label=_("Started (optional)"), required=False)


class WorkerLeftForm(forms.Form):
    left_on = GovukDateField(label=_("Date they left"), error_messages={"required": _("Enter the date they left")})


def _outcome_choices():
    return [(code, _(label)) for code, label in checklist.OUTCOMES]


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, worker):
        return worker.name


class CheckForm(GovukLengthMessagesMixin, forms.Form):
    worker = WorkerChoiceField(label=_("Worker"), queryset=Worker.objects.none(), empty_label=_("Select a worker"),
                               error_messages={"required": REFUSALS["worker_missing"],
                                               "invalid_choice": REFUSALS["worker_not_here"]})
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect,
                                error_messages={"required": _("Select the outcome"),
                                                "invalid_choice": _("Select the outcome")})
    evidence = forms.CharField(label=_("Evidence seen (optional)"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("What you saw, like a certificate number or a policy's date. "
                                           "No details of the people the provider cares for."))
    checked_on = GovukDateField(label=_("Checked on"), allow_future=False,
                                error_messages={"required": _("Enter the date checked")})
    expires_on = GovukDateField(label=_("Expires on"), required=False,
                                help_text=_("When this evidence goes out of date, like the renewal date of a policy"))

    def __init__(self, *args, item: checklist.Item, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if item.per_worker:
            self.fields["worker"].queryset = workers
        else:
            del self.fields["worker"]
        choices = _outcome_choices()
        if item.per_worker or item.essential:
            choices = [c for c in choices if c[0] != checklist.NOT_APPLICABLE]
        self.fields["outcome"].choices = choices
        if not item.expires:
            del self.fields["expires_on"]
        if not self.is_bound:
            self.initial.setdefault("checked_on", timezone.localdate())

    def clean_outcome(self):
        return self.cleaned_data["outcome"]

    def clean(self):
        data = super().clean()
        if self.item.expires and data.get("outcome") == checklist.MET and not data.get("expires_on") \
                and "expires_on" not in self.errors:
            self.add_error("expires_on", REFUSALS["expiry_missing"])
        checked, expires = data.get("checked_on"), data.get("expires_on")
        if checked and expires and expires <= checked:
            self.add_error("expires_on", REFUSALS["expiry_not_after_check"])
        return data


class RegistrationForm(GovukLengthMessagesMixin, forms.Form):
    submitted_on = GovukDateField(label=_("Submitted on"), allow_future=False,
                                  error_messages={"required": _("Enter the date the application was submitted")})
    reference = forms.CharField(label=_("Care Inspectorate Wales reference (optional)"), max_length=60, required=False)


DECISIONS = [
    (RegistrationOutcome.REGISTERED, _("Registered")),
    (RegistrationOutcome.REFUSED, _("Refused")),
    (RegistrationOutcome.WITHDRAWN, _("Withdrawn")),
]


class RegistrationDecisionForm(GovukLengthMessagesMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect,
                                error_messages={"required": REFUSALS["outcome_missing"],
                                                "invalid_choice": REFUSALS["outcome_missing"]})
    decided_on = GovukDateField(label=_("Date of the decision"), allow_future=False,
                                error_messages={"required": _("Enter the date of the decision")})
    registration_number = forms.CharField(label=_("Registration number (if registered)"), max_length=40,
                                          required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == RegistrationOutcome.REGISTERED and not (data.get("registration_number") or "").strip():
            self.add_error("registration_number", REFUSALS["number_missing"])
        return data


class AdviceForm(GovukLengthMessagesMixin, forms.Form):
    topic = forms.ChoiceField(label=_("What the advice was about"), choices=(),
                              error_messages={"required": REFUSALS["topic_missing"],
                                              "invalid_choice": REFUSALS["topic_missing"]})
    given_on = GovukDateField(label=_("Given on"), allow_future=False,
                              error_messages={"required": _("Enter the date the advice was given")})
    summary = forms.CharField(
        label=_("What was advised"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Advice to the provider as a business. Do not name or describe anyone receiving care."),
        error_messages={"required": _("Enter what was advised")},
    )
    confirmed = forms.BooleanField(
        label=_("I confirm this advice gives no ongoing direction or control of anyone's care"),
        error_messages={"required": REFUSALS["not_confirmed"]},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Select a topic"))] + _lazy(advice.TOPICS)
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())


class RegisterFilterForm(forms.Form):
    """The register's filters: a GET form; anything not on the lists is ignored with a message."""

    area = forms.ModelChoiceField(label=_("Council area"), queryset=Area.objects.order_by("name"), required=False,
                                  empty_label=_("All areas"),
                                  error_messages={"invalid_choice": _("Select an area from the list")})
    provider_type = forms.ChoiceField(label=_("Type of provider"), required=False,
                                      error_messages={"invalid_choice": _("Select a type from the list")})
    status = forms.ChoiceField(label=_("Status"), required=False,
                               error_messages={"invalid_choice": _("Select a status from the list")})
    service = forms.ChoiceField(label=_("Service offered"), required=False,
                                error_messages={"invalid_choice": _("Select a service from the list")})
    welsh_spoken = forms.BooleanField(label=_("Only providers where Welsh is spoken"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider_type"].choices = [("", _("Any type"))] + ProviderType.choices
        self.fields["status"].choices = [("", _("Any status"))] + Status.choices
        self.fields["service"].choices = [("", _("Any service"))] + _lazy(vocabulary.SERVICES)

    def chosen(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}
