"""Adding and withdrawing a document: GOV.UK messages on the field, never a 500 on a bad file."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukLengthMessagesMixin
from carershub.core.ukdata import MESSAGES
from carershub.documents import filetypes
from carershub.documents.models import DocumentKind


def size_text(size: int) -> str:
    """20971520 -> "20 MB" (the GOV.UK way of writing a limit)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g}\u00a0MB"  # a no-break space: "20 MB" is never split over two lines
    return f"{max(1, size // 1024)}\u00a0KB"


def refusal_text(refused: filetypes.Refused) -> str:
    params = dict(refused.params)
    if "type" in params:
        params["type"] = gettext(params["type"])
    text = gettext(refused.template)
    return text % params if params else text


class UploadForm(GovukLengthMessagesMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of document is it?"),
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of document it is")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What it is and its date, like “Consent form signed 3 March 2026”"),
        error_messages={"required": _("Enter a title for the document")},
    )
    description = forms.CharField(
        label=_("Description (optional)"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Not required here: a file dropped for being too big arrives as no file, and must say so.
    file = forms.FileField(label=_("Upload a file"), required=False, allow_empty_file=True)
    restricted = forms.BooleanField(
        label=_("Only people in my organisation may see this document"),
        required=False,
        help_text=_(
            "For a sensitive letter. Other organisations that work with the person will see that it exists, "
            "not what it is."
        ),
    )

    def __init__(self, *args, too_big=False, **kwargs):
        super().__init__(*args, **kwargs)
        # "Description must be...", not "Description (optional) must be...".
        text = gettext(MESSAGES["text_too_long"]) % {"label": gettext("Description"), "max_length": 1000}
        self.fields["description"].error_messages["max_length"] = text.replace("%", "%%")
        self.too_big = too_big
        self.file_type = None

    @property
    def limit_text(self) -> str:
        return size_text(settings.CARERSHUB_DOCUMENT_MAX_BYTES)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        too_big = gettext("The selected file must be smaller than %(size)s") % {"size": self.limit_text}
        if self.too_big:
            raise forms.ValidationError(too_big, code="too_big")
        if not upload:
            raise forms.ValidationError(gettext("Select a file"), code="required")
        if upload.size > settings.CARERSHUB_DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(too_big, code="too_big")
        try:
            self.file_type = filetypes.check(upload.name, upload)
        except filetypes.Refused as refused:
            raise forms.ValidationError(refusal_text(refused), code=refused.code) from None
        return upload


class WithdrawForm(GovukLengthMessagesMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing this document?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, “Attached to the wrong record” or “A newer copy has been added”."),
        error_messages={"required": _("Enter why you are withdrawing the document")},
    )
