"""What an assessment gives the carer in writing, as HTML and PDF: the decision letter (Care Act 2014
s13(2) and (5); SSWA 2014 s32; Children Act 1989 s17ZB and s17ZE) and the copy of the assessment
record (Care Act 2014 s12(3)-(4); SSWA 2014 s24: see ``copies`` for what was and was not checked).

A letter goes out in the carer's own language (``Person.preferred_language``), whatever language
the member of staff reads the service in. Where the assessing council writes to everyone in both
languages (``Organisation.bilingual_correspondence``, the Welsh Language Standards' correspondence
standards) it goes out in Welsh and English, Welsh first. Each version is rendered under
``translation.override`` of its own language: words, dates and month names ("1 Rhagfyr 2026").
``render_versions`` and ``pdf_document`` serve the carer's copy of the plan (``support.letters``) too.

Every PDF is tagged PDF/UA-1 (``PDF_OPTIONS``): a structure tree with headings, lists and
paragraphs, the document's language from ``<html lang>`` and its title from ``<title>``, shown
as the window title. The emergency card and the subject-access document use the same options.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup
from weasyprint import HTML

from carershub.assessments import eligibility, frameworks
from carershub.assessments.frameworks import Framework
from carershub.assessments.models import AssessmentStatus
from carershub.assessments.presenters import AssessmentPresenter, DecisionText
from carershub.people.presenters import PersonPresenter

WELSH, ENGLISH = "cy", "en-gb"

# Tagged PDF/UA-1 (WeasyPrint's ``pdf_variant`` turns ``pdf_tags`` on): for every PDF the product sends.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


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
            html = render_to_string(
                template_name, {**context(), "heading_level": heading_level, "pdf": pdf}, request=request
            )
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
    """One tagged PDF of the versions, each from a new page, the document in the first one's language.

    A draft's banner (``app-letter-draft``) is repeated at the top of every page (letter_pdf.jinja).
    """
    html = render_to_string("assessments/letter_pdf.jinja", {"versions": versions, "title": title})
    # No base_url: the letter uses no external files (the logo is a data: URI), so nothing is fetched.
    return HTML(string=html).write_pdf(**PDF_OPTIONS)


# What other apps add to a not-eligible letter's "information and advice" (signposting's picks from
# the directory), registered in their AppConfig.ready(), so assessments knows nothing of them. Where
# needs are not eligible the council must give written information and advice about what can be done
# to meet or reduce them and to prevent or delay further needs: Care Act 2014 s13(5) in England; SSWA
# 2014 s32(1)(d), with s17 (information, advice and assistance), in Wales. Sections named from the
# Acts' tables of contents and the issue; their text was not checked word for word here.
_advice_providers = []


def register_advice(provider: Callable[[object, str], list[dict]]) -> None:
    """Add ``provider(assessment, language) -> [{"name", "organisation", "phone", "email", "url",
    "address"}]``, called inside the letter's language; registering it twice has no effect."""
    if provider not in _advice_providers:
        _advice_providers.append(provider)


def advice_for(assessment, language: str) -> list[dict]:
    return [item for provider in _advice_providers for item in provider(assessment, language)]


# --- The law, in the carer's words ------------------------------------------------------------------

# What the letter says it was assessed and decided under, by nation and framework. Titles of Acts are
# translated where they have an official Welsh title (the Welsh Act's; the English Acts keep theirs).
LAW_SENTENCES = {
    ("england", Framework.ADULT_CARER): _(
        "We assessed your needs as a carer under section 10 of the Care Act 2014. We decided whether they meet "
        "the national eligibility criteria under section 13 of that Act and the Care and Support (Eligibility "
        "Criteria) Regulations 2015 (SI 2015/313)."
    ),
    ("wales", Framework.ADULT_CARER): _(
        "We assessed your needs as a carer under section 24 of the Social Services and Well-being (Wales) Act "
        "2014. We decided whether they meet the eligibility criteria under section 32 of that Act and regulation "
        "5 of the Care and Support (Eligibility) (Wales) Regulations 2015 (SI 2015/1578)."
    ),
    ("england", Framework.YOUNG_CARER): _(
        "We assessed your needs as a young carer under section 17ZA of the Children Act 1989. There are no "
        "national eligibility criteria for young carers: we decided whether you have needs for support and "
        "whether we will provide services for you under section 17 of that Act."
    ),
    ("england", Framework.PARENT_CARER): _(
        "We assessed your needs as a parent carer under section 17ZD of the Children Act 1989. There are no "
        "national eligibility criteria for parent carers: we decided whether you have needs for support and "
        "whether we will provide services under section 17 of that Act."
    ),
    ("england", Framework.YOUNG_CARER_TRANSITION): _(
        "We carried out a young carer's assessment under section 63 of the Care Act 2014, to find out whether "
        "you are likely to have needs for support after you turn 18 and, if so, what they are likely to be."
    ),
    ("england", Framework.CHILDS_CARER_TRANSITION): _(
        "We carried out a child's carer's assessment under section 60 of the Care Act 2014, to find out whether "
        "you are likely to have needs for support after the child you care for turns 18 and, if so, what they "
        "are likely to be."
    ),
}
# Every carer in Wales, of any age, is assessed under s24 with the same criteria (frameworks.py).
LAW_SENTENCES[("wales", Framework.YOUNG_CARER)] = LAW_SENTENCES[("wales", Framework.ADULT_CARER)]
LAW_SENTENCES[("wales", Framework.PARENT_CARER)] = LAW_SENTENCES[("wales", Framework.ADULT_CARER)]

