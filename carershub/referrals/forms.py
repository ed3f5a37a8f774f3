from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.accounts.models import Role
from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.directory.models import Service
from carershub.directory.services import referable_organisation
from carershub.partnership.models import Organisation
from carershub.people.choices import ConsentPurpose
from carershub.referrals import lawful, services
from carershub.referrals.models import AgreementStatus, LawfulBasis, SharedPart, SharingAgreement, Status, Urgency

REFUSALS = {
    "not_offered": _("Select an organisation from the list"),
    "agreement_not_between": _("Select an agreement that both organisations signed, or none"),
    "no_organisation": _("You need to belong to an organisation to send a referral"),
    "not_allowed": _("This referral cannot be changed that way now. Check it as it is now."),
    "decline_reason_missing": _("Enter why the referral is declined"),
    "outcome_missing": _("Enter the outcome of the referral"),
    "accept_consent_ended": _(
        "The carer's consent to share with your organisation has ended, so the referral cannot be "
        "accepted. Decline it, saying so."
    ),
}


def message(problem: str, params: dict | None = None) -> str:
    """A refusal from lawful.py or services.Refused, in the reader's language."""
    text = gettext(lawful.PROBLEMS[problem]) if problem in lawful.PROBLEMS else gettext(REFUSALS[problem])
    return text % params if params else text


class ReferralForm(GovukLengthMessagesMixin, forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Which organisation are you referring them to?"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Select the organisation"), "invalid_choice": _("Select an organisation from the list")},
    )
    service = forms.ModelChoiceField(queryset=Service.objects.none(), required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why are you referring them?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter why you are referring them")},
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how urgent it is"), "invalid_choice": _("Select how urgent it is")},
    )
    purpose = forms.ChoiceField(
        label=_("What is the referral for?"),
        choices=ConsentPurpose.choices,
        initial=ConsentPurpose.SUPPORT_AND_REFERRAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the referral is for"), "invalid_choice": _("Select what the referral is for")},
    )
    shared = forms.MultipleChoiceField(
        label=_("What did the carer agree to share?"),
        help_text=_("The receiving organisation sees only these parts. The cared-for person's health is shared only if you tick it."),
        choices=SharedPart.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select what the carer agreed to share"), "invalid_choice": _("Select from the list")},
    )
    lawful_basis = forms.ChoiceField(
        label=_("On what basis is it shared?"),
        choices=LawfulBasis.choices,
        initial=LawfulBasis.CONSENT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the lawful basis"), "invalid_choice": _("Select the lawful basis")},
    )
    legal_duty = forms.CharField(
        label=_("Which legal duty? (only for a legal duty)"), max_length=300, required=False,
        help_text=_("Name the Act and section, like Care Act 2014 section 6"),
    )
    exception_reason = forms.CharField(
        label=_("Why is it shared without consent?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    agreement = forms.ModelChoiceField(
        label=_("Information-sharing agreement (optional)"),
        queryset=SharingAgreement.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Select an agreement from the list, or none")},
    )

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.person = person
        self.fields["to_organisation"].queryset = services.organisations_offered(user)
        self.fields["service"].queryset = Service.objects.select_related("organisation")
        self.fields["agreement"].queryset = (
            SharingAgreement.objects.exclude(status=AgreementStatus.ENDED).filter(parties=user.organisation_id).order_by("title", "pk")
            if user.organisation_id
            else SharingAgreement.objects.none()
        )
        self.decision = None

    def clean(self):
        data = super().clean()
        org = data.get("to_organisation")
        service = data.get("service")
        if service is not None and referable_organisation(service) is None:
            # Closed, run by nobody in the partnership, or by a commissioning body: signpost, do not refer.
            self.add_error("to_organisation", gettext("%(service)s does not take referrals") % {"service": service.name})
            return data
        if service is not None and org is not None and service.organisation_id != org.pk:
            self.add_error("to_organisation", gettext("Select the organisation that runs %(service)s") % {"service": service.name})
            return data
        basis = data.get("lawful_basis")
        if org is None or not basis or not data.get("purpose"):
            return data
        agreement = data.get("agreement")
        if agreement is not None and not services.agreements_between(self.user.organisation_id, org.pk).filter(pk=agreement.pk).exists():
            self.add_error("agreement", message("agreement_not_between"))
        self.decision = services.check(
            self.person, to_organisation=org, purpose=data["purpose"], lawful_basis=basis,
            exception_reason=data.get("exception_reason", ""), legal_duty=data.get("legal_duty", ""),
        )
        if not self.decision.allowed:
            self.add_error(self.decision.field, self.problem_message(self.decision.problem, org, data["purpose"]))
        return data

    def problem_message(self, problem, org, purpose) -> str:
        return message(problem, {
            "name": self.person.full_name,
            "organisation": org.name,
            "purpose": dict(ConsentPurpose.choices)[purpose],
        } if problem.startswith(("no_consent", "consent_")) else None)

    @property
    def needs_exception(self) -> bool:
        """The organisation field was refused for want of consent: the page offers the exception's fields."""
        return self.decision is not None and self.decision.field == "to_organisation"


class MoveForm(forms.Form):
    """Accept, decline, complete or withdraw: the version it was shown at and, where needed, words."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    words = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["words"].label = label


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("waiting", _("Waiting to be accepted")), *Status.choices],
    )


class AgreementForm(GovukLengthMessagesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, error_messages={"required": _("Enter the agreement's title")})
    parties = forms.ModelMultipleChoiceField(
        label=_("Organisations that signed it"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select the organisations that signed it"), "invalid_choice": _("Select from the list")},
    )
    purposes = forms.MultipleChoiceField(
        label=_("What may be shared for"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select what may be shared for"), "invalid_choice": _("Select from the list")},
    )
    signed_on = GovukDateField(label=_("Signed on"), required=False, allow_future=False)
    review_on = GovukDateField(label=_("Review by"), error_messages={"required": _("Enter the date it is to be reviewed by")})
    reference = forms.CharField(label=_("Document reference (optional)"), max_length=200, required=False)
    url = forms.URLField(
        label=_("Link to the document (optional)"), max_length=500, required=False,
        error_messages={"invalid": _("Enter a web address, like https://example.org/agreement.pdf")},
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=AgreementStatus.choices, initial=AgreementStatus.IN_FORCE, widget=forms.RadioSelect,
        error_messages={"required": _("Select the status")},
    )

    def __init__(self, *args, user, versioned=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["parties"].queryset = Organisation.objects.filter(is_active=True).order_by("name")
        if versioned:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    def clean_parties(self):
        parties = self.cleaned_data["parties"]
        if len(parties) < 2:
            raise forms.ValidationError(_("Select at least 2 organisations"))
        if not self.user.is_superuser and not self.user.has_role(Role.ADMINISTRATOR) and self.user.organisation_id not in {p.pk for p in parties}:
            raise forms.ValidationError(_("Your organisation must be one of those that signed it"))
        return parties

    def clean(self):
        data = super().clean()
        if data.get("signed_on") and data.get("review_on") and data["review_on"] < data["signed_on"]:
            self.add_error("review_on", _("The review date must be on or after the date it was signed"))
        return data
