import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from carershub.contacts.models import Contact, Outcome
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.core import ukdata
from carershub.core.validation import check
from carershub.partnership.models import Organisation
from carershub.people.forms import name_cleaner

# The earliest date a contact can have: our choice, not a rule of law. Contacts are logged as they
# happen, or typed in from paper notes soon after, so a date decades ago is a slip of the year
# (1926 for 2026, 1962 for 2026) that would put the contact first in every "time from first
# contact" figure. 2000 leaves room for typing in old notes; move it if older records are ever
# brought in.
EARLIEST_CONTACT = datetime.date(2000, 1, 1)


# The settings where carers are identified (issue 11): a contact says which one found the carer.
SETTING_KINDS = [
    Organisation.Kind.GP_PRACTICE,
    Organisation.Kind.SCHOOL,
    Organisation.Kind.NHS_TRUST,
    Organisation.Kind.PHARMACY,
    Organisation.Kind.EMPLOYER,
]


class ContactForm(GovukLengthMessagesMixin, forms.ModelForm):
    """One contact at the front door, from a known carer or an unknown caller."""

    received_on = GovukDateField(label=_("Date of contact"), allow_future=False)
    received_time = forms.TimeField(
        label=_("Time of contact"),
        help_text=_("Use the 24-hour clock, like 14:30"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the time like 14:30"), "required": _("Enter the time of contact")},
    )
    date_of_birth = GovukDateField(label=_("Carer's date of birth (optional)"), required=False, allow_future=False)
    outcomes = forms.MultipleChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply"),
        error_messages={"required": _("Select at least one outcome")},
    )

    # A call back becomes a task on "my work" (casework): not part of the contact itself.
    call_back = forms.BooleanField(label=_("Call them back"), required=False)
    call_back_on = GovukDateField(label=_("Call back on"), required=False, allow_past=False)
    call_back_time = forms.TimeField(
        label=_("Call back at (optional)"),
        required=False,
        help_text=_("Use the 24-hour clock, like 15:00"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the time like 15:00")},
    )

    class Meta:
        model = Contact
        fields = [
            "channel",
            "caller_role",
            "caller_name",
            "caller_organisation",
            "source_organisation",
            "given_name",
            "family_name",
            "date_of_birth",
            "postcode",
            "phone",
            "email",
            "cared_for_summary",
            "what_matters",
            "information_given",
            "signposted_to",
            "outcomes",
            "referred_to",
            "urgent_details",
            "concern",
        ]
        labels = {
            "channel": _("How did they get in touch?"),
            "caller_role": _("Who got in touch?"),
            "caller_name": _("Name of the person who got in touch (optional)"),
            "caller_organisation": _("Their organisation (optional)"),
            "source_organisation": _("Which setting identified them? (optional)"),
            "given_name": _("Carer's first name (optional)"),
            "family_name": _("Carer's last name (optional)"),
            "postcode": _("Carer's postcode (optional)"),
            "phone": _("Carer's phone number (optional)"),
            "email": _("Carer's email address (optional)"),
            "cared_for_summary": _("Who do they care for? (optional)"),
            "what_matters": _("What matters to them"),
            "information_given": _("Information and advice given (optional)"),
            "signposted_to": _("Signposted to (optional)"),
            "referred_to": _("Referred to"),
            "urgent_details": _("What is urgent, and what has been done"),
            "concern": _("What kind of concern is it?"),
        }
        help_texts = {
            "caller_name": _("Only if it was not the carer, for example a GP or a family member"),
            "source_organisation": _(
                "The GP practice, school, hospital, pharmacy or employer that found them or sent them to us"
            ),
            "cared_for_summary": _("For example, 'her husband, who has dementia'"),
            "what_matters": _("In their own words where you can: what is happening, and what they want to change"),
            "signposted_to": _("Services, groups or websites you told them about"),
        }
        widgets = {
            "channel": forms.RadioSelect,
            "caller_role": forms.RadioSelect,
            "what_matters": forms.Textarea(attrs={"rows": 6}),
            "information_given": forms.Textarea(attrs={"rows": 4}),
            "signposted_to": forms.Textarea(attrs={"rows": 3}),
            "urgent_details": forms.Textarea(attrs={"rows": 3}),
            "concern": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
            "postcode": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        }

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        now = timezone.localtime()
        self.initial.setdefault("received_on", now.date())
        self.initial.setdefault("received_time", now.strftime("%H:%M"))
        for name in ("channel", "caller_role"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        self.fields["channel"].error_messages["required"] = _("Select how they got in touch")
        self.fields["caller_role"].error_messages["required"] = _("Select who got in touch")
        self.fields["what_matters"].required = True
        self.fields["what_matters"].error_messages["required"] = _("Enter what matters to them")
        self.fields["concern"].choices = [c for c in self.fields["concern"].choices if c[0] != ""]
        self.fields["referred_to"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["referred_to"].empty_label = _("Choose an organisation")
        self.fields["source_organisation"].queryset = Organisation.objects.filter(
            is_active=True, kind__in=SETTING_KINDS
        )
        self.fields["source_organisation"].empty_label = _("None, or not known")
        if person is not None:
            # The carer is known: nothing about them needs typing again.
            for name in ("given_name", "family_name", "date_of_birth", "postcode", "phone", "email"):
                del self.fields[name]

    clean_given_name = name_cleaner("given_name")
    clean_family_name = name_cleaner("family_name")
    clean_caller_name = name_cleaner("caller_name")

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value is not None and value < EARLIEST_CONTACT:
            raise forms.ValidationError(
                _("Date of contact must be on or after %(date)s") % {"date": formats.date_format(EARLIEST_CONTACT, "j F Y")},
                code="too_old",
            )
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        return check(ukdata.normalise_postcode, value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return check(ukdata.normalise_phone, value) if value else ""

    def clean(self):
        cleaned = super().clean()
        outcomes = cleaned.get("outcomes") or []
        if Outcome.REFERRAL in outcomes and not cleaned.get("referred_to"):
            self.add_error("referred_to", _("Choose the organisation they were referred to"))
        if Outcome.URGENT in outcomes:
            if not cleaned.get("urgent_details", "").strip():
                self.add_error("urgent_details", _("Enter what is urgent and what has been done"))
            if not cleaned.get("concern") and "concern" not in self.errors:
                self.add_error("concern", _("Select what kind of concern it is"))
        else:
            cleaned["concern"] = ""
        if cleaned.get("call_back") and not cleaned.get("call_back_on") and "call_back_on" not in self.errors:
            self.add_error("call_back_on", _("Enter the date to call them back"))
        if Outcome.INFORMATION_ONLY in outcomes and len(outcomes) > 1:
            self.add_error("outcomes", _("'Information and advice only' cannot be selected with another outcome"))
        on, at = cleaned.get("received_on"), cleaned.get("received_time")
        if on and at:
            received = timezone.make_aware(datetime.datetime.combine(on, at))
            if received > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("received_time", _("Time of contact must be now or in the past"))
            cleaned["received_at"] = received
        return cleaned

    def save(self, commit=True):
        contact = super().save(commit=False)
        contact.received_at = self.cleaned_data["received_at"]
        contact.outcomes = list(self.cleaned_data["outcomes"])
        contact.concern = self.cleaned_data.get("concern") or ""
        if self.person is not None:
            contact.person = self.person
        if commit:
            contact.save()
        return contact
