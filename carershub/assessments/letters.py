"""The written record of an eligibility decision (Care Act s13(2); SSWBA s32), as HTML and PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from carershub.assessments.presenters import AssessmentPresenter
from carershub.people.presenters import PersonPresenter


def letter_context(assessment) -> dict:
    presenter = AssessmentPresenter(assessment)
    carer = PersonPresenter(assessment.carer)
    decided_by = assessment.decided_by
    return {
        "assessment": assessment,
        "carer": carer,
        "carer_address": carer.address_lines,
        "decision": assessment.stored_decision(),
        "law_name": presenter.law_name,
        "letter_date": timezone.localdate(),
        "assessor_name": decided_by.get_full_name() if decided_by else "",
        "language": translation.get_language(),
    }


def letter_pdf(assessment, request) -> bytes:
    html = render_to_string("assessments/letter_pdf.jinja", letter_context(assessment), request=request)
    # No base_url: the letter uses no external files, so nothing is fetched while rendering.
    return HTML(string=html).write_pdf()
