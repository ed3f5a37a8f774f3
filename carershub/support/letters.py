"""The carer's copy of their support plan (Care Act s25(9); SSWBA s54), as HTML and PDF.

Like the decision letter (``assessments.letters``): in the carer's language whatever the member
of staff's, or in Welsh and English, Welsh first, where the assessing council writes bilingually.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext

from carershub.assessments.letters import correspondence_languages, pdf_document, render_versions, versions_page
from carershub.people.presenters import PersonPresenter
from carershub.support.presenters import PlanPresenter


def _body_context(plan) -> dict:
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
    }


def copy_versions(plan, request=None, *, pdf=False) -> list[dict]:
    languages = correspondence_languages(plan.carer, plan.assessment.assessing_organisation)
    return render_versions("support/_copy_body.jinja", lambda: _body_context(plan), languages, request, pdf=pdf)


def copy_context(plan) -> dict:
    versions = copy_versions(plan)
    return {"plan": PlanPresenter(plan), **versions_page(versions, plan.assessment.assessing_organisation)}


def copy_pdf(plan, request) -> bytes:
    versions = copy_versions(plan, request, pdf=True)
    with translation.override(versions[0]["language"]):
        title = gettext("Your support plan")
    return pdf_document(versions, title)
