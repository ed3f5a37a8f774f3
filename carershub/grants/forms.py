"""Forms for the grants fund: money typed in pounds and kept in pence; GOV.UK messages on the field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.accounts.models import Role, User
from carershub.core import amounts
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.core.ukdata import MESSAGES as UK_MESSAGES
from carershub.core.ukdata import ValidationProblem, normalise_phone
from carershub.grants import fund
from carershub.grants.models import SECTION_16_TYPES
from carershub.partnership.models import Organisation

MAX_CRITERIA = 6

REFUSALS = {
    "no_organisation": _("You need to belong to an organisation to run a grant round"),
    "no_criteria": _("Enter at least one criterion"),
    "round_decided": _("The round has been decided: it can no longer change"),
    "undecided_left": _("Decide every application before you mark the round as decided"),
    "not_receiving": _("Applications can be recorded only while the round is open, closed or being scored"),
    "late_without_reason": _("The application was received outside the round's dates: say why it is accepted late"),
    "group_exists": _("A community group with this name is already listed: choose it from the list"),
    "not_on_panel": _("Only members of the round's panel score its applications"),
    "already_scored": _("You have already submitted your scores for this application"),
    "already_declared": _("You have already declared an interest in this application"),
    "interest_declared": _("You declared an interest in this application, so you do not score it"),
    "not_scoring": _("Applications can be scored only while the round is being scored"),
    "score_missing": _("Score every criterion"),
    "not_deciding": _("Decisions are made while the round is being scored"),
    "not_awarded": _("Payments and monitoring returns are recorded only against an award"),
}


def message(code: str, params: dict | None = None) -> str:
    """A refusal from fund.py or services.Refused, in the reader's language."""
    text = gettext(fund.MESSAGES[code]) if code in fund.MESSAGES else gettext(REFUSALS[code])
    return text % params if params else text


