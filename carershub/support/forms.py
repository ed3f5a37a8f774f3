"""Forms for support plans and their reviews.

Every message is written for the person filling in the form (GOV.UK style) and translated.
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField, VersionedFormMixin
from carershub.partnership.models import Organisation
from carershub.support.models import PlanAction, Review, SupportOption

MAX_ACTIONS = 50
BLANK_ACTION_ROWS = 3
# A review date years away is almost always a typing slip (2062 for 2026), and would hide the plan from the queue.
MAX_REVIEW_YEARS = 3
# The kinds of organisation an action can be given to (not GP practices, schools or employers by the thousand).
PARTNER_KINDS = (
    Organisation.Kind.CARERS_CENTRE,
    Organisation.Kind.THIRD_SECTOR,
    Organisation.Kind.NHS_TRUST,
    Organisation.Kind.HEALTH_BOARD,
    Organisation.Kind.CARE_PROVIDER,
    Organisation.Kind.COUNCIL,
)


def _years_ahead(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class MoneyField(forms.DecimalField):
    """Pounds and pence, typed as a person would: '1200', '1,200.50' or '£1200'."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Personal budget must be an amount of money, like 1200 or 1200.50"),
                "min_value": _("Personal budget must be more than £0"),
                "max_digits": _("Personal budget must be £9,999,999.99 or less"),
                "max_whole_digits": _("Personal budget must be £9,999,999.99 or less"),
                "max_decimal_places": _("Personal budget must be in pounds and pence, like 1200.50"),
            },
        )
        super().__init__(max_digits=9, decimal_places=2, min_value=Decimal("0.01"), **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # A text box, not type=number: browsers mangle commas and pound signs in number inputs.
        return {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}


class PlanForm(VersionedFormMixin, forms.Form):
    """The plan itself. The actions are a separate formset shown on the same page."""

    outcomes = forms.CharField(
        label=_("The carer's outcomes"),
        help_text=_("What the carer wants to achieve, in their words"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter the carer's outcomes"),
            "max_length": _("The carer's outcomes must be 5,000 characters or fewer"),
        },
    )
    support_options = forms.MultipleChoiceField(
        label=_("Support chosen"),
        help_text=_("Select all that apply"),
        choices=SupportOption.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select the support chosen from the list")},
    )
    personal_budget = MoneyField(
        label=_("Personal budget, in pounds a year (optional)"), required=False, widget=forms.TextInput
    )
    review_date = GovukDateField(
        label=_("Review date"),
        help_text=_("When the plan will be looked at again with the carer, usually within 12 months. For example, 27 3 2027"),
        error_messages={"required": _("Enter the review date")},
    )

    def __init__(self, *args, assessment, instance=None, **kwargs):
        self.assessment = assessment
        self.instance = instance
        super().__init__(*args, **kwargs)
        if assessment.needs_to_be_met:
            self.fields["personal_budget"].help_text = _(
                "The amount the council will spend on meeting the carer's eligible needs. Leave blank if there is none yet."
            )
        else:
            self.fields["personal_budget"].help_text = _(
                "Only for carers whose needs are eligible. This assessment found the carer's needs not eligible, so leave this blank."
            )
        if instance is not None:
            self.add_version_field()

    def clean_review_date(self):
        value = self.cleaned_data["review_date"]
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("Review date must be in the future"), code="past")
        if value > _years_ahead(today, MAX_REVIEW_YEARS):
            raise forms.ValidationError(
                _("Review date must be within %(years)s years of today") % {"years": MAX_REVIEW_YEARS}, code="too_far"
            )
        return value

    def clean(self):
        data = super().clean()
        eligible = self.assessment.needs_to_be_met
        budget = data.get("personal_budget")
        options = data.get("support_options") or []
        if budget is not None and not eligible:
            self.add_error(
                "personal_budget",
                _("A personal budget can only be given when the assessment found the carer's needs eligible. Leave it blank."),
            )
        if SupportOption.DIRECT_PAYMENT in options:
            if not eligible:
                self.add_error(
                    "support_options",
                    _("A direct payment can only be chosen when the assessment found the carer's needs eligible"),
                )
            elif budget is None and "personal_budget" not in self.errors:
                self.add_error("personal_budget", _("Enter the personal budget, because a direct payment is chosen"))
        return data

    def plan_data(self) -> dict:
        names = ("outcomes", "support_options", "personal_budget", "review_date")
        return {name: self.cleaned_data[name] for name in names}


