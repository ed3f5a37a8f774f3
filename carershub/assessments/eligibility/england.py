"""Carer eligibility in England: SI 2015/313, regulation 3.

The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313),
regulation 3 ("Needs which meet the eligibility criteria: carers"). Reg. 1: the
Regulations come into force immediately after section 13(7) of the Care Act
2014 comes fully into force; s.13(7) came fully into force on 1 April 2015
(SI 2015/993, art. 2(a)).

3(1) A carer's needs meet the eligibility criteria if (a) the needs arise as a
consequence of providing necessary care for an adult; (b) the effect of the
carer's needs is that any of the circumstances specified in paragraph (2) apply
to the carer; and (c) as a consequence of that fact there is, or is likely to
be, a significant impact on the carer's well-being.

The text relied on for each limb is quoted with the rule that applies it,
below; each criterion's citation is in ``CITATIONS`` and its English
explanations in ``messages``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from .data import (
    MISSING_ACHIEVABLE,
    MISSING_CARED_FOR,
    MISSING_HEALTH,
    MISSING_NECESSARY_CARE,
    MISSING_NEEDS_ARISE,
    MISSING_WELLBEING,
    OUTCOMES_BY_NATION,
    Ability,
    CaredFor,
    CarerNeedsAnswers,
    CriterionResult,
    Nation,
    RuleSet,
)
from .shared import fluctuation

ENGLAND_SI: Final = "The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313)"

CITATIONS: Final[dict[str, str]] = {
    "england.necessary_care": f"{ENGLAND_SI}, reg. 3(1)(a)",
    "england.effect": f"{ENGLAND_SI}, reg. 3(1)(b), 3(2) and 3(3)",
    "england.wellbeing": f"{ENGLAND_SI}, reg. 3(1)(c); Care Act 2014, s. 1(2)",
    "england.fluctuation": f"{ENGLAND_SI}, reg. 3(4)",
    "england.prevention": "Care Act 2014, s. 13(5)",
}

# Reg. 3(3): the ways of being "unable". Deliberately excludes
# TAKES_SIGNIFICANTLY_LONGER (that limb exists only for adults, reg. 2(3)(d)).
ENGLAND_UNABLE: Final[frozenset[Ability]] = frozenset(
    {
        Ability.NO,
        Ability.ONLY_WITH_ASSISTANCE,
        Ability.SIGNIFICANT_PAIN_DISTRESS_ANXIETY,
        Ability.ENDANGERS_HEALTH_OR_SAFETY,
    }
)


def _necessary_care(a: CarerNeedsAnswers) -> CriterionResult:
    """Reg. 3(1)(a): "the needs arise as a consequence of providing necessary care for an adult"."""
    code, citation = "england.necessary_care", CITATIONS["england.necessary_care"]
    if a.cared_for is not None and a.cared_for is not CaredFor.ADULT:
        return CriterionResult(code, citation, False, f"{code}.not_adult", detail={"cared_for": a.cared_for.value})
    if a.provides_necessary_care is False:
        return CriterionResult(code, citation, False, f"{code}.not_necessary")
    if a.needs_arise_from_providing_care is False:
        return CriterionResult(code, citation, False, f"{code}.not_arising")
    missing = [
        name
        for name, value in (
            (MISSING_CARED_FOR, a.cared_for),
            (MISSING_NECESSARY_CARE, a.provides_necessary_care),
            (MISSING_NEEDS_ARISE, a.needs_arise_from_providing_care),
        )
        if value is None
    ]
    if missing:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=missing)
    return CriterionResult(code, citation, True, f"{code}.met")


def _effect(a: CarerNeedsAnswers) -> CriterionResult:
    """Reg. 3(1)(b), read with 3(2) and 3(3).

    3(2): (a) the carer's physical or mental health is, or is at risk of,
    deteriorating; (b) the carer is unable to achieve any of eight outcomes
    (see ``ENGLAND_OUTCOMES``). One outcome is enough ("any of").

    3(3): "unable" = (a) unable to achieve it without assistance; (b) able
    without assistance but doing so causes significant pain, distress or
    anxiety; or (c) able without assistance but doing so endangers or is likely
    to endanger the health or safety of the carer, or of others. NOTE: unlike
    reg. 2(3)(d) for adults needing care, there is NO "takes significantly
    longer than would normally be expected" limb for carers (``ENGLAND_UNABLE``).
    """
    code, citation = "england.effect", CITATIONS["england.effect"]
    answers = [a.answer_for(o) for o in OUTCOMES_BY_NATION[Nation.ENGLAND]]
    unable = [x.code for x in answers if x.achievable in ENGLAND_UNABLE]
    slower = [x.code for x in answers if x.achievable is Ability.TAKES_SIGNIFICANTLY_LONGER]
    unanswered = [x.code for x in answers if x.achievable is None]
    health = a.health_deteriorating_or_at_risk
    detail: dict[str, Any] = {"outcomes": unable}
    if health is True and unable:
        return CriterionResult(code, citation, True, f"{code}.health_and_outcomes", detail=detail, level_of_need=True)
    if health is True:
        return CriterionResult(code, citation, True, f"{code}.health", level_of_need=True)
    if unable:
        return CriterionResult(code, citation, True, f"{code}.outcomes", detail=detail, level_of_need=True)
    if health is False and not unanswered:
        if slower:
            return CriterionResult(
                code, citation, False, f"{code}.not_met_slower_only", detail={"outcomes": slower}, level_of_need=True
            )
        return CriterionResult(code, citation, False, f"{code}.not_met", level_of_need=True)
    missing = ([MISSING_HEALTH] if health is None else []) + [f"{MISSING_ACHIEVABLE}:{c}" for c in unanswered]
    return CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True)


def _wellbeing(a: CarerNeedsAnswers) -> CriterionResult:
    """Reg. 3(1)(c): "as a consequence of that fact there is, or is likely to be, a significant impact on
    the carer's well-being". "Well-being" is the meaning in section 1(2) of the Care Act 2014."""
    code, citation = "england.wellbeing", CITATIONS["england.wellbeing"]
    value = a.significant_impact_on_wellbeing
    if value is None:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=[MISSING_WELLBEING], level_of_need=True)
    return CriterionResult(code, citation, value, f"{code}.met" if value else f"{code}.not_met", level_of_need=True)


