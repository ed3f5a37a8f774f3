import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core import ukdata
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin, VersionedFormMixin, VersionOnlyForm
from carershub.core.validation import check
from carershub.support.emergency import cardnumber
from carershub.support.emergency.models import MAX_CONTACTS, Arranged, ContingencyPlan, EmergencyEpisode, Outcome

# An emergency response covers days, not weeks: more than this is a mistake (or another service).
MAX_HOURS = 14 * 24
TEXT = {
    "hours_invalid": _("Enter the hours as a number, like 3 or 3.5"),
    "hours_negative": _("Hours of emergency support cannot be less than 0"),
    "hours_too_many": _("Hours of emergency support must be %(max)s or fewer"),
}


class PlanForm(GovukLengthMessagesMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ContingencyPlan
        fields = [
            "cared_for",
            "needs_and_routines",
            "safe_alone",
            "keys",
            "medication",
            "allergies",
            "gp_and_pharmacy",
            "care_services",
            "aids",
            "communication",
            "pets",
            "carers_wishes",
        ]
        labels = {
            "cared_for": _("Who does the carer look after?"),
            "needs_and_routines": _("Their needs and daily routines"),
            "safe_alone": _("How long can they safely be left alone?"),
            "keys": _("Where the keys are, or who holds a spare (optional)"),
            "medication": _("Medication, and where it is kept (optional)"),
            "allergies": _("Allergies (optional)"),
            "gp_and_pharmacy": _("GP and pharmacy (optional)"),
            "care_services": _("Care services already in place (optional)"),
            "aids": _("Mobility and continence aids (optional)"),
            "communication": _("Communication and behaviour (optional)"),
            "pets": _("Pets (optional)"),
            "carers_wishes": _("The carer's wishes (optional)"),
        }
        help_texts = {
            "safe_alone": _("For example: not at all, up to an hour, overnight"),
            "communication": _("How they communicate, what upsets or calms them"),
            "carers_wishes": _("What the carer wants to happen if they cannot care"),
        }
        widgets = {
            "cared_for": forms.RadioSelect,
            "needs_and_routines": forms.Textarea(attrs={"rows": 5}),
            "medication": forms.Textarea(attrs={"rows": 3}),
            "care_services": forms.Textarea(attrs={"rows": 3}),
            "aids": forms.Textarea(attrs={"rows": 3}),
            "communication": forms.Textarea(attrs={"rows": 3}),
            "carers_wishes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "cared_for": {
                "required": _("Select who the carer looks after"),
                "invalid_choice": _("Select who the carer looks after"),
            },
            "needs_and_routines": {"required": _("Enter their needs and daily routines")},
            "safe_alone": {"required": _("Enter how long they can safely be left alone")},
        }

    review_by = GovukDateField(
        label=_("Review the plan by"),
        allow_past=False,
        error_messages={"required": _("Enter the date to review the plan by")},
    )

    def __init__(self, *args, carer, **kwargs):
        super().__init__(*args, **kwargs)
        relationships = carer.cares_for.filter(ended_on__isnull=True).select_related("cared_for")
        field = self.fields["cared_for"]
        field.queryset = relationships
        field.empty_label = None
        field.label_from_instance = lambda r: r.cared_for.full_name
        if self.instance.pk:
            self.initial.setdefault("review_by", self.instance.review_by)
        if self.instance.pk:
            self.add_version_field()

    def plan_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["review_by"] = self.cleaned_data["review_by"]
        return data

    def clean_review_by(self):
        value = self.cleaned_data["review_by"]
        if value > timezone.localdate() + datetime.timedelta(days=2 * 366):
            raise forms.ValidationError(_("Review the plan within 2 years"), code="too_late")
        return value


