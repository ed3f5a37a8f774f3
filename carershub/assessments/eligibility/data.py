"""The data the eligibility rules take and give, and its JSON form.

* Codes (``str`` enums and string constants): stable, because the Django layer
  stores them as JSON.
* Inputs: ``CarerNeedsAnswers`` (with one ``OutcomeAnswer`` per outcome or
  matter). ``None`` always means "not answered yet".
* Results: one ``CriterionResult`` per statutory criterion, gathered in a
  ``Decision``. ``Decision.to_dict()``/``from_dict()`` store the rendered English
  too, so a stored decision reads the same even after ``MESSAGES`` or the rules
  change; ``from_dict`` never consults ``RULE_VERSIONS``.
* ``RuleSet``: one version of one nation's rules (see ``england``, ``wales`` and
  ``versions``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from .messages import render

# ---------------------------------------------------------------------------
# Codes (stable: stored as JSON by the Django layer)
# ---------------------------------------------------------------------------


class Nation(StrEnum):
    """Whose law applies: the nation of the assessing council."""

    ENGLAND = "england"
    WALES = "wales"


class CaredFor(StrEnum):
    """Who the carer looks after."""

    ADULT = "adult"
    DISABLED_CHILD = "disabled_child"
    CHILD_NOT_DISABLED = "child_not_disabled"


class Ability(StrEnum):
    """How the carer manages an outcome (England) or meets a need (Wales) on their own."""

    YES = "yes"  # manages it on their own, without any of the problems below
    ONLY_WITH_ASSISTANCE = "only_with_assistance"
    SIGNIFICANT_PAIN_DISTRESS_ANXIETY = "with_significant_pain_distress_anxiety"
    ENDANGERS_HEALTH_OR_SAFETY = "endangers_health_or_safety"
    TAKES_SIGNIFICANTLY_LONGER = "takes_significantly_longer"
    NO = "no"  # cannot do it at all
    # Added for the 2026-12 rule versions: the outcome or matter does not arise for this carer (e.g.
    # caring for a child when they have none). Counts as answered and never as "unable". Old
    # versions never saw it in stored answers; given to them it is read as YES (see england, wales).
    DOES_NOT_APPLY = "does_not_apply"


class OthersHelp(StrEnum):
    """Wales, SI 2015/1578 reg. 6 applied to "can others, or community services, meet this need?".

    Reg. 6 (as summarised by the Regulations' Explanatory Note): a person is regarded as unable to
    meet a need "whether with assistance or without it" if they can do so only by enduring
    significant pain, anxiety or distress, by endangering themselves or another person, or by taking
    a significantly longer time than would normally be expected. So only ``YES`` means "can meet".
    """

    YES = "yes"  # without significant pain, anxiety or distress, danger, or taking significantly longer
    ONLY_WITH_SIGNIFICANT_PAIN_ANXIETY_DISTRESS = "only_with_significant_pain_anxiety_distress"
    ONLY_BY_ENDANGERING = "only_by_endangering"
    ONLY_BY_TAKING_SIGNIFICANTLY_LONGER = "only_by_taking_significantly_longer"
    NO = "no"


class EnglandOutcome(StrEnum):
    """SI 2015/313 reg. 3(2)(b)(i)-(viii), in statutory order."""

    CHILD_CARING_RESPONSIBILITIES = "england.child_caring_responsibilities"  # (i)
    CARE_FOR_OTHERS = "england.care_for_others"  # (ii)
    HABITABLE_HOME = "england.habitable_home"  # (iii)
    NUTRITION = "england.nutrition"  # (iv)
    RELATIONSHIPS = "england.relationships"  # (v)
    WORK_TRAINING_EDUCATION_VOLUNTEERING = "england.work_training_education_volunteering"  # (vi)
    COMMUNITY_FACILITIES_SERVICES = "england.community_facilities_services"  # (vii)
    RECREATIONAL_ACTIVITIES = "england.recreational_activities"  # (viii)


class WalesMatter(StrEnum):
    """SI 2015/1578 reg. 5 matters (same list as reg. 3(b)(i)-(vii)), in order."""

    SELF_CARE_DOMESTIC_ROUTINES = "wales.self_care_domestic_routines"  # (i)
    COMMUNICATION = "wales.communication"  # (ii)
    PROTECTION_FROM_ABUSE_NEGLECT = "wales.protection_from_abuse_neglect"  # (iii)
    WORK_EDUCATION_LEARNING_LEISURE = "wales.work_education_learning_leisure"  # (iv)
    FAMILY_SIGNIFICANT_RELATIONSHIPS = "wales.family_significant_relationships"  # (v)
    SOCIAL_RELATIONSHIPS_COMMUNITY = "wales.social_relationships_community"  # (vi)
    CHILD_CARING_RESPONSIBILITIES = "wales.child_caring_responsibilities"  # (vii)


ENGLAND_OUTCOMES: Final[tuple[EnglandOutcome, ...]] = tuple(EnglandOutcome)
WALES_MATTERS: Final[tuple[WalesMatter, ...]] = tuple(WalesMatter)

OUTCOMES_BY_NATION: Final[dict[Nation, tuple[str, ...]]] = {
    Nation.ENGLAND: tuple(o.value for o in ENGLAND_OUTCOMES),
    Nation.WALES: tuple(m.value for m in WALES_MATTERS),
}

# Missing-information codes (also keys in MESSAGES under "missing.").
MISSING_CARED_FOR: Final = "cared_for"
MISSING_NEEDS_ARISE: Final = "needs_arise_from_providing_care"
MISSING_NECESSARY_CARE: Final = "provides_necessary_care"
MISSING_HEALTH: Final = "health_deteriorating_or_at_risk"
MISSING_WELLBEING: Final = "significant_impact_on_wellbeing"
MISSING_FLUCTUATE: Final = "needs_fluctuate"
MISSING_PERIOD: Final = "fluctuation_period_considered"
MISSING_ACHIEVABLE: Final = "achievable"
MISSING_OTHERS: Final = "others_or_community_can_meet"
MISSING_OTHERS_HELP: Final = "others_or_community"  # the reg. 6 scale (2026-12 Wales version)
MISSING_PERSONAL_OUTCOMES: Final = "personal_outcomes_unlikely_without_council"


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def _opt_enum(enum_cls: type[StrEnum], value: Any) -> Any:
    return None if value is None else enum_cls(value)


def _opt_bool(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{name} must be True, False or None, not {value!r}")


@dataclass(frozen=True)
class OutcomeAnswer:
    """The answer for one England outcome or one Wales matter.

    ``achievable``: how the carer manages it on their own.
    Wales only (ignored for England), both judged with reg. 6 in mind:
    ``others_or_community_can_meet``: can the need be met with the support of
    others who are willing to give it, or with community services the carer has
    access to?  ``personal_outcomes_unlikely_without_council``: is the carer
    unlikely to achieve one or more personal outcomes unless the council
    provides or arranges support (or direct payments) for this need?
    ``others_or_community``: the same question on the reg. 6 scale (``OthersHelp``), read by the
    2026-12 Wales version instead of the yes/no answer, so that "yes" cannot be recorded for a carer
    who copes only by suffering. Stored answers without it read as ``None``; ``to_dict`` leaves it
    out while it is ``None`` so answers stored before it existed round-trip unchanged.
    """

    code: str
    achievable: Ability | None = None
    others_or_community_can_meet: bool | None = None
    personal_outcomes_unlikely_without_council: bool | None = None
    others_or_community: OthersHelp | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", str(self.code))
        object.__setattr__(self, "achievable", _opt_enum(Ability, self.achievable))
        object.__setattr__(self, "others_or_community", _opt_enum(OthersHelp, self.others_or_community))
        _opt_bool("others_or_community_can_meet", self.others_or_community_can_meet)
        _opt_bool("personal_outcomes_unlikely_without_council", self.personal_outcomes_unlikely_without_council)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "achievable": None if self.achievable is None else self.achievable.value,
            "others_or_community_can_meet": self.others_or_community_can_meet,
            "personal_outcomes_unlikely_without_council": self.personal_outcomes_unlikely_without_council,
        }
        if self.others_or_community is not None:
            data["others_or_community"] = self.others_or_community.value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutcomeAnswer:
        return cls(
            code=data["code"],
            achievable=data.get("achievable"),
            others_or_community_can_meet=data.get("others_or_community_can_meet"),
            personal_outcomes_unlikely_without_council=data.get("personal_outcomes_unlikely_without_council"),
            others_or_community=data.get("others_or_community"),
        )


@dataclass(frozen=True)
class CarerNeedsAnswers:
    """Everything the rules need. ``None`` always means "not answered yet".

    Fields used by both nations: ``nation``, ``cared_for``,
    ``needs_arise_from_providing_care``, ``outcomes``, ``needs_fluctuate``,
    ``fluctuation_period_considered``.
    England only: ``provides_necessary_care``,
    ``health_deteriorating_or_at_risk``, ``significant_impact_on_wellbeing``.
    ``outcomes`` holds at most one answer per code of the nation's list
    (``OUTCOMES_BY_NATION``); codes not answered count as unanswered.
    """

    nation: Nation
    cared_for: CaredFor | None = None
    needs_arise_from_providing_care: bool | None = None
    provides_necessary_care: bool | None = None
    health_deteriorating_or_at_risk: bool | None = None
    outcomes: tuple[OutcomeAnswer, ...] = ()
    significant_impact_on_wellbeing: bool | None = None
    needs_fluctuate: bool | None = None
    fluctuation_period_considered: str | None = None

    def __post_init__(self) -> None:
        nation = Nation(self.nation)
        object.__setattr__(self, "nation", nation)
        object.__setattr__(self, "cared_for", _opt_enum(CaredFor, self.cared_for))
        for name in (
            "needs_arise_from_providing_care",
            "provides_necessary_care",
            "health_deteriorating_or_at_risk",
            "significant_impact_on_wellbeing",
            "needs_fluctuate",
        ):
            _opt_bool(name, getattr(self, name))
        outcomes = tuple(o if isinstance(o, OutcomeAnswer) else OutcomeAnswer.from_dict(o) for o in self.outcomes)
        allowed = OUTCOMES_BY_NATION[nation]
        seen: set[str] = set()
        for answer in outcomes:
            if answer.code not in allowed:
                raise ValueError(f"{answer.code!r} is not an outcome for {nation.value}")
            if answer.code in seen:
                raise ValueError(f"{answer.code!r} is answered more than once")
            seen.add(answer.code)
        object.__setattr__(self, "outcomes", outcomes)

    def answer_for(self, code: str) -> OutcomeAnswer:
        for answer in self.outcomes:
            if answer.code == code:
                return answer
        return OutcomeAnswer(code=code)

    @property
    def period(self) -> str | None:
        """The considered period, stripped; blank counts as not recorded."""
        text = (self.fluctuation_period_considered or "").strip()
        return text or None

    def to_dict(self) -> dict[str, Any]:
        return {
            "nation": self.nation.value,
            "cared_for": None if self.cared_for is None else self.cared_for.value,
            "needs_arise_from_providing_care": self.needs_arise_from_providing_care,
            "provides_necessary_care": self.provides_necessary_care,
            "health_deteriorating_or_at_risk": self.health_deteriorating_or_at_risk,
            "outcomes": [o.to_dict() for o in self.outcomes],
            "significant_impact_on_wellbeing": self.significant_impact_on_wellbeing,
            "needs_fluctuate": self.needs_fluctuate,
            "fluctuation_period_considered": self.fluctuation_period_considered,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CarerNeedsAnswers:
        return cls(
            nation=data["nation"],
            cared_for=data.get("cared_for"),
            needs_arise_from_providing_care=data.get("needs_arise_from_providing_care"),
            provides_necessary_care=data.get("provides_necessary_care"),
            health_deteriorating_or_at_risk=data.get("health_deteriorating_or_at_risk"),
            outcomes=tuple(OutcomeAnswer.from_dict(o) for o in data.get("outcomes", ())),
            significant_impact_on_wellbeing=data.get("significant_impact_on_wellbeing"),
            needs_fluctuate=data.get("needs_fluctuate"),
            fluctuation_period_considered=data.get("fluctuation_period_considered"),
        )


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """One statutory criterion. ``met`` is None when information is missing.

    ``detail`` holds the template parameters (JSON-safe; lists hold codes).
    ``level_of_need`` marks criteria that measure the level of need, which
    cannot be relied on while a fluctuation period is missing.
    ``explanation`` is the English text at decision time (kept when stored).
    """

    code: str
    citation: str
    met: bool | None
    explanation_code: str
    detail: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    level_of_need: bool = False
    explanation: str = ""

    def __post_init__(self) -> None:
        if not self.explanation:
            object.__setattr__(self, "explanation", render(self.explanation_code, self.detail))

    @property
    def considered(self) -> bool:
        """False where the criterion was not reached because an earlier one is not met (``met`` is
        then None, yet nothing is missing). Read from the explanation code, so stored results of
        every schema answer it: nothing is stored for it."""
        return not self.explanation_code.endswith(NOT_CONSIDERED_SUFFIX)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "citation": self.citation,
            "met": self.met,
            "explanation_code": self.explanation_code,
            "detail": dict(self.detail),
            "missing": list(self.missing),
            "level_of_need": self.level_of_need,
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CriterionResult:
        return cls(
            code=data["code"],
            citation=data["citation"],
            met=data["met"],
            explanation_code=data["explanation_code"],
            detail=dict(data.get("detail") or {}),
            missing=list(data.get("missing") or []),
            level_of_need=bool(data.get("level_of_need", False)),
            explanation=data.get("explanation") or "",
        )


NOT_CONSIDERED_SUFFIX: Final = ".not_considered"

# 2: adds ``framework`` and ``warnings``. Schema 1 dicts (stored before) read with framework
# "adult_carer" and no warnings, and are written back exactly as they were stored.
DECISION_SCHEMA: Final = 2
DECISION_SCHEMAS: Final = (1, 2)
DEFAULT_FRAMEWORK: Final = "adult_carer"


@dataclass(frozen=True)
class Decision:
    """The outcome of ``decide``; round-trips through ``to_dict``/``from_dict``.

    ``eligible``: True, False, or None (cannot decide; see ``missing``).
    ``missing``: codes of unanswered questions that block an undecided
    criterion, e.g. ``"significant_impact_on_wellbeing"`` or
    ``"achievable:england.nutrition"`` (render with ``render_missing``).
    ``prevention_advice_required`` is True exactly when ``eligible is False``.
    ``framework``: the ``frameworks.Framework`` value the decision was made under.
    ``warnings``: codes (keys of ``MESSAGES``) of things staff should look at that do not block
    or change the statutory decision, e.g. Welsh fluctuating needs (service policy).
    ``schema``: the stored form it was read from (1 or 2); ``to_dict`` writes that form back.
    """

    eligible: bool | None
    nation: Nation
    rule_version: str
    criteria: list[CriterionResult]
    missing: list[str]
    explanation_code: str
    prevention_advice_required: bool
    prevention_advice_citation: str | None = None
    prevention_advice_explanation_code: str | None = None
    explanation: str = ""
    prevention_advice_explanation: str | None = None
    framework: str = DEFAULT_FRAMEWORK
    warnings: list[str] = field(default_factory=list)
    schema: int = DECISION_SCHEMA

    def __post_init__(self) -> None:
        object.__setattr__(self, "nation", Nation(self.nation))
        object.__setattr__(self, "framework", str(self.framework))
        if not self.explanation:
            object.__setattr__(self, "explanation", render(self.explanation_code))
        if self.prevention_advice_explanation_code and self.prevention_advice_explanation is None:
            object.__setattr__(
                self, "prevention_advice_explanation", render(self.prevention_advice_explanation_code)
            )

    def criterion(self, code: str) -> CriterionResult:
        for result in self.criteria:
            if result.code == code:
                return result
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "schema": self.schema,
            "eligible": self.eligible,
            "nation": self.nation.value,
            "rule_version": self.rule_version,
            "explanation_code": self.explanation_code,
            "explanation": self.explanation,
            "criteria": [c.to_dict() for c in self.criteria],
            "missing": list(self.missing),
            "prevention_advice_required": self.prevention_advice_required,
            "prevention_advice_citation": self.prevention_advice_citation,
            "prevention_advice_explanation_code": self.prevention_advice_explanation_code,
            "prevention_advice_explanation": self.prevention_advice_explanation,
        }
        if self.schema >= 2:
            data["framework"] = self.framework
            data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Decision:
        """Rebuild a stored decision exactly as stored (never re-evaluates). Schema 1 and 2."""
        schema = data.get("schema", 1)
        if schema not in DECISION_SCHEMAS:
            raise ValueError(f"unsupported decision schema {schema!r}")
        return cls(
            eligible=data["eligible"],
            nation=data["nation"],
            rule_version=data["rule_version"],
            criteria=[CriterionResult.from_dict(c) for c in data["criteria"]],
            missing=list(data.get("missing") or []),
            explanation_code=data["explanation_code"],
            explanation=data.get("explanation") or "",
            prevention_advice_required=bool(data["prevention_advice_required"]),
            prevention_advice_citation=data.get("prevention_advice_citation"),
            prevention_advice_explanation_code=data.get("prevention_advice_explanation_code"),
            prevention_advice_explanation=data.get("prevention_advice_explanation"),
            framework=data.get("framework") or DEFAULT_FRAMEWORK,
            warnings=list(data.get("warnings") or []),
            schema=schema,
        )


@dataclass(frozen=True)
class RuleSet:
    """One version of one nation's rules. Add new versions; never edit an old one."""

    version: str
    nation: Nation
    effective_from: date
    title: str
    evaluate: Callable[[CarerNeedsAnswers], list[CriterionResult]]
    prevention_citation: str
    prevention_explanation_code: str
    note: str = ""
    # Codes of warnings that do not block the decision (added 2026-12; older versions give none).
    warn: Callable[[CarerNeedsAnswers], list[str]] | None = None