def _evaluate_2015(a: CarerNeedsAnswers) -> list[CriterionResult]:
    """Reg. 3(1)(a), (b), (c), then 3(4).

    3(4): Where the level of a carer's needs fluctuates, the local authority
    must take into account the carer's circumstances over such period as it
    considers necessary to establish accurately the carer's level of need.
    """
    return [
        _necessary_care(a),
        _effect(a),
        _wellbeing(a),
        fluctuation(a, "england.fluctuation", CITATIONS["england.fluctuation"]),
    ]


ENGLAND_2015: Final = "england-SI-2015-313-reg3/2015-04-01"

# Not eligible: Care Act 2014 s.13(5): where none of the needs meet the
# eligibility criteria the local authority must give written advice and
# information about (a) what can be done to meet or reduce the needs and (b)
# what can be done to prevent or delay the development of needs in the future.
# (s.13(2): a written record of the determination and the reasons must be given
# in every case.)
RULES_2015: Final = RuleSet(
    version=ENGLAND_2015,
    nation=Nation.ENGLAND,
    effective_from=date(2015, 4, 1),
    title=f"{ENGLAND_SI}, reg. 3",
    evaluate=_evaluate_2015,
    prevention_citation=CITATIONS["england.prevention"],
    prevention_explanation_code="prevention.england",
)


# ---------------------------------------------------------------------------
# 2026-12: "not considered" and "does not apply"
# ---------------------------------------------------------------------------
#
# Same law as 2015 (SI 2015/313 reg. 3, text as quoted above). Two changes in how it is shown:
#
# * The limbs of reg. 3(1) are cumulative ("(a) ...; (b) ...; and (c) ..."), and (c) is "as a
#   consequence of that fact", i.e. of (b). Where (a) is not met, (b) and (c) are not looked at:
#   they are "not considered" (met=None, nothing missing), never "met" or "not met". Where (b) is
#   not met, (c) is not considered. The overall result is unchanged: not eligible.
# * ``Ability.DOES_NOT_APPLY`` for an outcome that does not arise for this carer (e.g. reg.
#   3(2)(b)(i), caring responsibilities for a child, when they have none): answered, not "unable".
#   ``_effect`` above already reads it so (it is neither in ``ENGLAND_UNABLE`` nor unanswered),
#   which is also how the 2015 version reads it if it is ever given one.
#
# Reg. 3(3) still has no "takes significantly longer" limb for carers (see ``_effect``).
# Reg. 3(4) (fluctuating needs) is law in England, so it stays a criterion.

REFS: Final[dict[str, str]] = {
    "england.necessary_care": "3(1)(a)",
    "england.effect": "3(1)(b)",
    "england.wellbeing": "3(1)(c)",
}


def not_considered(code: str, citation: str, failed: str, refs: dict[str, str], **extra: Any) -> CriterionResult:
    """A criterion not reached because ``failed`` (an earlier criterion's code) is not met."""
    return CriterionResult(
        code,
        citation,
        None,
        f"{code}.not_considered",
        detail={"failed": failed, "failed_ref": refs[failed]},
        **extra,
    )


def _evaluate_2026(a: CarerNeedsAnswers) -> list[CriterionResult]:
    """Reg. 3(1)(a), (b), (c), then 3(4), with later limbs "not considered" after a failed one."""
    necessary = _necessary_care(a)
    if necessary.met is False:
        effect = not_considered("england.effect", CITATIONS["england.effect"], necessary.code, REFS, level_of_need=True)
        wellbeing = not_considered(
            "england.wellbeing", CITATIONS["england.wellbeing"], necessary.code, REFS, level_of_need=True
        )
    else:
        effect = _effect(a)
        if effect.met is False:
            wellbeing = not_considered(
                "england.wellbeing", CITATIONS["england.wellbeing"], effect.code, REFS, level_of_need=True
            )
        else:
            wellbeing = _wellbeing(a)
    return [necessary, effect, wellbeing, fluctuation(a, "england.fluctuation", CITATIONS["england.fluctuation"])]


ENGLAND_2026: Final = "england-SI-2015-313-reg3/2026-12"

RULES_2026: Final = RuleSet(
    version=ENGLAND_2026,
    nation=Nation.ENGLAND,
    effective_from=date(2026, 12, 1),
    title=f"{ENGLAND_SI}, reg. 3",
    note="Later limbs are not considered after a failed one; an outcome may not apply to the carer.",
    evaluate=_evaluate_2026,
    prevention_citation=CITATIONS["england.prevention"],
    prevention_explanation_code="prevention.england",
)
