"""What assessment pages show: section progress, the decision and its reasons."""

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
    def decision(self) -> eligibility.Decision | None:
        return self.assessment.stored_decision()

    @property
    def shown_decision(self) -> eligibility.Decision:
        return self.decision or self.preview

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
