from django import forms
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukLengthMessagesMixin


class SignpostForm(GovukLengthMessagesMixin, forms.Form):
    """Confirms a pick from the directory: the service is in the address, a note may be added."""

    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("For example, what the carer will do next. Do not include anyone else's details."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NotListedForm(SignpostForm):
    """Something the directory does not list, in words."""

    field_order = ["not_listed", "note"]

    not_listed = forms.CharField(
        label=_("What were they signposted to?"),
        help_text=_("The name of the service or organisation, and where to find it."),
        max_length=300,
        error_messages={"required": _("Enter what the carer was signposted to")},
    )

    def clean_not_listed(self):
        value = " ".join(self.cleaned_data["not_listed"].split())
        if not value:
            raise forms.ValidationError(_("Enter what the carer was signposted to"), code="required")
        return value
