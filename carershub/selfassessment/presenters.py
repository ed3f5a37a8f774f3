"""What a self-assessment shows staff: the carer's answers as labelled rows, in the carer's words."""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from carershub.assessments import wellbeing
from carershub.assessments.models import AbleWilling, AssessmentSource
from carershub.core.presenters import Presenter
from carershub.selfassessment.forms import IMPACT_WORDS


def _lines(text: str):
    """The carer's text, escaped, keeping their line breaks."""
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in str(text).splitlines()))


class SelfAssessmentPresenter(Presenter):
    """What the carer sent, as labelled rows for a summary list."""

    @property
    def full_name(self) -> str:
        # Empty once the content is removed (discarded as junk, or the carer's record erased).
        return f"{self.given_name} {self.family_name}".strip() or _("(content removed)")

    @property
    def made_by_text(self) -> str:
        if self.made_by == AssessmentSource.ON_BEHALF:
            return _("Filled in for the carer by %(name)s") % {
                "name": self.helper_name or _("someone who did not give their name")
            }
        return _("The carer")

    @property
    def answer_rows(self) -> list[dict]:
        answers = self.answers or {}
        able = dict(AbleWilling.choices)
        rows = [
            (_("The care they give"), answers.get("caring_role")),
            (_("The person they care for and what they need"), answers.get("cared_for_needs")),
            (_("Able to keep caring"), str(able.get(answers.get("able_to_care"), ""))),
            (_("Want to keep caring"), str(able.get(answers.get("willing_to_care"), ""))),
            (_("What might change in future"), answers.get("future_caring")),
            (_("What they would like to be different"), answers.get("outcomes_wanted")),
            (_("Work, studies and free time"), answers.get("work_education_leisure")),
            (_("Anything else, in their words"), answers.get("carer_views")),
        ]
        return [
            {"key": {"text": key}, "value": {"html": _lines(value) if value else _("Not answered")}}
            for key, value in rows
        ]

    @property
    def wellbeing_rows(self) -> list[dict]:
        answers = self.answers or {}
        areas = wellbeing.AREAS_BY_NATION.get(answers.get("nation"), {})
        rows = []
        for code, answer in (answers.get("wellbeing") or {}).items():
            impact = IMPACT_WORDS.get(answer.get("impact"))
            level = wellbeing.IMPACT_LEVELS.get(answer.get("impact"))
            text = f"{_(level)} ({impact})" if level else _("Not answered")
            if answer.get("notes"):
                text = f"{text}. {answer['notes']}"
            rows.append({"key": {"text": _(areas[code]) if code in areas else code}, "value": {"html": _lines(text)}})
        return rows
