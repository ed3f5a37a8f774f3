"""The decision letter and the copies of an assessment given to the carer (Care Act 2014 s12-13; SSWA 2014
s24 and s32; Children Act 1989 s17ZB and s17ZE): the letter and the record as pages and PDFs, and the
forms that record a letter issued and a copy of the record given (copies.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rules.contrib.views import permission_required

from carershub.assessments import copies, letters
from carershub.assessments.models import Assessment, CopyDocument, CopyMethod, CopyRecipient
from carershub.assessments.rules import GIVE_ASSESSMENT_COPY, VIEW_ASSESSMENT
from carershub.assessments.services import assessment_or_404
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.errors import NotReady, describe_problems
from carershub.core.forms import GovukDateField
from carershub.core.idempotency import creates_once, one_time
from carershub.core.template_helpers import error_summary_params


def _decided_or_404(request, pk, *, action=AccessAction.VIEW) -> Assessment:
    assessment = assessment_or_404(request.user, pk)
    if not letters.is_decided(assessment):
        raise Http404
    record_access(request, assessment.carer, action=action, part=AccessPart.DECISION_LETTER)
    return assessment


def _copy_links(request, assessment) -> dict:
    return {
        "can_give": request.user.has_perm(GIVE_ASSESSMENT_COPY, assessment),
        "letter_problems": copies.letter_problems(assessment),
    }


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def letter(request, pk):
    assessment = _decided_or_404(request, pk)
    return render(
        request, "assessments/letter.jinja", {**letters.letter_context(assessment), **_copy_links(request, assessment)}
    )


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def letter_pdf(request, pk):
    # A PDF leaves the system: logged as a download, like every other export.
    assessment = _decided_or_404(request, pk, action=AccessAction.EXPORT)
    response = HttpResponse(letters.letter_pdf(assessment, request), content_type="application/pdf")
    draft = "draft-" if letters.is_draft(assessment) else ""
    response["Content-Disposition"] = f'attachment; filename="{draft}eligibility-decision-{assessment.pk}.pdf"'
    return response


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def record(request, pk):
    assessment = assessment_or_404(request.user, pk)
    record_access(request, assessment.carer, part=AccessPart.ASSESSMENT_RECORD)
    return render(
        request, "assessments/record.jinja", {**letters.record_context(assessment), **_copy_links(request, assessment)}
    )


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def record_pdf(request, pk):
    assessment = assessment_or_404(request.user, pk)
    record_access(request, assessment.carer, action=AccessAction.EXPORT, part=AccessPart.ASSESSMENT_RECORD)
    response = HttpResponse(letters.record_pdf(assessment, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="assessment-record-{assessment.pk}.pdf"'
    return response


# --- Recording copies given -------------------------------------------------------------------------


class _CopyForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How was it given?"),
        choices=CopyMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select how it was given")},
    )
    given_on = GovukDateField(
        label=gettext_lazy("Date given"),
        allow_future=False,
        error_messages={"required": gettext_lazy("Enter the date it was given")},
    )

    document = None

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        self.initial.setdefault("given_on", timezone.localdate())

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        problems = copies.date_problems(self.assessment, given_on, self.document)
        if problems:
            raise forms.ValidationError(describe_problems(problems, copies.PROBLEMS).capitalize())
        return given_on


class IssueLetterForm(_CopyForm):
    document = CopyDocument.DECISION_LETTER


class GiveRecordForm(_CopyForm):
    document = CopyDocument.ASSESSMENT_RECORD

    recipient = forms.ChoiceField(
        label=gettext_lazy("Who was it given to?"),
        choices=CopyRecipient.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select who it was given to")},
    )
    recipient_name = forms.CharField(
        label=gettext_lazy("Their name"),
        help_text=gettext_lazy("Only if it was given to someone the carer asked us to give it to"),
        max_length=200,
        required=False,
    )
    field_order = ["recipient", "recipient_name", "method", "given_on"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recipient") == CopyRecipient.SOMEONE_ASKED and not (cleaned.get("recipient_name") or "").strip():
            self.add_error("recipient_name", _("Enter the name of the person the carer asked us to give it to"))
        return cleaned


def _may_give(request, pk) -> Assessment:
    assessment = assessment_or_404(request.user, pk)
    if not request.user.has_perm(GIVE_ASSESSMENT_COPY, assessment):
        raise PermissionDenied
    return assessment


@login_required
@permission_required(GIVE_ASSESSMENT_COPY, raise_exception=True)
@creates_once
def issue_letter(request, pk):
    """Record that the decision letter was sent or handed to the carer: refused, with the reason, before
    there is a decision or before a required sign-off."""
    assessment = _may_give(request, pk)
    problems = copies.letter_problems(assessment)
    form = one_time(request, IssueLetterForm(request.POST or None, assessment=assessment))
    if request.method == "POST" and not problems and form.is_valid():
        try:
            copies.issue_letter(
                assessment, method=form.cleaned_data["method"], given_on=form.cleaned_data["given_on"], actor=request.user
            )
        except NotReady as refused:
            problems = refused.problems
        else:
            messages.success(request, _("The decision letter was recorded as issued"))
            return redirect("assessments:detail", pk=assessment.pk)
    if request.method != "POST":
        record_access(request, assessment.carer, part=AccessPart.DECISION_LETTER)
    refused = describe_problems(problems, copies.PROBLEMS) if problems else ""
    status = 409 if (problems and request.method == "POST") else 200
    return render(
        request,
        "assessments/issue_letter.jinja",
        {
            "assessment": assessment,
            "form": form,
            "refused": refused,
            "form_errors": error_summary_params(form),
        },
        status=status,
    )


@login_required
@permission_required(GIVE_ASSESSMENT_COPY, raise_exception=True)
@creates_once
def give_record(request, pk):
    """Record that a copy of the assessment record was given to the carer or someone they asked."""
    assessment = _may_give(request, pk)
    form = one_time(request, GiveRecordForm(request.POST or None, assessment=assessment))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            copies.give_record(
                assessment,
                recipient=data["recipient"],
                recipient_name=data["recipient_name"],
                method=data["method"],
                given_on=data["given_on"],
                actor=request.user,
            )
        except NotReady as refused:
            form.add_error(None, describe_problems(refused.problems, copies.PROBLEMS).capitalize())
        else:
            messages.success(request, _("The copy of the assessment record was recorded as given"))
            return redirect("assessments:detail", pk=assessment.pk)
    if request.method != "POST":
        record_access(request, assessment.carer, part=AccessPart.ASSESSMENT_RECORD)
    return render(
        request,
        "assessments/give_record.jinja",
        {"assessment": assessment, "form": form, "form_errors": error_summary_params(form)},
    )

