"""Forms a member of staff fills in about their own account."""

from django import forms
from django.utils.translation import gettext_lazy as _

from carershub.accounts.models import User


class LanguageForm(forms.ModelForm):
    """The language the service opens in when they sign in. Each language is named in itself."""

    class Meta:
        model = User
        fields = ["preferred_language"]
        labels = {"preferred_language": _("Which language should Carers Hub be in when you sign in?")}
        help_texts = {
            "preferred_language": _(
                "The language link at the top of each page changes it until you sign out."
            )
        }
        widgets = {"preferred_language": forms.RadioSelect}
        error_messages = {
            "preferred_language": {"required": _("Select a language"), "invalid_choice": _("Select a language")}
        }
