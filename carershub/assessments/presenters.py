"""What assessment pages show: section progress, the decision and its reasons."""

from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility, frameworks, wellbeing
from carershub.assessments.determination import PROBLEMS as DETERMINATION_PROBLEMS
from carershub.assessments.eligibility import matters as required_matters
from carershub.assessments.models import AssessmentStatus
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
    "own_decision": _("the decision must be signed off by someone other than the person who made it"),
}


def _problem_text(code: str, matter_labels: dict[str, str]) -> str:
    """One readiness or decision problem in words: a missing matter by its question, the framework by
    why it cannot be chosen, a determination problem by its message."""
    kind, _sep, rest = code.partition(":")
    if kind == "matter" and rest in matter_labels:
        return gettext("record: %(matter)s") % {"matter": gettext(matter_labels[rest])}
    if kind == "framework":
        return gettext(frameworks.REASONS.get(rest, frameworks.REASONS["age_unknown"]))
    if code in DETERMINATION_PROBLEMS:
        return gettext(DETERMINATION_PROBLEMS[code])
    if code in PROBLEMS:
        return gettext(str(PROBLEMS[code]))
    return code

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


def staff_rules_messages() -> dict[str, str]:
    """The rules' sentences about the carer (not to them), for staff pages, in the reader's language."""
    return {code: gettext(text) for code, text in eligibility.STAFF_MESSAGES.items()}


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

    def __init__(self, criterion, messages, say=None):
        super().__init__(criterion)
        self._messages = messages
        self._say = say

    @property
    def explanation(self):
        if self._say is not None:
            return self._say(self.obj.explanation_code, self.obj.detail, self.obj.explanation)
        return _reworded(self.obj.explanation_code, self.obj.detail, self.obj.explanation, self._messages)

    @property
    def not_considered(self) -> bool:
        """Not reached, because an earlier condition was not met: "not considered", never "met"."""
        return (self.obj.explanation_code or "").endswith(".not_considered")

    @property
    def citation(self):
        # Stored in English (the legislation's English titles): on a page in another language, marked as English.
        return self.obj.citation if _reading_english() else _as_english(self.obj.citation)


class DecisionText(Presenter):
    """A decision (stored, or today's preview) worded in the reader's language from its codes.

    ``Decision`` keeps the English it was decided with (``to_dict`` stores it), which stays the
    record; this wrapper only changes what a reader of another language sees.
    """

    def __init__(self, decision: eligibility.Decision, *, staff: bool = False):
        super().__init__(decision)
        self._staff = staff
        if staff:
            self._messages = staff_rules_messages()
        else:
            self._messages = translated_rules_messages() if not _reading_english() else {}

    def _say(self, code, detail, stored):
        # Staff pages always reword from the codes, in the practitioner's voice; the stored English is
        # the carer's letter's voice.
        if self._staff and code:
            try:
                return eligibility.render(code, detail, messages=self._messages)
            except (KeyError, IndexError, ValueError):
                return _as_english(stored) if not _reading_english() else stored
        return _reworded(code, detail, stored, self._messages)

    @property
    def explanation(self):
        return self._say(self.obj.explanation_code, None, self.obj.explanation)

    @property
    def prevention_advice_explanation(self):
        return self._say(
            self.obj.prevention_advice_explanation_code, None, self.obj.prevention_advice_explanation
        )

    @property
    def criteria(self) -> list[CriterionText]:
        return [CriterionText(c, self._messages, say=self._say) for c in self.obj.criteria]

    @property
    def warnings(self) -> list[str]:
        return [self._say(code, None, code) for code in getattr(self.obj, "warnings", None) or []]