class ContactForm(GovukLengthMessagesMixin, forms.Form):
    """One emergency contact: all blank for none; otherwise a name and a phone number."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    relationship = forms.CharField(
        label=_("Relationship to the person cared for (optional)"), max_length=100, required=False
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}),
    )
    availability = forms.CharField(
        label=_("When they can come (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example: evenings and weekends, within an hour"),
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in self.fields):
            data["empty"] = True
            return data
        if not (data.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", gettext("Enter the contact's name"))
        phone = (data.get("phone") or "").strip()
        if not phone and "phone" not in self.errors:
            self.add_error("phone", gettext("Enter the contact's phone number"))
        elif phone:
            try:
                data["phone"] = check(ukdata.normalise_phone, phone)
            except forms.ValidationError as problem:
                self.add_error("phone", problem)
        return data

    def contact(self) -> dict | None:
        if self.cleaned_data.get("empty"):
            return None
        return {name: self.cleaned_data[name].strip() for name in ("name", "relationship", "phone", "availability")}


def contact_forms(data=None, plan=None) -> list[ContactForm]:
    """Exactly MAX_CONTACTS forms (contact1 to contact3): a fourth contact cannot be sent."""
    existing = list(plan.contacts.all()) if plan is not None else []
    found = []
    for i in range(1, MAX_CONTACTS + 1):
        row = existing[i - 1] if i <= len(existing) else None
        initial = (
            {
                "name": row.name,
                "relationship": row.relationship,
                "phone": ukdata.format_phone(row.phone),
                "availability": row.availability,
            }
            if row
            else None
        )
        found.append(ContactForm(data, prefix=f"contact{i}", initial=initial))
    return found


class IssueCardForm(forms.Form):
    """Pressing "Issue the card": only the one-time token."""


class CancelCardForm(GovukLengthMessagesMixin, VersionOnlyForm):
    reason = forms.CharField(
        label=_("Why is the card being cancelled?"),
        max_length=300,
        help_text=_("For example: lost, stolen, or the carer no longer needs it"),
        error_messages={"required": _("Enter why the card is being cancelled")},
    )
    reissue = forms.BooleanField(label=_("Issue a new card with a new number"), required=False, initial=True)


class LookupForm(GovukLengthMessagesMixin, forms.Form):
    card_number = forms.CharField(
        label=_("Card number"),
        max_length=30,
        help_text=_("The 12-digit number on the card, like 1234 5678 9012"),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "govuk-input--width-20",
            }
        ),
        error_messages={"required": _("Enter the card number")},
    )
    reason = forms.CharField(
        label=_("Why do you need the plan?"),
        max_length=300,
        help_text=_("For example: the carer has been taken to hospital and called the line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why you need the plan")},
    )

    def clean_card_number(self):
        status, _number = cardnumber.read(self.cleaned_data["card_number"])
        if status == cardnumber.MALFORMED:
            raise forms.ValidationError(gettext(cardnumber.MESSAGES[cardnumber.MALFORMED]), code="malformed")
        return self.cleaned_data["card_number"]


def _minutes(raw: str) -> int:
    try:
        hours = Decimal((raw or "").strip().replace(",", "."))
    except InvalidOperation:
        raise forms.ValidationError(TEXT["hours_invalid"], code="invalid") from None
    if not hours.is_finite():
        raise forms.ValidationError(TEXT["hours_invalid"], code="invalid")
    if hours < 0:
        raise forms.ValidationError(TEXT["hours_negative"], code="negative")
    if hours > MAX_HOURS:
        raise forms.ValidationError(str(TEXT["hours_too_many"]) % {"max": MAX_HOURS}, code="too_many")
    return int((hours * 60).quantize(Decimal("1")))


class EpisodeForm(GovukLengthMessagesMixin, forms.ModelForm):
    class Meta:
        model = EmergencyEpisode
        fields = ["called_by", "what_happened", "arranged_detail"]
        labels = {
            "called_by": _("Who called the service?"),
            "what_happened": _("What happened"),
            "arranged_detail": _("More about what was arranged (optional)"),
        }
        help_texts = {"called_by": _("For example: the carer, a neighbour, the hospital ward")}
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 5}),
            "arranged_detail": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "called_by": {"required": _("Enter who called the service")},
            "what_happened": {"required": _("Enter what happened")},
        }

    called_out_on = GovukDateField(
        label=_("Date of the call-out"),
        allow_future=False,
        error_messages={"required": _("Enter the date of the call-out")},
    )
    called_out_time = forms.TimeField(
        label=_("Time of the call-out"),
        help_text=_("Use the 24-hour clock, like 23:15"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the time of the call-out"), "invalid": _("Enter the time like 23:15")},
    )
    arranged = forms.MultipleChoiceField(
        label=_("What was arranged?"), choices=Arranged.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.initial.setdefault("called_out_on", now.date())
        self.initial.setdefault("called_out_time", now.strftime("%H:%M"))

    def clean(self):
        data = super().clean()
        day, time = data.get("called_out_on"), data.get("called_out_time")
        if day is not None and time is not None:
            moment = timezone.make_aware(datetime.datetime.combine(day, time))
            if moment > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("called_out_time", gettext("The call-out must be now or in the past"))
            elif moment < timezone.now() - datetime.timedelta(days=366):
                self.add_error("called_out_on", gettext("The call-out must be in the last year"))
            data["called_out_at"] = moment
        return data

    def episode_data(self) -> dict:
        data = self.cleaned_data
        return {
            "called_out_at": data["called_out_at"],
            "called_by": data["called_by"],
            "what_happened": data["what_happened"],
            "arranged": list(data["arranged"]),
            "arranged_detail": data["arranged_detail"],
        }


class CloseEpisodeForm(GovukLengthMessagesMixin, VersionOnlyForm):
    hours = forms.CharField(
        label=_("Hours of emergency support given"),
        max_length=10,
        help_text=_("In hours, like 3 or 3.5. Enter 0 if none was given."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={"required": _("Enter the hours of emergency support given")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome")},
    )
    arranged = forms.MultipleChoiceField(
        label=_("What was arranged?"), choices=Arranged.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    follow_up_on = GovukDateField(label=_("Follow up with the carer on (optional)"), required=False, allow_past=False)
    follow_up = forms.CharField(
        label=_("What the follow-up is (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example: a call to review the contingency plan, a carer's assessment"),
    )

    def clean_hours(self):
        return _minutes(self.cleaned_data["hours"])

    def clean(self):
        data = super().clean()
        if data.get("follow_up_on") and not (data.get("follow_up") or "").strip():
            self.add_error("follow_up", gettext("Enter what the follow-up is"))
        return data

    def close_data(self) -> dict:
        data = self.cleaned_data
        return {
            "minutes": data["hours"],
            "outcome": data["outcome"],
            "arranged": list(data["arranged"]),
            "follow_up_on": data["follow_up_on"],
            "follow_up": data["follow_up"],
        }