# A Welsh "must meet" determination (SSWA 2014 s32(1)(b) or (c)). The text of s32(1)(b) was read
# as far as "if the needs do not meet the eligibility criteria, determine whether it is [nonetheless
# necessary to meet them]" on legislation.gov.uk; the rest of (b) (protection from abuse or neglect,
# as the rules' message "prevention.wales" puts it) and the whole of (c) were not seen, so (c) is
# worded without saying more than that the law requires it.
MUST_MEET = {
    "s32(1)(b)": _(
        "Your needs do not meet the eligibility criteria, but we have decided that we must still meet them, "
        "because that is necessary to protect you from abuse or neglect, or the risk of it (section 32(1)(b) of "
        "the Social Services and Well-being (Wales) Act 2014)."
    ),
    "s32(1)(c)": _(
        "Your needs do not meet the eligibility criteria, but we have decided that we must still meet them "
        "(section 32(1)(c) of the Social Services and Well-being (Wales) Act 2014)."
    ),
    None: _("Your needs do not meet the eligibility criteria, but we have decided that we must still meet them."),
}

# The ombudsman a carer may go to after the council's own complaints procedure, by nation, with their
# public contact routes. Written from the ombudsmen's published details as known to the author;
# check them against lgo.org.uk and ombudsman.wales before relying on them (they were not fetched).
OMBUDSMAN = {
    "england": {
        "name": _("Local Government and Social Care Ombudsman"),
        "phone": "0300 061 0614",
        "website": "www.lgo.org.uk",
        "email": "",
        "address": "",
    },
    "wales": {
        "name": _("Public Services Ombudsman for Wales"),
        "phone": "0300 790 0203",
        "website": "www.ombudsman.wales",
        "email": "ask@ombudsman.wales",
        "address": "1 Ffordd yr Hen Gae, Pencoed, CF35 5LJ",
    },
}


def framework_of(assessment) -> Framework:
    """The framework the assessment was made under; one decided before frameworks were chosen was
    decided under the adult carer's rules (frameworks.REASONS["decided_before_frameworks"])."""
    return Framework(assessment.framework) if assessment.framework else Framework.ADULT_CARER


def is_decided(assessment) -> bool:
    """Decided (and not returned to the assessor since): there is a decision to write about."""
    if assessment.status not in (AssessmentStatus.DECIDED, AssessmentStatus.COMPLETED):
        return False
    return assessment.decided_at is not None or bool(assessment.decision)


def is_draft(assessment) -> bool:
    """The letter is a draft until it may be issued: decided and, where the council requires it, signed off."""
    return assessment.status != AssessmentStatus.COMPLETED


def _considered(criterion) -> bool:
    """False for a criterion the rules did not reach because an earlier one was not met."""
    if getattr(criterion, "considered", True) is False:
        return False
    return not str(getattr(criterion, "explanation_code", "") or "").endswith(".not_considered")


def criteria_lines(decision) -> list[dict]:
    """Each criterion as the letter reads it: ``{"state", "label", "text"}``, "not considered" never "met"."""
    lines = []
    for criterion in decision.criteria:
        if not _considered(criterion):
            state, label = "not_considered", gettext("Not considered:")
        elif criterion.met is True:
            state, label = "met", gettext("Met:")
        elif criterion.met is False:
            state, label = "not_met", gettext("Not met:")
        else:
            state, label = "unknown", gettext("Not known:")
        lines.append({"state": state, "label": label, "text": criterion.explanation})
    return lines


