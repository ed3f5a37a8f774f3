"""The public self-assessment form, in plain words addressed to the carer, and the staff choices."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.assessments import wellbeing
from carershub.assessments.models import AbleWilling, AssessmentSource
from carershub.core.forms import GovukDateField
from carershub.core import ukdata
from carershub.core.validation import check
from carershub.partnership.models import Area, Organisation
from carershub.people.forms import name_cleaner

TEXT_LIMIT = 5000
NOTES_LIMIT = 2000

# What the carer sees for each impact level; the stored codes are the assessment's.
IMPACT_WORDS = {
    "none": _("Not at all"),
    "some": _("A little"),
    "significant": _("A lot"),
}

ABLE_WORDS = {
    AbleWilling.YES: _("Yes"),
    AbleWilling.PARTLY: _("Some of the time, or only some of it"),
    AbleWilling.NO: _("No"),
}


class PlainTextField(forms.CharField):
    """Free text checked by the pure length rule, so the message is the service's own."""

    def __init__(self, *, limit: int, short_label, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.limit = limit
        self.short_label = short_label
        # Shown as a character count; the rule below, not the browser, enforces it.
        self.max_length = limit

    def clean(self, value):
        value = super().clean(value)
        return check(ukdata.check_text_length, value, self.limit, str(self.short_label))


def _textarea(rows=5):
    return forms.Textarea(attrs={"rows": rows})


class AreaForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Which council area do you live in?"),
        queryset=Area.objects.none(),
        widget=forms.RadioSelect,
        help_text=_(
            "This is the council you pay council tax to. If you are filling this in for someone, choose where they live."
        ),
        error_messages={
            "required": _("Select the council area where you live"),
            "invalid_choice": _("Select the council area where you live"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.order_by("name")
        self.fields["area"].empty_label = None


class SelfAssessmentForm(forms.Form):
    """Everything the carer tells us. Field names match the Assessment fields they fill."""

    made_by = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=[
            (AssessmentSource.SELF, _("I am the carer")),
            (AssessmentSource.ON_BEHALF, _("I am filling it in for the carer")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who is filling in this form")},
    )
    helper_name = PlainTextField(
        label=_("If you are filling it in for the carer, your full name"),
        limit=200,
        short_label=_("Your name"),
        help_text=_("Then answer the rest of the form as the carer would: 'you' means the carer"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )

    given_name = PlainTextField(
        label=_("First name"),
        limit=100,
        short_label=_("First name"),
        required=True,
        error_messages={"required": _("Enter your first name")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
    )
    family_name = PlainTextField(
        label=_("Last name"),
        limit=100,
        short_label=_("Last name"),
        required=True,
        error_messages={"required": _("Enter your last name")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )
    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        autocomplete_prefix="bday",
        help_text=_("For example, 27 3 1961"),
        error_messages={"required": _("Enter your date of birth")},
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        error_messages={"required": _("Enter your postcode")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )
    email = forms.CharField(
        label=_("Email address (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        help_text=_("A UK number, like 01632 960 001 or 07700 900 982"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}),
    )

    caring_role = PlainTextField(
        label=_("What care do you give, and how often?"),
        limit=TEXT_LIMIT,
        short_label=_("The care you give"),
        required=True,
        help_text=_("For example, help with washing and dressing every morning, or being up in the night"),
        error_messages={"required": _("Tell us about the care you give")},
        widget=_textarea(6),
    )
    cared_for_needs = PlainTextField(
        label=_("Tell us about the person you care for and what they need help with"),
        limit=TEXT_LIMIT,
        short_label=_("The person you care for"),
        help_text=_("If you care for more than one person, tell us about each of them"),
        widget=_textarea(6),
    )
    able_to_care = forms.ChoiceField(
        label=_("Are you able to keep caring?"),
        choices=list(ABLE_WORDS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you are able to keep caring")},
    )
    willing_to_care = forms.ChoiceField(
        label=_("Do you want to keep caring?"),
        choices=list(ABLE_WORDS.items()),
        widget=forms.RadioSelect,
        help_text=_("It is fine to say no, or not all of it. Nobody has to be a carer."),
        error_messages={"required": _("Select whether you want to keep caring")},
    )
    future_caring = PlainTextField(
        label=_("What might change in the future? (optional)"),
        limit=TEXT_LIMIT,
        short_label=_("What might change"),
        help_text=_("For example, your own health, work, or the care the person needs"),
        widget=_textarea(4),
    )
    outcomes_wanted = PlainTextField(
        label=_("What would you like to be different?"),
        limit=TEXT_LIMIT,
        short_label=_("What you would like to be different"),
        required=True,
        help_text=_("For example, a regular break, a full night's sleep, or time to see friends"),
        error_messages={"required": _("Tell us what you would like to be different")},
        widget=_textarea(6),
    )
    work_education_leisure = PlainTextField(
        label=_("How does caring affect your work, studies or free time? (optional)"),
        limit=TEXT_LIMIT,
        short_label=_("Work, studies and free time"),
        help_text=_("Whether you work or would like to, study or train, and have time for things you enjoy"),
        widget=_textarea(5),
    )
    carer_views = PlainTextField(
        label=_("Is there anything else you want to tell us? (optional)"),
        limit=TEXT_LIMIT,
        short_label=_("Anything else"),
        help_text=_("In your own words"),
        widget=_textarea(6),
    )
    # A trap for robots: hidden from people (and screen readers), so only a robot fills it in.
    website = forms.CharField(label=_("Leave this blank"), required=False)

    IDENTITY_FIELDS = ("given_name", "family_name", "date_of_birth", "postcode", "email", "phone")
    ANSWER_FIELDS = (
        "caring_role",
        "cared_for_needs",
        "able_to_care",
        "willing_to_care",
        "future_caring",
        "outcomes_wanted",
        "work_education_leisure",
        "carer_views",
    )

    def __init__(self, *args, area: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.wellbeing_areas = wellbeing.AREAS_BY_NATION[area.nation]
        for code, label in self.wellbeing_areas.items():
            area_name = gettext(label)
            self.fields[f"{code}_impact"] = forms.ChoiceField(
                label=area_name,
                choices=[(key, str(words)) for key, words in IMPACT_WORDS.items()],
                widget=forms.RadioSelect,
                help_text=_("How much does caring affect this part of your life?"),
                error_messages={"required": _("Select how much caring affects %(area)s") % {"area": area_name.lower()}},
            )
            self.fields[f"{code}_notes"] = PlainTextField(
                label=_("Tell us more about %(area)s (optional)") % {"area": area_name.lower()},
                limit=NOTES_LIMIT,
                short_label=_("What you told us about %(area)s") % {"area": area_name.lower()},
                widget=_textarea(2),
            )

    def wellbeing_fields(self):
        """(area label, impact field, notes field) for the template."""
        return [
            (gettext(label), self[f"{code}_impact"], self[f"{code}_notes"])
            for code, label in self.wellbeing_areas.items()
        ]

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    clean_given_name = name_cleaner("given_name")
    clean_family_name = name_cleaner("family_name")
    clean_helper_name = name_cleaner("helper_name")

    def clean_postcode(self):
        return check(ukdata.normalise_postcode, self.cleaned_data["postcode"])

    def clean_date_of_birth(self):
        return check(ukdata.check_date_of_birth, self.cleaned_data["date_of_birth"], timezone.localdate())

    def clean_email(self):
        value = self.cleaned_data["email"].strip()
        return check(ukdata.normalise_email, value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return check(ukdata.normalise_phone, value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("made_by") == AssessmentSource.ON_BEHALF
            and not cleaned.get("helper_name")
            and "helper_name" not in self.errors
        ):
            self.add_error("helper_name", _("Enter your name, as the person filling in this form"))
        if (
            not self.errors.get("email")
            and not self.errors.get("phone")
            and not (cleaned.get("email") or cleaned.get("phone"))
        ):
            self.add_error("email", _("Enter an email address or a phone number, so we can contact you"))
        return cleaned

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.IDENTITY_FIELDS}

    def answers(self) -> dict:
        data = self.cleaned_data
        answers = {name: data[name] for name in self.ANSWER_FIELDS}
        answers["wellbeing"] = {
            code: {"impact": data[f"{code}_impact"], "notes": data[f"{code}_notes"]} for code in self.wellbeing_areas
        }
        return answers


class StartFromSelfAssessmentForm(forms.Form):
    """Staff: who the carer is (an existing record or a new one) and the assessing council."""

    carer = forms.ChoiceField(
        error_messages={
            "required": _("Choose the carer's record, or to make a new one"),
            "invalid_choice": _("Choose the carer's record, or to make a new one"),
        }
    )
    assessing_organisation = forms.ModelChoiceField(
        label=_("Assessing council"),
        queryset=Organisation.objects.none(),
        help_text=_("The council responsible for the carer. Its nation decides which law applies."),
        empty_label=_("Choose a council"),
        error_messages={"required": _("Choose the assessing council")},
    )

    def __init__(self, *args, match_pks=(), default_council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer"].choices = [("new", "new"), *((str(pk), str(pk)) for pk in match_pks)]
        self.fields["assessing_organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.COUNCIL, is_active=True, area__isnull=False
        ).select_related("area")
        self.fields["assessing_organisation"].label_from_instance = lambda o: (
            f"{o.name} ({o.area.get_nation_display()})"
        )
        if default_council is not None:
            self.initial["assessing_organisation"] = default_council.pk


class DiscardForm(forms.Form):
    """Staff: why a submission is junk. The reason is kept; the submission's content is not."""

    reason = PlainTextField(
        label=_("Why is this junk?"),
        limit=500,
        short_label=_("The reason"),
        required=True,
        help_text=_(
            "For example, advertising, a test, or abusive content. Do not copy anybody's personal details into the reason."
        ),
        error_messages={"required": _("Enter why this self-assessment is junk")},
        widget=_textarea(3),
    )
