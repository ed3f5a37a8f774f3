"""What assessment pages show: section progress, the decision and its reasons."""

from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility, wellbeing
from carershub.assessments.models import AssessmentStatus
from carershub.core import errors
from carershub.core.presenters import Presenter

PROBLEMS = {
    "caring_role": _("describe the caring role"),
    "able_to_care": _("say whether they are able to care"),
    "willing_to_care": _("say whether they are willing to care"),
    "outcomes_wanted": _("record the outcomes the carer wants"),
    "carer_views": _("record the carer's views"),
    "wellbeing": _("record the impact on well-being"),
    "eligibility": _("answer the eligibility questions"),
    "not_draft": _("it has already been submitted"),
    "not_submitted": _("it has not been submitted"),
    "not_decided": _("eligibility has not been decided"),
}

SECTION_FIELDS = {
    "caring": ("caring_role",),
    "ability": ("able_to_care", "willing_to_care"),
    "outcomes": ("outcomes_wanted",),
    "wellbeing": ("wellbeing",),
    "life": ("work_education_leisure",),
    "views": ("carer_views",),
}


def translated_rules_messages() -> dict[str, str]:
    return {code: gettext(text) for code, text in eligibility.MESSAGES.items()}


def _reading_english() -> bool:
    return (translation.get_language() or "en").startswith("en")


def _as_english(text):
    """Stored English shown on a page in another language, marked so a screen reader reads it as English."""
    return format_html('<span lang="en-GB">{}</span>', text) if text else text


def _reworded(code: str | None, detail, stored: str | None, messages: dict[str, str]):
    """A stored decision's sentence in the reader's language, rebuilt from its code and details.

    English readers get the stored English itself: it is the record of what was decided. Other
    languages render the code again from the translated ``eligibility.MESSAGES``; a code today's
    messages no longer know, or details that no longer fit, keep the stored English.
    """
    if _reading_english() or not code:
        return stored
    try:
        return eligibility.render(code, detail, messages=messages)
    except (KeyError, IndexError, ValueError):
        return _as_english(stored)


class CriterionText(Presenter):
    """One criterion of a decision, worded in the reader's language."""

    def __init__(self, criterion, messages):
        super().__init__(criterion)
        self._messages = messages

    @property
    def explanation(self):
        return _reworded(self.obj.explanation_code, self.obj.detail, self.obj.explanation, self._messages)

    @property
    def citation(self):
        # Stored in English (the legislation's English titles): on a page in another language, marked as English.
        return self.obj.citation if _reading_english() else _as_english(self.obj.citation)


class DecisionText(Presenter):
    """A decision (stored, or today's preview) worded in the reader's language from its codes.

    ``Decision`` keeps the English it was decided with (``to_dict`` stores it), which stays the
    record; this wrapper only changes what a reader of another language sees.
    """

    def __init__(self, decision: eligibility.Decision):
        super().__init__(decision)
        self._messages = translated_rules_messages() if not _reading_english() else {}

    @property
    def explanation(self):
        return _reworded(self.obj.explanation_code, None, self.obj.explanation, self._messages)

    @property
    def prevention_advice_explanation(self):
        return _reworded(
            self.obj.prevention_advice_explanation_code, None, self.obj.prevention_advice_explanation, self._messages
        )

    @property
    def criteria(self) -> list[CriterionText]:
        return [CriterionText(c, self._messages) for c in self.obj.criteria]


class AssessmentPresenter(Presenter):
    def __init__(self, assessment):
        super().__init__(assessment)
        self.assessment = assessment

    @staticmethod
    def describe_problems(codes) -> str:
        return errors.describe_problems(codes, PROBLEMS)

    def section_done(self, section: str) -> bool:
        if section == "eligibility":
            return self.preview.eligible is not None
        return all(getattr(self.assessment, name) for name in SECTION_FIELDS[section])

    @property
    def preview(self) -> eligibility.Decision:
        """Today's rules on the answers so far (drafts only; a made decision is never recomputed)."""
        if not hasattr(self, "_preview"):
            self._preview = eligibility.decide(self.assessment.needs_answers())
        return self._preview

    @property
    def decision(self) -> DecisionText | None:
        stored = self.assessment.stored_decision()
        return DecisionText(stored) if stored else None

    @property
    def shown_decision(self) -> DecisionText:
        return self.decision or DecisionText(self.preview)

    @property
    def missing_text(self) -> list[str]:
        messages = translated_rules_messages()
        return [eligibility.render_missing(item, messages) for item in self.preview.missing]

    @property
    def problems(self) -> list[str]:
        from carershub.assessments.services import readiness_problems

        return readiness_problems(self.assessment)

    @property
    def status_tag_class(self) -> str:
        return {
            AssessmentStatus.DRAFT: "govuk-tag--grey",
            AssessmentStatus.SUBMITTED: "govuk-tag--blue",
            AssessmentStatus.DECIDED: "govuk-tag--yellow",
            AssessmentStatus.COMPLETED: "govuk-tag--green",
        }[self.assessment.status]

    @property
    def wellbeing_rows(self) -> list[dict]:
        areas = wellbeing.AREAS_BY_NATION[self.assessment.nation]
        rows = []
        for code, label in areas.items():
            answer = (self.assessment.wellbeing or {}).get(code)
            if not answer:
                continue
            impact = gettext(wellbeing.IMPACT_LEVELS[answer["impact"]])
            value = f"{impact}. {answer['notes']}" if answer.get("notes") else impact
            rows.append({"key": {"text": gettext(label)}, "value": {"text": value}})
        return rows

    @property
    def law_name(self) -> str:
        if self.assessment.nation == "wales":
            return gettext("Social Services and Well-being (Wales) Act 2014, section 24")
        return gettext("Care Act 2014, section 10")
