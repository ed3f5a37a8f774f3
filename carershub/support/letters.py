"""The carer's copy of their support plan (Care Act s25(9); SSWBA s54), as HTML and PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from carershub.people.presenters import PersonPresenter
from carershub.support.presenters import PlanPresenter


def copy_context(plan) -> dict:
    presenter = PlanPresenter(plan)
    carer = PersonPresenter(plan.carer)
    return {
        "plan": presenter,
        "carer": carer,
        "carer_address": carer.address_lines,
        "council": plan.assessment.assessing_organisation,
        "eligible": plan.assessment.eligible is True,
        "actions": presenter.action_rows(for_carer=True),
        "letter_date": timezone.localdate(),
        "worker_name": plan.agreed_by.get_full_name() if plan.agreed_by else "",
        "language": translation.get_language(),
    }


def copy_pdf(plan, request) -> bytes:
    html = render_to_string("support/copy_pdf.jinja", copy_context(plan), request=request)
    # No base_url: the copy uses no external files, so nothing is fetched while rendering.
    return HTML(string=html).write_pdf()
