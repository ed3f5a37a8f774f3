"""The decision letter and the copies of an assessment given to the carer (Care Act 2014 s12-13; SSWA 2014 s32)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from rules.contrib.views import permission_required

from carershub.assessments import letters
from carershub.assessments.models import Assessment
from carershub.assessments.rules import VIEW_ASSESSMENT
from carershub.assessments.services import assessment_or_404
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access


def _decided_or_404(request, pk, *, action=AccessAction.VIEW) -> Assessment:
    assessment = assessment_or_404(request.user, pk)
    if not assessment.decision:
        raise Http404
    record_access(request, assessment.carer, action=action, part=AccessPart.DECISION_LETTER)
    return assessment


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def letter(request, pk):
    assessment = _decided_or_404(request, pk)
    return render(request, "assessments/letter.jinja", letters.letter_context(assessment))


@login_required
@permission_required(VIEW_ASSESSMENT, raise_exception=True)
def letter_pdf(request, pk):
    # A PDF leaves the system: logged as a download, like every other export.
    assessment = _decided_or_404(request, pk, action=AccessAction.EXPORT)
    response = HttpResponse(letters.letter_pdf(assessment, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="eligibility-decision-{assessment.pk}.pdf"'
    return response
