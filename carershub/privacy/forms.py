"""Forms of the privacy pages: GOV.UK messages on the field where the problem is."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from carershub.core.forms import GovukDateField, GovukLengthMessagesMixin
from carershub.privacy.models import OPEN_STATUSES, RecordType, Requester, RequestKind, RequestStatus


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


def _reason_field(label, required_message, help_text=None):
    return forms.CharField(
        label=label,
        max_length=500,
        help_text=help_text or _("Do not copy anybody's personal details into the reason."),
        error_messages={"required": required_message},
        widget=_textarea(3),
    )


class NewRequestForm(GovukLengthMessagesMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What have they asked for?"),
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what they have asked for")},
    )
    received_on = GovukDateField(
        label=_("Date the request was received"),
        allow_future=False,
        help_text=_(
            "The month to respond starts on this day, even if it was a weekend. It does not have to be in writing. For example, 27 3 2026"
        ),
        error_messages={"required": _("Enter the date the request was received")},
    )
    requested_by = forms.ChoiceField(
        label=_("Who asked?"),
        choices=Requester.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who asked")},
    )
    representative_name = forms.CharField(label=_("The representative's name"), max_length=200, required=False)
    representative_capacity = forms.CharField(
        label=_("How do they act for the person?"),
        max_length=200,
        required=False,
        help_text=_("For example, solicitor, lasting power of attorney, or parent of a young carer"),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        max_length=2000,
        required=False,
        help_text=_("What exactly they asked for, and how you checked who they are"),
        widget=_textarea(4),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("requested_by") == Requester.REPRESENTATIVE:
            if not cleaned.get("representative_name") and "representative_name" not in self.errors:
                self.add_error("representative_name", _("Enter the representative's name"))
            if not cleaned.get("representative_capacity") and "representative_capacity" not in self.errors:
                self.add_error("representative_capacity", _("Enter how the representative acts for the person"))
        else:
            cleaned["representative_name"] = cleaned["representative_capacity"] = ""
        return cleaned


class UpdateRequestForm(GovukLengthMessagesMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=RequestStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the status of the request")},
    )
    completed_on = GovukDateField(
        label=_("Date it was completed or closed"),
        allow_future=False,
        required=False,
        help_text=_("For example, 27 3 2026"),
    )
    extend = forms.BooleanField(
        label=_("Extend the time by two more months, because the request is complex or one of many"),
        required=False,
        help_text=_("Article 12(3). Tell the person, with the reasons, before the first month ends."),
    )
    extension_reason = forms.CharField(label=_("Why more time is needed"), max_length=500, required=False,
                                       widget=_textarea(3))
    restriction_lifted_on = GovukDateField(
        label=_("Date the restriction was lifted (optional)"),
        allow_future=False,
        required=False,
        help_text=_("Tell the person before you lift it (Article 18(3)). For example, 27 3 2026"),
    )
    notes = forms.CharField(label=_("Notes (optional)"), max_length=2000, required=False, widget=_textarea(4))

    def __init__(self, *args, data_request, today, **kwargs):
        self.data_request = data_request
        self.today = today
        initial = {
            "version": data_request.version,
            "status": data_request.status,
            "completed_on": data_request.completed_on,
            "restriction_lifted_on": data_request.restriction_lifted_on,
            "notes": data_request.notes,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if data_request.extended_to is not None or not data_request.is_open:
            del self.fields["extend"], self.fields["extension_reason"]
        if data_request.kind != RequestKind.RESTRICTION:
            del self.fields["restriction_lifted_on"]

    def _received(self) -> str:
        return formats.date_format(self.data_request.received_on, "j F Y")

    def clean(self):
        cleaned = super().clean()
        received = self.data_request.received_on
        status = cleaned.get("status")
        completed = cleaned.get("completed_on")
        if status and status not in OPEN_STATUSES and not self.has_error("completed_on"):
            if completed is None:
                self.add_error("completed_on", _("Enter the date the request was completed or closed"))
            elif completed < received:
                self.add_error(
                    "completed_on",
                    gettext("The date it was completed must be on or after the day it was received, %(date)s")
                    % {"date": self._received()},
                )
        if cleaned.get("extend"):
            if self.today > self.data_request.due_on:
                # Art 12(3): the person is told of an extension "within one month of receipt".
                self.add_error(
                    "extend",
                    gettext("The time can only be extended within the first month, which ended on %(date)s")
                    % {"date": formats.date_format(self.data_request.due_on, "j F Y")},
                )
            if not cleaned.get("extension_reason") and not self.has_error("extension_reason"):
                self.add_error("extension_reason", _("Enter why more time is needed"))
        lifted = cleaned.get("restriction_lifted_on")
        if lifted is not None and lifted < received:
            self.add_error(
                "restriction_lifted_on",
                gettext("The date it was lifted must be on or after the day it was received, %(date)s")
                % {"date": self._received()},
            )
        return cleaned


class SubjectAccessForm(forms.Form):
    FOR_REVIEW, FOR_RELEASE = "for_review", "for_release"
    PDF, JSON = "pdf", "json"

    version = forms.ChoiceField(
        label=_("Which version?"),
        choices=[
            (FOR_REVIEW, _("For review: other people's details shown and highlighted, to check before anything is sent")),
            (FOR_RELEASE, _("For release: other people's details replaced by [withheld]")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select which version to download")},
    )
    file_format = forms.ChoiceField(
        label=_("File type"),
        choices=[(PDF, _("PDF, to read or print")), (JSON, _("JSON, for another system"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the file type")},
    )


class EraseForm(forms.Form):
    reason = _reason_field(
        _("Why is this record being erased?"),
        _("Enter why this record is being erased"),
        _("For example, the person's erasure request, or the end of the retention period. Do not copy their personal details into the reason."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the details cannot be got back"),
        error_messages={"required": _("Confirm that you understand the details cannot be got back")},
    )


class RetentionDecisionForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"

    decision = forms.ChoiceField(
        label=_("What should happen to it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what should happen to the record")},
    )
    reason = _reason_field(_("Reason"), _("Enter the reason for your decision"))

    def __init__(self, *args, item, keep_years, **kwargs):
        super().__init__(*args, **kwargs)
        remove = _("Erase or anonymise it") if item.record_type == RecordType.PERSON else _("Remove its content")
        keep = ngettext(
            "Keep it for another %(years)s year, then review it again",
            "Keep it for another %(years)s years, then review it again",
            keep_years,
        ) % {"years": keep_years}
        self.fields["decision"].choices = [(self.REMOVE, remove), (self.KEEP, keep)]