def struggles(assessment) -> list[str]:
    """The outcomes (England) or matters (Wales) the carer cannot manage on their own, in the reader's
    language: from the answers the decision was made on, or the stored decision's details."""
    messages = {code: gettext(text) for code, text in eligibility.MESSAGES.items()}
    codes = []
    for answer in (assessment.eligibility_answers or {}).get("outcomes", ()):
        if answer.get("achievable") and answer.get("achievable") != eligibility.Ability.YES:
            codes.append(answer["code"])
    if not codes and assessment.decision:
        for criterion in assessment.decision.get("criteria", ()):
            for key in ("outcomes", "matters"):
                codes += [c for c in (criterion.get("detail") or {}).get(key, ()) if c not in codes]
    return [messages.get(code, code) for code in codes]


def decision_context(assessment) -> dict:
    """What the decision says, for the letter and the record, in the language active when called."""
    framework = framework_of(assessment)
    nation = assessment.nation
    stored = assessment.stored_decision()
    # In the carer's voice (not the staff pages'): the stored English word for word, or reworded from its
    # codes in another language.
    decision = DecisionText(stored) if stored is not None else None
    determination = assessment.determination or {}
    with_criteria = frameworks.has_national_criteria(nation, framework)
    eligible = assessment.eligible
    if eligible is None and with_criteria and decision is not None:
        eligible = decision.eligible
    departs = bool(determination.get("departs"))
    outcome = ""
    if with_criteria and decision is not None and decision.eligible is eligible:
        outcome = decision.explanation  # the record's own words where the decision is the rules'
    elif with_criteria:
        # The practitioner departed from the rules: their decision, in the rules' words for it.
        key = f"decision.{nation}.{'eligible' if eligible else 'not_eligible'}"
        outcome = gettext(eligibility.MESSAGES[key]) if key in eligibility.MESSAGES else ""
    must_meet = assessment.must_meet is True and nation == "wales" and not eligible
    return {
        "framework": framework.value,
        "with_criteria": with_criteria,
        "law_sentence": LAW_SENTENCES.get((nation, framework), ""),
        "eligible": eligible,
        "outcome": outcome,
        "departs": departs,
        "reasons": determination.get("reasons") or "",
        "wellbeing_reason": determination.get("wellbeing_reason") or "",
        # Departing from the rules, the practitioner's reasons are the reasons; the criteria are the proposal's.
        "criteria": criteria_lines(decision) if (decision is not None and with_criteria and not departs) else [],
        "must_meet": must_meet,
        "must_meet_text": MUST_MEET.get(determination.get("must_meet_provision"), MUST_MEET[None]) if must_meet else "",
        "must_meet_reasons": determination.get("must_meet_reasons") or "",
        "needs_for_support": determination.get("needs_for_support"),
        "services_to_be_provided": determination.get("services_to_be_provided"),
        # A transition assessment's findings on life after 18 are among its matters; whether those needs
        # are likely to be eligible is the determination (Care Act 2014 s61 and s64).
        "likely_needs_after_18": _matter_answer(assessment, "likely_needs_when_child_18", "likely_needs_after_18"),
        "needs_after_18": _matter_answer(assessment, "needs_after_18") or "",
        "likely_eligible_after_18": determination.get("likely_eligible_after_18"),
        "needs_met": assessment.needs_to_be_met or eligible is True,
        "rules_words": rules_in_words((decision.rule_version if decision is not None else "") or assessment.rule_version),
    }


def _matter_answer(assessment, *codes):
    """The first answer recorded for any of ``codes`` in the assessment's matters (None if none)."""
    for code in codes:
        answer = ((assessment.matters or {}).get(code) or {}).get("answer")
        if answer not in (None, ""):
            return answer
    return None


def rules_in_words(rule_version: str) -> str:
    """A rule version as a carer can read it (the regulations and the date that version applies from),
    never the internal code; "" for none."""
    ruleset = eligibility.RULE_VERSIONS.get(rule_version) if rule_version else None
    if ruleset is None:
        return ""
    return gettext("%(rules)s, as applied from %(date)s") % {
        "rules": ruleset.title,
        "date": formats.date_format(ruleset.effective_from, "j F Y"),
    }


def _letter_date(assessment):
    # Dated by the decision, not by the day the letter is opened.
    return timezone.localdate(assessment.decided_at) if assessment.decided_at else None


def _council_context(assessment) -> dict:
    council = assessment.assessing_organisation
    return {
        "council": council,
        "council_address": council.address_lines,
        "ombudsman": OMBUDSMAN.get(assessment.nation, OMBUDSMAN["england"]),
    }


