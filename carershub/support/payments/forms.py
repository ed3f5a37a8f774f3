"""Forms for direct payments: money typed in pounds, kept in pence; GOV.UK messages on the field."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin, VersionOnlyForm
from carershub.support.payments import ledger
from carershub.support.payments.models import Kind, Schedule

FROM_PLAN, GRANT = "plan", "grant"


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
        value = super().clean(value)  # the text, checked for being there and not too long
        if value in self.empty_values:
            return None
        try:
            return ledger.parse_pence(value, allow_zero=self.allow_zero)
        except ledger.MoneyError as problem:
            label = str(self.label).split(",")[0]
            raise forms.ValidationError(gettext(ledger.MESSAGES[problem.code]) % {"label": label}, code=problem.code) from None


def _pounds_initial(pence):
    return ledger.plain_pounds(pence) if pence else ""


class AgreementForm(GovukLengthMessagesMixin, forms.Form):
    funding = forms.ChoiceField(
        label=_("How is it paid for?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the direct payment is paid for")},
    )
    decision_reason = forms.CharField(
        label=_("Why the grant was made (for a one-off grant)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("One-off or recurring?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether it is a one-off payment or recurring payments")},
    )
    schedule = forms.ChoiceField(
        label=_("How often (for recurring payments)"),
        choices=Schedule.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    amount = PenceField(
        label=_("Amount of each payment, in pounds"),
        help_text=_("For example, 25 or 25.50"),
        error_messages={"required": _("Enter the amount of each payment")},
    )
    purpose = forms.CharField(
        label=_("What it is for"),
        help_text=_("The support in the plan it pays for, like a weekly gym membership or a short break"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what the direct payment is for")},
    )
    starts_on = GovukDateField(label=_("Start date"), error_messages={"required": _("Enter the start date")})
    ends_on = GovukDateField(
        label=_("End date"),
        help_text=_("For a one-off payment, the same as the start date"),
        error_messages={"required": _("Enter the end date")},
    )
    council = forms.ModelChoiceField(
        label=_("Council paying"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Select the council paying"), "invalid_choice": _("Select the council paying")},
    )
    payee_name = forms.CharField(
        label=_("Paid to"),
        help_text=_("The name on the account the money goes to"),
        max_length=200,
        error_messages={"required": _("Enter who the money is paid to")},
    )
    payee_reference = forms.CharField(
        label=_("Payee reference in the finance system (optional)"),
        help_text=_("Bank details are kept in the finance system, not here"),
        max_length=50,
        required=False,
    )

    def __init__(self, *args, plan, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        choices = []
        if plan is not None:
            budget = ledger.pounds(int(plan.personal_budget * 100))
            choices.append(
                (FROM_PLAN, _("From the personal budget in the support plan (%(budget)s a year)") % {"budget": budget})
            )
        choices.append((GRANT, _("A small one-off grant, without a support plan")))
        self.fields["funding"].choices = choices
        self.fields["council"].queryset = councils

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must be the same as or after the start date"))
        if data.get("kind") == Kind.RECURRING and not data.get("schedule"):
            self.add_error("schedule", _("Select how often the payments are made"))
        if data.get("funding") == GRANT:
            if not (data.get("decision_reason") or "").strip():
                self.add_error("decision_reason", _("Enter why the grant was made"))
            if data.get("kind") == Kind.RECURRING:
                self.add_error("kind", _("A grant without a support plan can only be a one-off payment"))
        return data


def _due_label(due) -> str:
    return gettext("%(date)s: %(amount)s") % {
        "date": formats.date_format(due.due_on, "j F Y"),
        "amount": ledger.pounds(due.amount_pence),
    }


class PaymentForm(GovukLengthMessagesMixin, forms.Form):
    due = forms.ChoiceField(
        label=_("Payment due"), error_messages={"required": _("Select the payment due"), "invalid_choice": _("Select a payment that is due")}
    )
    paid_on = GovukDateField(label=_("Date paid"), error_messages={"required": _("Enter the date paid")})
    amount = PenceField(label=_("Amount paid, in pounds"), error_messages={"required": _("Enter the amount paid")})
    reference = forms.CharField(
        label=_("Payment reference (optional)"), help_text=_("The finance system's reference"), max_length=100, required=False
    )

    def __init__(self, *args, dues, **kwargs):
        super().__init__(*args, **kwargs)
        self.dues = {str(d.pk): d for d in dues}
        self.fields["due"].choices = [(pk, _due_label(d)) for pk, d in self.dues.items()]

    def clean(self):
        data = super().clean()
        due = self.dues.get(data.get("due") or "")
        amount = data.get("amount")
        if due is not None and amount is not None and amount > due.amount_pence:
            self.add_error("amount", _("The amount paid must not be more than the %(amount)s due") % {"amount": ledger.pounds(due.amount_pence)})
        if data.get("paid_on") and data["paid_on"] > timezone.localdate():
            self.add_error("paid_on", _("The date paid must be today or in the past"))
        return data


class ReturnForm(GovukLengthMessagesMixin, forms.Form):
    period_start = GovukDateField(label=_("Start of the period"), error_messages={"required": _("Enter the start of the period")})
    period_end = GovukDateField(label=_("End of the period"), error_messages={"required": _("Enter the end of the period")})
    spent = PenceField(
        label=_("Amount spent, in pounds"),
        allow_zero=True,
        help_text=_("What the carer spent on what the direct payment is for in the period. Enter 0 if nothing"),
        error_messages={"required": _("Enter the amount spent")},
    )
    receipts_seen = forms.TypedChoiceField(
        label=_("Were receipts seen?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if receipts were seen")},
    )
    receipts_note = forms.CharField(
        label=_("About the receipts (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    received_on = GovukDateField(
        label=_("Date the return was received"), allow_future=False, error_messages={"required": _("Enter the date the return was received")}
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must be the same as or after its start"))
        return data


class RecoveryForm(GovukLengthMessagesMixin, forms.Form):
    amount = PenceField(label=_("Amount recovered, in pounds"), error_messages={"required": _("Enter the amount recovered")})
    on = GovukDateField(label=_("Date received"), allow_future=False, error_messages={"required": _("Enter the date received")})
    reference = forms.CharField(label=_("Reference (optional)"), max_length=100, required=False)


class EndForm(GovukLengthMessagesMixin, VersionOnlyForm):
    ended_on = GovukDateField(label=_("Date it ends"), error_messages={"required": _("Enter the date it ends")})
    reason = forms.CharField(
        label=_("Why it is ending"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter why the direct payment is ending")},
    )


class ExportForm(forms.Form):
    start = GovukDateField(label=_("Due from"), error_messages={"required": _("Enter the first date")})
    end = GovukDateField(label=_("Due up to"), error_messages={"required": _("Enter the last date")})

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last date must be the same as or after the first date"))
        return data
