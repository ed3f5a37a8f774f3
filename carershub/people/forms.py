from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.accounts.models import SERVICE_ROLES, User
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin, VersionedFormMixin
from carershub.core import ukdata
from carershub.core.validation import check
from carershub.partnership import services as partnership_services
from carershub.partnership.models import Area, Organisation
from carershub.people import caring, choices
from carershub.people.models import CarerProfile, CaringRelationship, Consent, Person


def name_cleaner(field_name):
    """A form's ``clean_<field>`` for a name typed in: without the invisible characters that would
    make it show or match as another name (ukdata.clean_name). Nothing but those is no name at all."""

    def clean(form):
        value = ukdata.clean_name(form.cleaned_data.get(field_name) or "")
        field = form.fields[field_name]
        if not value and field.required:
            raise forms.ValidationError(field.error_messages["required"], code="required")
        return value

    return clean


def _blank_choice(choices_, label=_("Not recorded")):
    return [("", label), *choices_]


class PersonDetailsForm(GovukLengthMessagesMixin, VersionedFormMixin, forms.ModelForm):
    """Who the person is and how to reach them. Used for carers and cared-for people."""

    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        required=False,
        allow_future=False,
        autocomplete_prefix="bday",
        help_text=_("For example, 27 3 1961"),
    )
    nhs_number = forms.CharField(
        label=_("NHS number (optional)"),
        required=False,
        max_length=20,
        help_text=_("This is a 10 digit number, like 943 476 5919"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-10"}),
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "nhs_number",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "area",
            "phone",
            "email",
            "preferred_contact_method",
            "preferred_language",
            "communication_needs",
        ]
        labels = {
            "given_name": _("First name"),
            "family_name": _("Last name"),
            "preferred_name": _("Preferred name (optional)"),
            "address_line_1": _("Address line 1 (optional)"),
            "address_line_2": _("Address line 2 (optional)"),
            "town": _("Town or city (optional)"),
            "area": _("Council area (optional)"),
            "phone": _("Phone number (optional)"),
            "email": _("Email address (optional)"),
            "preferred_contact_method": _("How would they like to be contacted? (optional)"),
            "preferred_language": _("Which language would they like us to use?"),
            "communication_needs": _("Communication needs (optional)"),
        }
        help_texts = {
            "preferred_name": _("What they like to be called, if different"),
            "area": _("Worked out from the postcode unless you choose one"),
            "communication_needs": _("For example, large print, British Sign Language, an interpreter"),
        }
        widgets = {
            "given_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "preferred_contact_method": forms.RadioSelect,
            "preferred_language": forms.RadioSelect,
            "communication_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].empty_label = _("Not known")
        self.fields["area"].queryset = Area.objects.all()
        self.fields["preferred_contact_method"].choices = list(choices.ContactMethod.choices)
        self.fields["preferred_contact_method"].required = False
        self.fields["given_name"].error_messages["required"] = _("Enter their first name")
        self.fields["family_name"].error_messages["required"] = _("Enter their last name")
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )
        if self.instance.pk and self.instance.nhs_number:
            self.initial["nhs_number"] = ukdata.format_nhs_number(self.instance.nhs_number)
        phone = self.initial.get("phone")
        if phone:
            # Stored as +447700900123; shown to change as it is written: 07700 900123.
            self.initial["phone"] = ukdata.format_phone(phone)
        self._area_derived = False
        self.add_version_field()

    @property
    def changed_data(self):
        """The fields changed, with the council area when the postcode changed it (the event names it)."""
        changed = super().changed_data
        if self._area_derived and "area" not in changed:
            changed = [*changed, "area"]
        return changed

    def _area_from_postcode(self, cleaned):
        """Fill in the council area from the postcode (partnership's table of postcode districts).

        Only where the worker has not chosen it: the area is blank, or the postcode changed and
        the area is still the one the old postcode gave. An area the worker chose stays.
        """
        if "area" not in cleaned or not cleaned.get("postcode"):
            return
        postcode, chosen = cleaned["postcode"], cleaned["area"]
        old_postcode = self.instance.postcode if self.instance.pk else ""
        if chosen is not None:
            if postcode == old_postcode or chosen.pk != self.instance.area_id:
                return
            if partnership_services.area_for_postcode(old_postcode) != chosen:
                return
        derived = partnership_services.area_for_postcode(postcode)
        if derived is not None and derived != chosen:
            cleaned["area"] = derived
            self._area_derived = derived.pk != self.instance.area_id

    clean_given_name = name_cleaner("given_name")
    clean_family_name = name_cleaner("family_name")
    clean_preferred_name = name_cleaner("preferred_name")

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if not value:
            return None
        return check(ukdata.normalise_nhs_number, value)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        return check(ukdata.normalise_postcode, value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return check(ukdata.normalise_phone, value) if value else ""

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        return check(ukdata.check_date_of_birth, value, timezone.localdate()) if value else None

    def clean(self):
        cleaned = super().clean()
        nhs_number = cleaned.get("nhs_number")
        if nhs_number:
            clash = Person.objects.filter(nhs_number=nhs_number).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "nhs_number",
                    _("Another record already has this NHS number. Search for it instead of adding a new record."),
                )
        self._area_from_postcode(cleaned)
        return cleaned


class EqualityForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["sex", "gender_same_as_sex", "ethnic_group", "religion", "sexual_orientation", "disability"]
        labels = {
            "sex": _("What is their sex?"),
            "gender_same_as_sex": _("Is the gender they identify with the same as their sex registered at birth?"),
            "ethnic_group": _("Ethnic group"),
            "religion": _("Religion"),
            "sexual_orientation": _("Sexual orientation"),
            "disability": _(
                "Are their day-to-day activities limited because of a health problem or disability "
                "which has lasted, or is expected to last, at least 12 months?"
            ),
        }
        widgets = {"sex": forms.RadioSelect, "gender_same_as_sex": forms.RadioSelect, "disability": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sex", "gender_same_as_sex", "disability"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
            self.fields[name].required = False
        for name in ("ethnic_group", "religion", "sexual_orientation"):
            self.fields[name].choices = _blank_choice([c for c in self.fields[name].choices if c[0] != ""])
        self.add_version_field()


class SettingsForm(GovukLengthMessagesMixin, VersionedFormMixin, forms.ModelForm):
    """The person's GP practice, school and employer: where they might be identified."""

    class Meta:
        model = Person
        fields = ["gp_practice", "school", "employer"]
        labels = {
            "gp_practice": _("GP practice"),
            "school": _("School or college (optional)"),
            "employer": _("Employer (optional)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gp_practice"].queryset = Organisation.objects.filter(kind=Organisation.Kind.GP_PRACTICE, is_active=True)
        self.fields["gp_practice"].empty_label = _("Not known")
        self.fields["school"].queryset = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True)
        self.fields["school"].empty_label = _("None")
        self.add_version_field()


def case_worker_choices():
    return (
        User.objects.filter(is_active=True, roles__role__in=SERVICE_ROLES)
        .distinct()
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


class CarerProfileForm(VersionedFormMixin, forms.ModelForm):
    identified_on = GovukDateField(label=_("Date identified as a carer"), allow_future=False)
    caring_ended_on = GovukDateField(
        label=_("Date caring ended (optional)"),
        required=False,
        allow_future=False,
        help_text=_("Only if they no longer care for anyone, for example after a bereavement"),
    )

    class Meta:
        model = CarerProfile
        fields = ["identified_on", "is_parent_carer", "case_worker", "caring_ended_on"]
        labels = {
            "is_parent_carer": _("They are the parent carer of a disabled child"),
            "case_worker": _("Case worker"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = case_worker_choices()
        self.fields["case_worker"].empty_label = _("Not allocated")
        self.fields["case_worker"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.organisation})" if u.organisation else u.get_full_name()
        )
        self.add_version_field()


class NewCarerForm(PersonDetailsForm):
    """A new carer record: the person's details plus the case worker, in one page."""

    is_parent_carer = forms.BooleanField(label=_("They are the parent carer of a disabled child"), required=False)
    case_worker = forms.ModelChoiceField(
        label=_("Case worker (optional)"), queryset=User.objects.none(), required=False, empty_label=_("Not allocated")
    )
    confirm_new = forms.BooleanField(
        label=_("None of these is the person: add a new record"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = case_worker_choices()
        self.fields["case_worker"].label_from_instance = lambda u: u.get_full_name()
        del self.fields["version"]


class CaringRelationshipForm(GovukLengthMessagesMixin, forms.ModelForm):
    caring_since = GovukDateField(label=_("Caring since (optional)"), required=False, allow_future=False)
    condition_groups = forms.MultipleChoiceField(
        label=_("Main conditions (optional)"),
        choices=choices.ConditionGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply"),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours of care a week, if known (optional)"),
        required=False,
        help_text=_("Include help at night and time on call"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"invalid": _("Hours of care a week must be a whole number, like 20")},
    )
    # Where the exact hours are not known, the Census 2021 band (the band of exact hours is worked out).
    census_band = forms.ChoiceField(
        label=_("If the exact hours are not known, about how many a week?"),
        choices=[*choices.HoursBand.choices, ("", _("Not known"))],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CaringRelationship
        fields = [
            "relationship",
            "lives_with_carer",
            "caring_since",
            "hours_per_week",
            "census_band",
            "condition_groups",
            "conditions_detail",
        ]
        labels = {
            "relationship": _("Who are they to the carer?"),
            "lives_with_carer": _("They live with the carer"),
            "conditions_detail": _("More about their conditions (optional)"),
        }
        widgets = {"relationship": forms.RadioSelect, "conditions_detail": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relationship"].choices = [c for c in self.fields["relationship"].choices if c[0] != ""]
        self.fields["relationship"].error_messages["required"] = _("Select who they are to the carer")

    def clean_hours_per_week(self):
        value = self.cleaned_data["hours_per_week"]
        if value is not None:
            check(caring.census_hours_band, value)
        return value

    def clean(self):
        cleaned = super().clean()
        hours, band = cleaned.get("hours_per_week"), cleaned.get("census_band")
        if hours is not None and band and band != caring.census_hours_band(hours):
            # Two answers that disagree: ask rather than keep one of them silently.
            self.add_error(
                "census_band",
                _("%(hours)s hours a week is in the band “%(band)s”. Choose that band, or “Not known”")
                % {"hours": hours, "band": choices.HoursBand(caring.census_hours_band(hours)).label},
            )
        return cleaned


class CaredForPersonForm(GovukLengthMessagesMixin, forms.ModelForm):
    """The cared-for person's own record: enough to identify them once across the partnership."""

    date_of_birth = GovukDateField(label=_("Their date of birth (optional)"), required=False, allow_future=False)
    nhs_number = PersonDetailsForm.base_fields["nhs_number"]
    postcode = PersonDetailsForm.base_fields["postcode"]
    same_address = forms.BooleanField(label=_("They live at the carer's address"), required=False)

    class Meta:
        model = Person
        fields = ["given_name", "family_name", "date_of_birth", "nhs_number", "postcode"]
        labels = {"given_name": _("Their first name"), "family_name": _("Their last name")}

    clean_given_name = PersonDetailsForm.clean_given_name
    clean_family_name = PersonDetailsForm.clean_family_name
    clean_nhs_number = PersonDetailsForm.clean_nhs_number
    clean_postcode = PersonDetailsForm.clean_postcode
    clean_date_of_birth = PersonDetailsForm.clean_date_of_birth

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_name"].error_messages["required"] = _("Enter their first name")
        self.fields["family_name"].error_messages["required"] = _("Enter their last name")

    def save(self, commit=True):
        person = super().save(commit=False)
        if person.postcode and person.area_id is None:
            # Their council area from their postcode (people.services copies the carer's own when they live there).
            person.area = partnership_services.area_for_postcode(person.postcode)
        if commit:
            person.save()
        return person


class ConsentForm(forms.ModelForm):
    given_on = GovukDateField(label=_("Date consent was given"), allow_future=False)
    expires_on = GovukDateField(
        label=_("Consent ends on (optional)"),
        required=False,
        allow_past=False,
        help_text=_("Leave blank if it lasts until they withdraw it"),
    )

    class Meta:
        model = Consent
        fields = ["organisation", "purpose", "given_on", "method", "expires_on"]
        labels = {
            "organisation": _("Which organisation may see their record?"),
            "purpose": _("What for?"),
            "method": _("How did they give consent?"),
        }
        widgets = {"purpose": forms.RadioSelect, "method": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["organisation"].empty_label = _("Choose an organisation")
        for name in ("purpose", "method"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        self.fields["organisation"].error_messages["required"] = _("Choose the organisation")
        self.fields["purpose"].error_messages["required"] = _("Select what the information may be used for")
        self.fields["method"].error_messages["required"] = _("Select how consent was given")

    def clean(self):
        cleaned = super().clean()
        given_on, expires_on = cleaned.get("given_on"), cleaned.get("expires_on")
        if given_on and expires_on and expires_on <= given_on:
            self.add_error("expires_on", _("The date consent ends must be after the date it was given"))
        return cleaned


class AccessPurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why are you downloading this record?"),
        max_length=300,
        help_text=_("For example, a subject access request received on 3 May. This is kept in the access log."),
        error_messages={
            "required": _("Enter why you are downloading this record"),
            "max_length": _("The reason must be 300 characters or less"),
        },
    )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this record?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example, the carer phoned and their case worker is away. Your manager will see this, "
            "and it is kept in the record's access history."
        ),
        error_messages={
            "required": _("Enter why you need to open this record"),
            "max_length": _("The reason must be 1,000 characters or less"),
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError(_("Say in a sentence why you need to open this record"), code="too_short")
        return reason


class ReviewReasonForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        error_messages={"max_length": _("The note must be 500 characters or less")},
    )