class ActionForm(forms.Form):
    """One row: what will be done, who does it, and by when. A row left blank is ignored."""

    description = forms.CharField(label=_("What will be done"), max_length=500, required=False)
    who = forms.ChoiceField(label=_("Who will do it"), required=False)  # required unless the row is blank: see clean()
    organisation = forms.TypedChoiceField(
        label=_("Which organisation (optional)"),
        help_text=_("If a partner organisation will do it"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    due_by = GovukDateField(required=False)

    def __init__(self, *args, row: int, organisation_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        n = {"n": row}
        self.fields["description"].error_messages["max_length"] = (
            gettext("Action %(n)s must be 500 characters or fewer") % n
        )
        self.fields["who"].choices = [("", gettext("Choose who"))] + list(PlanAction.Who.choices)
        self.fields["who"].error_messages["invalid_choice"] = gettext("Select who will do action %(n)s") % n
        self.fields["organisation"].choices = [("", gettext("None"))] + organisation_choices
        self.fields["organisation"].error_messages["invalid_choice"] = (
            gettext("Select an organisation for action %(n)s from the list") % n
        )
        # The date messages read "<label> must be a real date", so the label names the row.
        self.fields["due_by"].label = gettext("The date for action %(n)s") % n

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return not any(data.get(name) for name in ("description", "who", "organisation", "due_by"))

    @property
    def is_removed(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("DELETE"))

    def clean_due_by(self):
        value = self.cleaned_data.get("due_by")
        # An existing action may keep a date that has passed; a new or changed date must not be in the past.
        if value and value < timezone.localdate() and value != self.initial.get("due_by"):
            raise forms.ValidationError(
                gettext("The date for action %(n)s must be today or in the future") % {"n": self.row}, code="past"
            )
        return value

    def clean(self):
        data = super().clean()
        if self.is_removed or self.is_blank:
            return data
        n = {"n": self.row}
        if not data.get("description") and "description" not in self.errors:
            self.add_error("description", gettext("Enter what will be done for action %(n)s") % n)
        if not data.get("who") and "who" not in self.errors:
            self.add_error("who", gettext("Select who will do action %(n)s") % n)
        if data.get("organisation") and data.get("who") and data["who"] != PlanAction.Who.PARTNER:
            self.add_error(
                "organisation",
                gettext("Only choose an organisation for action %(n)s if a partner organisation will do it") % n,
            )
        return data


class BaseActionFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("A plan can have up to %(num)d actions"),
        "missing_management_form": _("The actions could not be read. Go back to the plan and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(is_active=True, kind__in=PARTNER_KINDS).order_by("name")
        # Worked out once for every row, not once a row.
        self.organisation_choices = list(organisations.values_list("pk", "name"))

    def get_form_kwargs(self, index):
        return {"row": index + 1, "organisation_choices": self.organisation_choices}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"] = forms.BooleanField(label=_("Remove this action"), required=False)

    def actions(self) -> list[dict]:
        """The rows to keep, in order: not blank, not removed."""
        kept = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.is_removed or form.is_blank:
                continue
            kept.append(
                {
                    "description": form.cleaned_data["description"],
                    "who": form.cleaned_data["who"],
                    "organisation_id": form.cleaned_data.get("organisation"),
                    "due_by": form.cleaned_data.get("due_by"),
                }
            )
        return kept


ActionFormSet = forms.formset_factory(
    ActionForm,
    formset=BaseActionFormSet,
    extra=BLANK_ACTION_ROWS,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_ACTIONS,
    validate_max=True,
    absolute_max=MAX_ACTIONS + BLANK_ACTION_ROWS,
)


def action_initial(plan) -> list[dict]:
    return [
        {"description": a.description, "who": a.who, "organisation": a.organisation_id, "due_by": a.due_by}
        for a in plan.actions.all()
    ]


class ReviewForm(VersionedFormMixin, forms.Form):
    reviewed_on = GovukDateField(
        label=_("Date of the review"),
        allow_future=False,
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of the review")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome of the review"),
        choices=Review.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the outcome of the review"),
            "invalid_choice": _("Select the outcome of the review"),
        },
    )
    next_review_date = GovukDateField(
        label=_("Next review date"),
        required=False,
        help_text=_("Needed if the plan continues unchanged. Usually within 12 months."),
    )
    notes = forms.CharField(
        label=_("What was discussed"),
        help_text=_("How the plan has worked for the carer, and what they said"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter what was discussed at the review"),
            "max_length": _("What was discussed must be 5,000 characters or fewer"),
        },
    )

    def __init__(self, *args, plan, **kwargs):
        self.instance = plan
        super().__init__(*args, **kwargs)
        self.add_version_field()

    def clean_reviewed_on(self):
        value = self.cleaned_data["reviewed_on"]
        agreed_on = timezone.localdate(self.instance.agreed_at) if self.instance.agreed_at else None
        if agreed_on and value < agreed_on:
            raise forms.ValidationError(
                _("Date of the review must be on or after the day the plan was agreed (%(date)s)")
                % {"date": formats.date_format(agreed_on, "j F Y")},
                code="before_plan",
            )
        return value

    def clean(self):
        data = super().clean()
        if data.get("outcome") != Review.Outcome.NO_CHANGE:
            data["next_review_date"] = None
            self.errors.pop("next_review_date", None)
            return data
        next_date = data.get("next_review_date")
        if "next_review_date" in self.errors:
            return data
        today = timezone.localdate()
        if next_date is None:
            self.add_error("next_review_date", _("Enter the next review date, because the plan continues unchanged"))
        elif next_date <= today:
            self.add_error("next_review_date", _("Next review date must be in the future"))
        elif next_date > _years_ahead(today, MAX_REVIEW_YEARS):
            self.add_error(
                "next_review_date",
                _("Next review date must be within %(years)s years of today") % {"years": MAX_REVIEW_YEARS},
            )
        return data
