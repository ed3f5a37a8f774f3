"""The written record of an eligibility decision (Care Act s13(2); SSWBA s32), as HTML and PDF.

A letter goes out in the carer's own language (``Person.preferred_language``), whatever language
the member of staff reads the service in. Where the assessing council writes to everyone in both
languages (``Organisation.bilingual_correspondence``, the Welsh Language Standards' correspondence
standards) it goes out in Welsh and English, Welsh first. Each version is rendered under
``translation.override`` of its own language: words, dates and month names ("1 Rhagfyr 2026").
``render_versions`` and ``pdf_document`` serve the carer's copy of the plan (``support.letters``) too.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from markupsafe import Markup
from weasyprint import HTML

from carershub.assessments.presenters import AssessmentPresenter
from carershub.people.presenters import PersonPresenter

WELSH, ENGLISH = "cy", "en-gb"


def html_lang(code: str) -> str:
    return "cy" if code == WELSH else "en-GB"


def correspondence_languages(person, organisation) -> list[str]:
    """The languages a letter to ``person`` from ``organisation`` is written in, the first on top."""
    if organisation is not None and organisation.bilingual_correspondence:
        return [WELSH, ENGLISH]
    return [WELSH if person.preferred_language == "cy" else ENGLISH]


def render_versions(
    template_name: str, context: Callable[[], dict], languages: list[str], request=None, *, pdf=False
) -> list[dict]:
    """The template once per language, each in its own language: ``[{"language", "lang", "html"}]``.

    ``context`` is called inside each language, so anything it words (presenters, dates) is in it.
    ``heading_level`` is the letter's top heading: its own page's h1 (a PDF, or the one version
    on a page), or h2 under the page's h1 when a page shows two versions.
    """
    heading_level = 1 if pdf or len(languages) == 1 else 2
    versions = []
    for code in languages:
        with translation.override(code):
            html = render_to_string(template_name, {**context(), "heading_level": heading_level}, request=request)
        versions.append({"language": code, "lang": html_lang(code), "html": Markup(html)})
    return versions


def versions_page(versions: list[dict], organisation) -> dict:
    """What letter.jinja and copy.jinja show around the versions: which languages, and why."""
    return {
        "versions": versions,
        "page_lang": html_lang(translation.get_language()),
        "bilingual": len(versions) > 1,
        "welsh_only": [v["language"] for v in versions] == [WELSH],
        "council": organisation,
    }


def pdf_document(versions: list[dict], title: str) -> bytes:
    """One PDF of the versions, each from a new page, the document in the first one's language."""
    html = render_to_string("assessments/letter_pdf.jinja", {"versions": versions, "title": title})
    # No base_url: the letter uses no external files, so nothing is fetched while rendering.
    return HTML(string=html).write_pdf()


# What other apps add to a not-eligible letter's "information and advice" (signposting's picks from
# the directory), registered in their AppConfig.ready(), so assessments knows nothing of them. Where
# needs are not eligible the council must give written information and advice about what can be done
# to meet or reduce them and to prevent or delay further needs: Care Act 2014 s13(5) in England; SSWA
# 2014 s32(1)(b), with s17 (information, advice and assistance), in Wales. Sections named from the
# Acts' tables of contents and the issue; their text was not checked word for word here.
_advice_providers = []


def register_advice(provider: Callable[[object, str], list[dict]]) -> None:
    """Add ``provider(assessment, language) -> [{"name", "organisation", "phone", "email", "url",
    "address"}]``, called inside the letter's language; registering it twice has no effect."""
    if provider not in _advice_providers:
        _advice_providers.append(provider)


def advice_for(assessment, language: str) -> list[dict]:
    return [item for provider in _advice_providers for item in provider(assessment, language)]


def _body_context(assessment) -> dict:
    presenter = AssessmentPresenter(assessment)
    carer = PersonPresenter(assessment.carer)
    decided_by = assessment.decided_by
    return {
        "assessment": assessment,
        "carer": carer,
        "carer_address": carer.address_lines,
        # In the letter's language, from the decision's codes (the stored English stays the record).
        "decision": presenter.decision,
        "law_name": presenter.law_name,
        "letter_date": timezone.localdate(),
        "assessor_name": decided_by.get_full_name() if decided_by else "",
        # Services picked for this carer, in the letter's language (this is called inside it).
        "advice": advice_for(assessment, translation.get_language()) if assessment.eligible is False else [],
    }


def letter_versions(assessment, request=None, *, pdf=False) -> list[dict]:
    languages = correspondence_languages(assessment.carer, assessment.assessing_organisation)
    return render_versions(
        "assessments/_letter_body.jinja", lambda: _body_context(assessment), languages, request, pdf=pdf
    )


def letter_context(assessment) -> dict:
    versions = letter_versions(assessment)
    return {"assessment": assessment, **versions_page(versions, assessment.assessing_organisation)}


def letter_pdf(assessment, request) -> bytes:
    versions = letter_versions(assessment, request, pdf=True)
    with translation.override(versions[0]["language"]):
        title = gettext("Your carer's assessment: our decision")
    return pdf_document(versions, title)