class AssessmentPresenter(Presenter):
    def __init__(self, assessment):
        super().__init__(assessment)
        self.assessment = assessment

    def describe_problems(self, codes) -> str:
        """Problems in words; a missing matter by its question as this assessment's framework asks it."""
        labels = {}
        if self.assessment.framework:
            labels = {m.code: m.label for m in required_matters.matters_for(self.assessment.nation, self.assessment.framework)}
        return "; ".join(_problem_text(code, labels) for code in codes)

    def section_done(self, section: str) -> bool:
        if section == "eligibility":
            return self.preview is not None and self.preview.eligible is not None
        if section == "matters":
            # Only this section's own questions: the other sections' matters count for those sections.
            from carershub.assessments.services import matters_asked, missing_matters

            asked = {matter.code for matter in matters_asked(self.assessment)}
            return not asked.intersection(matter.code for matter in missing_matters(self.assessment))
        return all(getattr(self.assessment, name) for name in SECTION_FIELDS[section])

    @property
    def national_criteria(self) -> bool:
        return frameworks.has_national_criteria(self.assessment.nation, self.assessment.framework or None)

    @property
    def preview(self) -> eligibility.Decision | None:
        """Today's rules on the answers so far, where the framework has national criteria (a made
        decision is never recomputed)."""
        if not hasattr(self, "_preview"):
            from carershub.assessments.services import preview

            self._preview = preview(self.assessment)
        return self._preview

    @staticmethod
    def staff_decision(decision: eligibility.Decision) -> DecisionText:
        return DecisionText(decision, staff=True)

    @property
    def decision(self) -> DecisionText | None:
        """The stored decision, in the practitioner's voice (letters word it to the carer)."""
        stored = self.assessment.stored_decision()
        return DecisionText(stored, staff=True) if stored else None

    @property
    def shown_decision(self) -> DecisionText | None:
        if self.decision:
            return self.decision
        return DecisionText(self.preview, staff=True) if self.preview is not None else None

    @property
    def missing_text(self) -> list[str]:
        if self.preview is None:
            return []
        messages = translated_rules_messages()
        return [eligibility.render_missing(item, messages) for item in self.preview.missing]

    @property
    def framework_label(self) -> str:
        if not self.assessment.framework:
            return ""
        return gettext(frameworks.LABELS[frameworks.Framework(self.assessment.framework)])

    @property
    def framework_reason_text(self) -> str:
        reason = self.assessment.framework_reason
        return gettext(frameworks.REASONS[reason]) if reason in frameworks.REASONS else ""

    @property
    def matter_rows(self) -> list[dict]:
        """The answers kept in ``matters`` for this framework, as summary-list rows."""
        from carershub.assessments.services import matters_asked

        rows = []
        for matter in matters_asked(self.assessment):
            saved = (self.assessment.matters or {}).get(matter.code) or {}
            answer = saved.get("answer")
            if saved.get("does_not_apply"):
                text = gettext("Does not apply")
            elif isinstance(answer, bool):
                text = gettext("Yes") if answer else gettext("No")
            elif answer in (None, ""):
                text = gettext("Not recorded")
            else:
                labels = dict(matter.choices)
                text = gettext(labels[answer]) if answer in labels else str(answer)
            rows.append({"key": {"text": gettext(matter.label)}, "value": {"text": text}})
        return rows

    @property
    def determination_rows(self) -> list[dict]:
        """The practitioner's determination as summary-list rows, in the practitioner's voice."""
        d = self.assessment.determination or {}
        if not d:
            return []
        yes_no = {True: gettext("Yes"), False: gettext("No")}
        rows = []

        def row(key, value):
            if value not in (None, ""):
                rows.append({"key": {"text": key}, "value": {"text": value}})

        if d.get("proposed") is not None:
            row(gettext("The rules proposed"), gettext("Eligible") if d["proposed"] else gettext("Not eligible"))
        if d.get("decided") is not None:
            row(gettext("The practitioner decided"), gettext("Eligible") if d["decided"] else gettext("Not eligible"))
        if d.get("departs"):
            row(gettext("Departs from the proposal"), gettext("Yes, for the reasons given"))
        row(gettext("Needs for support"), yes_no.get(d.get("needs_for_support")))
        row(gettext("Services to be provided or arranged"), yes_no.get(d.get("services_to_be_provided")))
        row(gettext("Needs likely to be eligible after 18"), yes_no.get(d.get("likely_eligible_after_18")))
        if d.get("must_meet") is not None:
            provision = d.get("must_meet_provision") or ""
            row(
                gettext("Must be met to protect the carer (%(provision)s)") % {"provision": provision},
                yes_no[d["must_meet"]],
            )
        row(gettext("Why the needs must be met"), d.get("must_meet_reasons"))
        row(gettext("Needs call for the council's other functions (s32(1)(c))"), yes_no.get(d.get("other_functions")))
        row(gettext("Which functions, and why"), d.get("other_functions_detail"))
        row(gettext("Why the impact on well-being is significant"), d.get("wellbeing_reason"))
        row(gettext("Reasons"), d.get("reasons"))
        return rows

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
    def wellbeing_areas(self) -> dict[str, str]:
        """The areas of well-being the law asks about for this carer: in Wales, not the adult-only ones
        for a carer under 18 (SSWA 2014 s2(4))."""
        from carershub.assessments.services import carer_is_child

        return wellbeing.areas_for(self.assessment.nation, carer_is_adult=not carer_is_child(self.assessment))

    @property
    def wellbeing_rows(self) -> list[dict]:
        areas = self.wellbeing_areas
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
        """The provision the assessment is made under (frameworks.LAW), in the reader's language."""
        if self.assessment.framework:
            return gettext(frameworks.law_for(self.assessment.nation, self.assessment.framework))
        if self.assessment.nation == "wales":
            return gettext("Social Services and Well-being (Wales) Act 2014, section 24")
        return gettext("Care Act 2014, section 10")
