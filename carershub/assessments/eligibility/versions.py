"""Which rules apply, and the overall decision.

``RULE_VERSIONS`` maps a version string to a ``RuleSet`` (defined with its
nation's law in ``england`` and ``wales``); add new versions alongside the old
ones, never edit an old one. ``decide`` applies a version to the answers and
combines its criteria into a ``Decision``.
"""

from __future__ import annotations

from typing import Final

from ..frameworks import LAW, Framework, has_national_criteria
from . import england, wales
from .data import DEFAULT_FRAMEWORK, CarerNeedsAnswers, CriterionResult, Decision, Nation, RuleSet
from .england import ENGLAND_2015, ENGLAND_2026
from .shared import and3
from .wales import WALES_2016, WALES_2026

# Every criterion's citation (and the advice owed when not eligible), both nations.
CITATIONS: Final[dict[str, str]] = {**england.CITATIONS, **wales.CITATIONS}

RULE_VERSIONS: dict[str, RuleSet] = {
    ENGLAND_2015: england.RULES_2015,
    WALES_2016: wales.RULES_2016,
    ENGLAND_2026: england.RULES_2026,
    WALES_2026: wales.RULES_2026,
}

CURRENT_RULE_VERSIONS: dict[Nation, str] = {Nation.ENGLAND: ENGLAND_2026, Nation.WALES: WALES_2026}


class NoNationalCriteria(ValueError):
    """``decide`` was asked for a framework without national eligibility criteria in the nation
    (``frameworks.has_national_criteria``): there, the council decides whether there are needs for
    support. ``message_code`` is the key of the explanation in ``MESSAGES``/``STAFF_MESSAGES``."""

    def __init__(self, nation: Nation, framework: Framework):
        self.nation = nation
        self.framework = framework
        self.law = LAW.get((nation.value, framework), "")  # "" where the nation has no such framework
        self.message_code = f"no_national_criteria.{nation.value}.{framework.value}"
        super().__init__(
            f"there are no national eligibility criteria for the {framework.value} framework in "
            f"{nation.value}" + (f" ({self.law})" if self.law else "")
        )


def check_framework(nation: Nation | str, framework: Framework | str) -> Framework:
    """The framework as a ``Framework``; ``NoNationalCriteria`` if it has no criteria in ``nation``.

    A value that is no framework at all is a plain ``ValueError``.
    """
    nation, framework = Nation(nation), Framework(framework)
    if not has_national_criteria(nation.value, framework):
        raise NoNationalCriteria(nation, framework)
    return framework


def _overall(criteria: list[CriterionResult]) -> bool | None:
    """AND of all criteria, except that while a fluctuation period is missing a
    "not met" on a level-of-need criterion cannot be trusted (reg. 3(4))."""
    fluctuation_open = any(c.code.endswith(".fluctuation") and c.met is None for c in criteria)
    if any(c.met is False and not c.level_of_need for c in criteria):
        return False
    if fluctuation_open:
        return None
    return and3(c.met for c in criteria)


def decide(
    answers: CarerNeedsAnswers, rule_version: str | None = None, framework: Framework | str = DEFAULT_FRAMEWORK
) -> Decision:
    """Apply the eligibility rules for the answers' nation.

    ``rule_version`` defaults to the current version for the nation; an
    explicit version must exist in ``RULE_VERSIONS`` and match the nation.
    ``framework`` (a ``frameworks.Framework`` value) must have national criteria in the nation,
    else ``NoNationalCriteria``; every framework that has them uses the same regulations.
    """
    framework = check_framework(answers.nation, framework)
    version = rule_version or CURRENT_RULE_VERSIONS[answers.nation]
    try:
        rules = RULE_VERSIONS[version]
    except KeyError:
        raise ValueError(f"unknown rule version {version!r}") from None
    if rules.nation is not answers.nation:
        raise ValueError(f"rule version {version!r} is for {rules.nation.value}, not {answers.nation.value}")

    criteria = rules.evaluate(answers)
    eligible = _overall(criteria)
    missing: list[str] = []
    for c in criteria:
        if c.met is None:
            missing.extend(m for m in c.missing if m not in missing)

    if eligible is None:
        explanation_code = "decision.cannot_decide"
    else:
        explanation_code = f"decision.{answers.nation.value}.{'eligible' if eligible else 'not_eligible'}"
    not_eligible = eligible is False
    return Decision(
        eligible=eligible,
        nation=answers.nation,
        rule_version=version,
        criteria=criteria,
        missing=missing,
        explanation_code=explanation_code,
        prevention_advice_required=not_eligible,
        prevention_advice_citation=rules.prevention_citation if not_eligible else None,
        prevention_advice_explanation_code=rules.prevention_explanation_code if not_eligible else None,
        framework=framework.value,
        warnings=rules.warn(answers) if rules.warn else [],
    )


def nation_for_authority_country(code: str | None) -> Nation | None:
    """Map a GSS code ("E06000001", "W06000015") or country letter ("E", "W") to a nation.

    Returns None for anything else (Scotland "S", Northern Ireland "N", blank):
    those nations have their own carer law, which this package does not cover.
    """
    text = (code or "").strip().upper()
    if text.startswith("E"):
        return Nation.ENGLAND
    if text.startswith("W"):
        return Nation.WALES
    return None