class PenceField(forms.CharField):
    """Pounds and pence typed as a person types them ('25', '£25.50', '1,250'), cleaned to whole pence."""

    def __init__(self, *, allow_zero=False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # A text box, not type=number: browsers mangle commas and pound signs in number inputs.
        return {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return fund.parse_pence(value, allow_zero=self.allow_zero)
        except fund.MoneyError as problem:
            label = str(self.label).split(",")[0]
            raise forms.ValidationError(gettext(fund.MESSAGES[problem.code]) % {"label": label}, code=problem.code) from None


def whole_number(label, required_message, *, min_value=0, max_value=1_000_000, required=True, width=4):
    return forms.IntegerField(
        label=label, min_value=min_value, max_value=max_value, required=required,
        widget=forms.TextInput(attrs={"class": f"govuk-input--width-{width}", "inputmode": "numeric"}),
        error_messages={
            "required": required_message,
            "invalid": _("%(label)s must be a whole number, like 12") % {"label": label},
            "min_value": _("%(label)s must be %(min)s or more") % {"label": label, "min": min_value},
            "max_value": _("%(label)s must be %(max)s or less") % {"label": label, "max": f"{max_value:,}"},
        },
    )


def panel_choices():
    """Staff who may sit on a panel: anyone who works in the service, partners and commissioners included."""
    roles = [Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER, Role.COMMISSIONER, Role.PARTNER_WORKER]
    return (User.objects.filter(is_active=True, roles__role__in=roles).distinct()
            .select_related("organisation").order_by("last_name", "first_name", "pk"))


class PanelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.username
        return f"{name}, {user.organisation}" if user.organisation_id else name


class RoundForm(GovukLengthMessagesMixin, forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=200,
                           error_messages={"required": _("Enter the name of the round")})
    description = forms.CharField(label=_("Description (optional)"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    budget = PenceField(label=_("Budget, in pounds"), error_messages={"required": _("Enter the budget")})
    max_award = PenceField(label=_("Most per award, in pounds"),
                           error_messages={"required": _("Enter the most a group may be awarded")})
    opens_on = GovukDateField(label=_("Opens"))
    closes_on = GovukDateField(label=_("Closes"))
    decision_on = GovukDateField(label=_("Decisions by"))
    score_max = whole_number(_("Highest score"), _("Enter the highest score"), min_value=1, max_value=10, width=2)
    return_months = whole_number(_("Monitoring return due after, in months"),
                                 _("Enter after how many months a monitoring return is due"),
                                 min_value=1, max_value=36, width=2)
    panel = PanelField(label=_("Panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
                       help_text=_("The staff who score the applications."),
                       error_messages={"required": _("Select at least one member of the panel"),
                                       "invalid_choice": _("Select members of the panel from the list")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panel_choices()
        self.initial.setdefault("score_max", 5)
        self.initial.setdefault("return_months", 6)
        for n in range(1, MAX_CRITERIA + 1):
            self.fields[f"criterion_{n}"] = forms.CharField(
                label=_("Criterion %(n)s") % {"n": n} + ("" if n == 1 else " " + gettext("(optional)")),
                max_length=200, required=n == 1, error_messages={"required": _("Enter at least one criterion")},
            )
            self.fields[f"weight_{n}"] = whole_number(
                _("Weight of criterion %(n)s") % {"n": n}, _("Enter the weight of the criterion"),
                min_value=1, max_value=100, required=False, width=3,
            )
            self.fields[f"guidance_{n}"] = forms.CharField(
                label=_("Guidance for scorers (optional)"), max_length=1000, required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        from carershub.core.forms import set_length_messages

        set_length_messages(self)

    def criterion_rows(self):
        return [(self[f"criterion_{n}"], self[f"weight_{n}"], self[f"guidance_{n}"]) for n in range(1, MAX_CRITERIA + 1)]

    def clean(self):
        data = super().clean()
        budget, maximum = data.get("budget"), data.get("max_award")
        if budget is not None and maximum is not None and maximum > budget:
            self.add_error("max_award", message("maximum_over_budget"))
        opens, closes, decision = data.get("opens_on"), data.get("closes_on"), data.get("decision_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be the same as or after the opening date"))
        if closes and decision and decision < closes:
            self.add_error("decision_on", _("The decision date must be the same as or after the closing date"))
        criteria = []
        for n in range(1, MAX_CRITERIA + 1):
            name, weight = (data.get(f"criterion_{n}") or "").strip(), data.get(f"weight_{n}")
            if name and weight is None and f"weight_{n}" not in self.errors:
                self.add_error(f"weight_{n}", _("Enter the weight of the criterion"))
            elif weight is not None and not name:
                self.add_error(f"criterion_{n}", _("Enter the criterion, or leave its weight blank"))
            elif name:
                criteria.append((name, weight, (data.get(f"guidance_{n}") or "").strip()))
        data["criteria"] = criteria
        return data


class PanelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    panel = PanelField(label=_("Panel"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
                       error_messages={"required": _("Select at least one member of the panel"),
                                       "invalid_choice": _("Select members of the panel from the list")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = panel_choices()


GROUP_KINDS = [Organisation.Kind.COMMUNITY_GROUP, Organisation.Kind.THIRD_SECTOR, Organisation.Kind.CARERS_CENTRE]


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return f"{organisation.name} ({organisation.get_kind_display()})"


class ApplicationForm(GovukLengthMessagesMixin, forms.Form):
    group = GroupChoiceField(
        label=_("Group (if it is listed)"), queryset=Organisation.objects.none(), required=False,
        empty_label=_("Not listed: a new group"),
        error_messages={"invalid_choice": _("Select the group from the list")},
    )
    new_group_name = forms.CharField(label=_("Name of a new group"), max_length=200, required=False,
                                     help_text=_("Only if the group is not listed. It is added as a community group."))
    contact_name = forms.CharField(label=_("Contact name"), max_length=200,
                                   error_messages={"required": _("Enter the name of the group's contact")})
    contact_email = forms.EmailField(label=_("Contact email (optional)"), max_length=254, required=False,
                                     error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")})
    contact_phone = forms.CharField(label=_("Contact phone (optional)"), max_length=30, required=False,
                                    widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
    section16_type = forms.ChoiceField(
        label=_("What type of organisation is it?"), choices=SECTION_16_TYPES, widget=forms.RadioSelect,
        help_text=_("The types public bodies in Wales must promote (Social Services and Well-being (Wales) Act 2014, section 16)."),
        error_messages={"required": _("Select what type of organisation it is")},
    )
    purpose = forms.CharField(label=_("What is the grant for?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                              error_messages={"required": _("Enter what the grant is for")})
    amount = PenceField(label=_("Amount asked for, in pounds"), error_messages={"required": _("Enter the amount asked for")})
    coproduction = forms.CharField(
        label=_("How did carers co-produce it?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter how carers co-produced it")},
    )
    carers_expected = whole_number(_("Carers expected to benefit"), _("Enter how many carers are expected to benefit"),
                                   min_value=1, max_value=1_000_000, width=5)
    received_on = GovukDateField(label=_("Date received"), allow_future=False)
    late_reason = forms.CharField(label=_("Why is it accepted late? (only if it is)"), max_length=500, required=False)

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields["group"].queryset = Organisation.objects.filter(is_active=True, kind__in=GROUP_KINDS).order_by("name")
        self.initial.setdefault("received_on", timezone.localdate())

    def clean_contact_phone(self):
        raw = self.cleaned_data.get("contact_phone", "")
        if not raw.strip():
            return ""
        try:
            return normalise_phone(raw)
        except ValidationProblem as problem:
            raise forms.ValidationError(gettext(UK_MESSAGES[problem.code]) % getattr(problem, "params", {})) from None

    def clean(self):
        data = super().clean()
        group, new_name = data.get("group"), (data.get("new_group_name") or "").strip()
        if group is None and not new_name and "group" not in self.errors:
            self.add_error("group", _("Select the group, or enter the name of a new group"))
        elif group is not None and new_name:
            self.add_error("new_group_name", _("Leave this blank when you choose a listed group"))
        amount = data.get("amount")
        if self.round is not None and amount is not None and amount > self.round.max_award_pence:
            self.add_error("amount", message("over_maximum", {"maximum": amounts.pounds(self.round.max_award_pence)}))
        received = data.get("received_on")
        if self.round is not None and received is not None:
            outside = not (self.round.opens_on <= received <= self.round.closes_on)
            if outside and not (data.get("late_reason") or "").strip():
                self.add_error("late_reason", _("It was received outside the round's dates (%(opens)s to %(closes)s): say why it is accepted late") % {
                    "opens": self.round.opens_on.strftime("%d/%m/%Y"), "closes": self.round.closes_on.strftime("%d/%m/%Y")})
        return data


class InterestForm(GovukLengthMessagesMixin, forms.Form):
    note = forms.CharField(label=_("What is your interest?"), max_length=500,
                           help_text=_("For example, you are a trustee of the group."),
                           error_messages={"required": _("Say what your interest is")})


class ScoreForm(GovukLengthMessagesMixin, forms.Form):
    """A score from 0 to the round's highest, and an optional comment, for each criterion."""

    comment = forms.CharField(label=_("Overall comment (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria=(), score_max=5, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(str(n), str(n)) for n in range(0, score_max + 1)]
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s)") % {"criterion": c.name, "weight": c.weight},
                help_text=c.guidance, choices=choices, coerce=int, widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                error_messages={"required": _("Score %(criterion)s") % {"criterion": c.name},
                                "invalid_choice": _("Score %(criterion)s from 0 to %(max)s") % {"criterion": c.name, "max": score_max}},
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s (optional)") % {"criterion": c.name}, max_length=1000, required=False,
            )
        from carershub.core.forms import set_length_messages

        set_length_messages(self)

    def rows(self):
        return [(self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self):
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def comments(self):
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


AWARD, DECLINE = "award", "decline"


class DecisionForm(GovukLengthMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(AWARD, _("Award a grant")), (DECLINE, _("Decline"))], widget=forms.RadioSelect,
        error_messages={"required": _("Select whether to award a grant or decline")},
    )
    amount = PenceField(label=_("Amount awarded, in pounds"), required=False,
                        help_text=_("Up to the amount asked for. It may be less."))
    reason = forms.CharField(label=_("Why is it declined?"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, requested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.requested = requested

    def clean(self):
        data = super().clean()
        if data.get("decision") == AWARD:
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", _("Enter the amount awarded"))
            elif data.get("amount") is not None and self.requested is not None and data["amount"] > self.requested:
                self.add_error("amount", message("over_requested", {"requested": amounts.pounds(self.requested)}))
        elif data.get("decision") == DECLINE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Enter why it is declined"))
        return data


class PaymentForm(GovukLengthMessagesMixin, forms.Form):
    amount = PenceField(label=_("Amount paid, in pounds"), error_messages={"required": _("Enter the amount paid")})
    paid_on = GovukDateField(label=_("Date paid"), allow_future=False)
    reference = forms.CharField(label=_("Finance reference (optional)"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("paid_on", timezone.localdate())


class ReturnForm(GovukLengthMessagesMixin, forms.Form):
    received_on = GovukDateField(label=_("Date received"), allow_future=False)
    achieved = forms.CharField(label=_("What did the grant achieve?"), max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               error_messages={"required": _("Enter what the grant achieved")})
    carers_reached = whole_number(_("Carers reached"), _("Enter how many carers it reached"), width=5)
    spent = PenceField(label=_("Spent to date, in pounds"), allow_zero=True,
                       error_messages={"required": _("Enter how much has been spent")})
    coproduction_evidence = forms.CharField(label=_("How were carers involved? (optional)"), max_length=4000,
                                            required=False, widget=forms.Textarea(attrs={"rows": 4}))
    unspent = PenceField(label=_("Unspent, to be returned, in pounds"), allow_zero=True, required=False,
                         help_text=_("Leave blank if nothing is to be returned."))

    def __init__(self, *args, award=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.award = award
        self.initial.setdefault("received_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        spent, unspent = data.get("spent"), data.get("unspent") or 0
        if self.award is not None and spent is not None and spent + unspent > self.award:
            self.add_error("spent", _("Spent and unspent together must not be more than the %(award)s awarded") % {
                "award": amounts.pounds(self.award)})
        return data