def _body_context(assessment) -> dict:
    carer = PersonPresenter(assessment.carer)
    decided_by = assessment.decided_by
    decided = decision_context(assessment)
    not_met = not decided["needs_met"]
    return {
        "assessment": assessment,
        "carer": carer,
        "carer_address": carer.address_lines,
        **_council_context(assessment),
        **decided,
        "decided": decided,
        "letter_date": _letter_date(assessment),
        "draft": is_draft(assessment),
        "assessor_name": decided_by.get_full_name() if decided_by else "",
        "struggles": struggles(assessment) if not_met else [],
        # Services picked for this carer, in the letter's language (this is called inside it).
        "advice": advice_for(assessment, translation.get_language()) if not_met else [],
    }


def letter_versions(assessment, request=None, *, pdf=False) -> list[dict]:
    languages = correspondence_languages(assessment.carer, assessment.assessing_organisation)
    return render_versions(
        "assessments/_letter_body.jinja", lambda: _body_context(assessment), languages, request, pdf=pdf
    )


def letter_context(assessment) -> dict:
    versions = letter_versions(assessment)
    return {
        "assessment": assessment,
        "draft": is_draft(assessment),
        **versions_page(versions, assessment.assessing_organisation),
    }


LETTER_TITLE = _("Your carer's assessment: our decision")
DRAFT_LABEL = _("Draft: not signed off, do not send")


def letter_pdf(assessment, request) -> bytes:
    versions = letter_versions(assessment, request, pdf=True)
    with translation.override(versions[0]["language"]):
        draft = gettext(DRAFT_LABEL) if is_draft(assessment) else ""
        title = gettext(LETTER_TITLE)
        if draft:
            title = gettext("Draft: %(title)s") % {"title": title}
    return pdf_document(versions, title)


# --- The copy of the assessment record --------------------------------------------------------------


def _matter_rows(assessment) -> list[dict]:
    """The other matters the law requires for this framework (assessment.matters), each by its question
    where the rules' module (eligibility.matters, ``BY_CODE[code].label``) knows it, by its code otherwise."""
    try:
        from carershub.assessments.eligibility import matters as required_matters

        known = getattr(required_matters, "BY_CODE", {})
    except ImportError:  # pragma: no cover - the module arrives with the frameworks work
        known = {}
    rows = []
    for code, answer in (assessment.matters or {}).items():
        answer = answer if isinstance(answer, dict) else {"answer": str(answer)}
        label = getattr(known.get(code), "label", None)
        value = gettext("Does not apply") if answer.get("does_not_apply") else (answer.get("answer") or "")
        rows.append({"label": gettext(label) if label else code, "value": value or gettext("Not recorded")})
    return rows


def _record_context(assessment) -> dict:
    presenter = AssessmentPresenter(assessment)
    carer = PersonPresenter(assessment.carer)
    framework = framework_of(assessment)
    decided = decision_context(assessment) if is_decided(assessment) else None
    return {
        "assessment": assessment,
        "carer": carer,
        "carer_address": carer.address_lines,
        **_council_context(assessment),
        "framework_label": gettext(frameworks.LABELS[framework]),
        "law_sentence": LAW_SENTENCES.get((assessment.nation, framework), ""),
        "record_date": timezone.localdate(),
        "started_on": timezone.localdate(assessment.started_at),
        "assessor_name": assessment.assessor.get_full_name() if assessment.assessor else "",
        "cared_for": [p.full_name for p in assessment.cared_for.all()],
        "wellbeing_rows": presenter.wellbeing_rows,
        "matter_rows": _matter_rows(assessment),
        "decided": decided,
        "letter_date": _letter_date(assessment),
        "draft": is_draft(assessment) if decided else False,
    }


def record_versions(assessment, request=None, *, pdf=False) -> list[dict]:
    languages = correspondence_languages(assessment.carer, assessment.assessing_organisation)
    return render_versions(
        "assessments/_record_body.jinja", lambda: _record_context(assessment), languages, request, pdf=pdf
    )


def record_context(assessment) -> dict:
    versions = record_versions(assessment)
    return {"assessment": assessment, **versions_page(versions, assessment.assessing_organisation)}


RECORD_TITLE = _("Your carer's assessment: our record")


def record_pdf(assessment, request) -> bytes:
    versions = record_versions(assessment, request, pdf=True)
    with translation.override(versions[0]["language"]):
        title = gettext(RECORD_TITLE)
    return pdf_document(versions, title)
