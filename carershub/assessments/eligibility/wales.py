"""Carer eligibility in Wales: SI 2015/1578, regulations 5 and 6.

The Care and Support (Eligibility) (Wales) Regulations 2015
(SI 2015/1578 (W. 187)), made under s.32(3)-(5) of the Social Services and
Well-being (Wales) Act 2014 ("SSWA 2014"). Applies from 6 April 2016, the day
s.32 SSWA 2014 came into force (SI 2016/412, art. 2) and the date in reg. 1 of
the sibling Part 3/4 regulations (e.g. SI 2015/1335, 2015/1499); reg. 1 of
SI 2015/1578 itself was not seen -- verify.
Regulation 3 is adults, 4 children, 5 carers, 6 "ability to meet needs".

  VERIFY BEFORE RELYING ON SUB-PARAGRAPH LETTERS: the text of regs 5 and 6 as
  made could not be retrieved when this module was written. What was verified
  is (i) the official Explanatory Note: "In each case the criteria include a
  requirement about how the need in question arises, about whether it relates
  to one of the well-being-related factors, about whether or not the need can
  be met by the person alone or with assistance, and about whether or not a
  person is likely to achieve personal outcomes without provision of care and
  support by the local authority"; reg. 6 regards a person as unable to meet a
  need, "whether with assistance or without it", if they can only do so "by
  enduring significant pain, anxiety or distress, by endangering him or herself
  or another person, or by taking a significantly longer time than would
  normally be expected"; (ii) the full text of reg. 3 (adults), whose four
  limbs (a)-(d) follow that order; (iii) SSWA 2014 s.3 ("carer" = a person who
  provides or intends to provide care for an adult or disabled child) and s.32.
  The carer limbs below follow the Explanatory Note's order, cited as
  reg. 5(a)-(d); the seven "matters" are those of reg. 3(b) (including
  "fulfilment of caring responsibilities for a child"), as published by Welsh
  local authorities for carers. Check against legislation.gov.uk/wsi/2015/1578.

Checked for the 2026-12 version (legislation.gov.uk revised text, read through the project's
search): SSWA 2014 s.32(1)(a)-(d) in full, so the "must meet" determinations cite s.32(1)(b)(i)
(adult) and s.32(1)(b)(ii) (child; the issue called it "s32(1)(c)", which is the duty to consider
other functions); and reg. 4 of SI 2015/1578 as made (children), whose limbs (a)-(d) follow the same
order. Regs 5 and 6 as made were still not found: the 2026-12 version cites "reg. 5" and "reg. 6" by
number only, in its explanations and its criteria's citations (``CITATIONS_BY_NUMBER``); the 2016
version keeps the letters it was decided with, under the caveat above.

Wales eligibility is assessed per need: one need must satisfy limbs (b), (c)
and (d) together.

Each rule below quotes the part of the Explanatory Note (or of reg. 6) it
applies; each criterion's citation is in ``CITATIONS`` and its English
explanations in ``messages``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Final

from .data import (
    MISSING_ACHIEVABLE,
    MISSING_CARED_FOR,
    MISSING_NEEDS_ARISE,
    MISSING_OTHERS,
    MISSING_OTHERS_HELP,
    MISSING_PERSONAL_OUTCOMES,
    OUTCOMES_BY_NATION,
    Ability,
    CaredFor,
    CarerNeedsAnswers,
    CriterionResult,
    Nation,
    OthersHelp,
    OutcomeAnswer,
    RuleSet,
)
from .england import not_considered
from .shared import and3, fluctuation, or3

WALES_SI: Final = "The Care and Support (Eligibility) (Wales) Regulations 2015 (SI 2015/1578 (W. 187))"

CITATIONS: Final[dict[str, str]] = {
    "wales.arises_from_caring": f"{WALES_SI}, reg. 5(a); Social Services and Well-being (Wales) Act 2014, s. 3",
    "wales.relates_to_matter": f"{WALES_SI}, reg. 5(b)",
    "wales.cannot_meet_need": f"{WALES_SI}, reg. 5(c) and reg. 6",
    "wales.personal_outcomes": f"{WALES_SI}, reg. 5(d)",
    "wales.fluctuation": "Carers Hub assessment policy (not a provision of SI 2015/1578)",
    "wales.prevention": "Social Services and Well-being (Wales) Act 2014, s. 32(1)(d) and s. 32(1)(b)",
    # Determinations the practitioner records after the eligibility decision (not computed here).
    # SSWA 2014 s. 32(1), checked against the revised text on legislation.gov.uk: where needs do
    # not meet the criteria, (b) "determine whether it is nevertheless necessary to meet the needs in
    # order to protect the person from" (i) "abuse or neglect or a risk of abuse or neglect (if the
    # person is an adult)"; (ii) the same "or other harm or a risk of such harm (if the person is a
    # child)". (c) is a different duty: "determine whether the needs call for the exercise of any
    # function it has under this Act or Parts 4 or 5 of the Children Act 1989". The issue called
    # the child case "s32(1)(c)"; the Act puts it at s. 32(1)(b)(ii).
    "wales.must_meet_adult": "Social Services and Well-being (Wales) Act 2014, s. 32(1)(b)(i)",
    "wales.must_meet_child": "Social Services and Well-being (Wales) Act 2014, s. 32(1)(b)(ii)",
    "wales.other_functions": "Social Services and Well-being (Wales) Act 2014, s. 32(1)(c)",
}

# Message keys of those determinations (``MESSAGES``/``STAFF_MESSAGES``), by citation key.
DETERMINATION_MESSAGES: Final[dict[str, str]] = {
    "wales.must_meet_adult": "determination.wales.must_meet_adult",
    "wales.must_meet_child": "determination.wales.must_meet_child",
    "wales.other_functions": "determination.wales.other_functions",
}

# Anything short of "yes" means the carer cannot meet the need alone
# (reg. 6 adds pain/distress/anxiety, danger and taking significantly longer).
# ``Ability.DOES_NOT_APPLY`` (added for 2026-12) is not a need: every version reads it like YES.
WALES_CANNOT_MEET_ALONE: Final[frozenset[Ability]] = frozenset(set(Ability) - {Ability.YES, Ability.DOES_NOT_APPLY})


def cannot_meet_reg6(x: OutcomeAnswer) -> bool | None:
    """Reg. 5(c) read with reg. 6, on the ``OthersHelp`` scale (2026-12 version).

    Only ``OthersHelp.YES`` -- others or community services can meet the need without the carer
    enduring significant pain, anxiety or distress, endangering themselves or another person, or
    taking significantly longer than would normally be expected -- means "can meet". Answers stored
    before the scale existed: "no" (False) still means the need cannot be met that way; "yes"
    (True) is not enough, because it did not say whether the carer copes only by suffering, so the
    scale must be answered (missing).
    """
    if x.others_or_community is not None:
        return x.others_or_community is not OthersHelp.YES
    if x.others_or_community_can_meet is False:
        return True
    return None


def _arises_from_caring(a: CarerNeedsAnswers) -> CriterionResult:
    """Reg. 5(a) (see the VERIFY note): "how the need in question arises" -- from caring, where a "carer" is
    a person who provides or intends to provide care for an adult or disabled child (SSWA 2014 s.3)."""
    code, citation = "wales.arises_from_caring", CITATIONS["wales.arises_from_caring"]
    if a.cared_for is CaredFor.CHILD_NOT_DISABLED:
        return CriterionResult(
            code, citation, False, f"{code}.not_adult_or_disabled_child", detail={"cared_for": a.cared_for.value}
        )
    if a.needs_arise_from_providing_care is False:
        return CriterionResult(code, citation, False, f"{code}.not_arising")
    missing = [
        name
        for name, value in ((MISSING_CARED_FOR, a.cared_for), (MISSING_NEEDS_ARISE, a.needs_arise_from_providing_care))
        if value is None
    ]
    if missing:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=missing)
    return CriterionResult(code, citation, True, f"{code}.met")


def _needs(a: CarerNeedsAnswers, reg6_scale: bool = False) -> list[CriterionResult]:
    """Reg. 5(b), (c), (d): evaluated per need; each limb is cumulative on the same need.

    In the words of the Explanatory Note (see the VERIFY note): (b) "whether it
    relates to one of the well-being-related factors" (the matters,
    ``WALES_MATTERS``); (c) "whether or not the need can be met by the person
    alone or with assistance", read with reg. 6 (``WALES_CANNOT_MEET_ALONE``);
    (d) "whether or not a person is likely to achieve personal outcomes without
    provision of care and support by the local authority".
    """
    answers = [a.answer_for(m) for m in OUTCOMES_BY_NATION[Nation.WALES]]

    def has_need(x: OutcomeAnswer) -> bool | None:
        return None if x.achievable is None else x.achievable in WALES_CANNOT_MEET_ALONE

    def cannot_meet(x: OutcomeAnswer) -> bool | None:
        if reg6_scale:
            return cannot_meet_reg6(x)
        return None if x.others_or_community_can_meet is None else not x.others_or_community_can_meet

    def outcomes_at_risk(x: OutcomeAnswer) -> bool | None:
        return x.personal_outcomes_unlikely_without_council

    b_each = {x.code: has_need(x) for x in answers}
    c_each = {x.code: and3([b_each[x.code], cannot_meet(x)]) for x in answers}
    d_each = {x.code: and3([c_each[x.code], outcomes_at_risk(x)]) for x in answers}

    def missing_for(k: str, stage: str) -> list[str]:
        """What is unanswered for need ``k`` up to and including ``stage``."""
        x = a.answer_for(k)
        if b_each[k] is None:
            return [f"{MISSING_ACHIEVABLE}:{k}"]
        if b_each[k] is False or stage == "b":
            return []
        if c_each[k] is None:
            return [f"{MISSING_OTHERS_HELP if reg6_scale else MISSING_OTHERS}:{k}"]
        if c_each[k] is False or stage == "c":
            return []
        return [f"{MISSING_PERSONAL_OUTCOMES}:{k}"] if outcomes_at_risk(x) is None else []

    results: list[CriterionResult] = []

    # (b) the need relates to one or more of the listed matters
    code, citation = "wales.relates_to_matter", CITATIONS["wales.relates_to_matter"]
    b = or3(b_each.values())
    if b is True:
        needs = [k for k, v in b_each.items() if v is True]
        results.append(
            CriterionResult(code, citation, True, f"{code}.met", detail={"matters": needs}, level_of_need=True)
        )
    elif b is False:
        results.append(CriterionResult(code, citation, False, f"{code}.not_met", level_of_need=True))
    else:
        missing = [m for k in b_each if b_each[k] is None for m in missing_for(k, "b")]
        results.append(CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True))

    # (c) + reg. 6: cannot meet the need alone, with willing others, or with community services
    code, citation = "wales.cannot_meet_need", CITATIONS["wales.cannot_meet_need"]
    c = or3(c_each.values())
    if c is True:
        qualifying = [k for k, v in c_each.items() if v is True]
        results.append(
            CriterionResult(code, citation, True, f"{code}.met", detail={"matters": qualifying}, level_of_need=True)
        )
    elif c is False:
        reason = f"{code}.no_need" if b is False else f"{code}.not_met"
        results.append(CriterionResult(code, citation, False, reason, level_of_need=True))
    else:
        missing = [m for k in c_each if c_each[k] is None for m in missing_for(k, "c")]
        results.append(CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True))

    # (d) unlikely to achieve personal outcomes unless the council provides or arranges support
    code, citation = "wales.personal_outcomes", CITATIONS["wales.personal_outcomes"]
    d = or3(d_each.values())
    if d is True:
        eligible_needs = [k for k, v in d_each.items() if v is True]
        results.append(
            CriterionResult(code, citation, True, f"{code}.met", detail={"matters": eligible_needs}, level_of_need=True)
        )
    elif d is False:
        reason = f"{code}.no_qualifying_need" if c is False else f"{code}.not_met"
        results.append(CriterionResult(code, citation, False, reason, level_of_need=True))
    else:
        missing = [m for k in d_each if d_each[k] is None for m in missing_for(k, "d")]
        results.append(CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True))
    return results


def _evaluate_2016(a: CarerNeedsAnswers) -> list[CriterionResult]:
    """Reg. 5(a), then 5(b)-(d) per need, then fluctuating needs as service policy.

    Fluctuating needs in Wales: no fluctuation provision was seen in the parts
    of SI 2015/1578 that could be read (regs 3 and 4, Explanatory Note);
    Carers Hub applies the same "a period must have been considered"
    completeness check in both nations and labels the Welsh one as service
    policy, not law (its citation says so).
    """
    return [_arises_from_caring(a), *_needs(a), fluctuation(a, "wales.fluctuation", CITATIONS["wales.fluctuation"])]


WALES_2016: Final = "wales-SI-2015-1578-reg5/2016-04-06"

# Not eligible: SSWA 2014 s.32(1)(d) requires the authority to consider whether
# the person would benefit from preventative services (s.15), information,
# advice or assistance (s.17) or anything else available in the community;
# s.32(1)(b) requires it, where needs do not meet the criteria, to determine
# whether it is nevertheless necessary to meet them to protect an adult from
# abuse or neglect or a risk of it.
RULES_2016: Final = RuleSet(
    version=WALES_2016,
    nation=Nation.WALES,
    effective_from=date(2016, 4, 6),
    title=f"{WALES_SI}, regs 5 and 6",
    evaluate=_evaluate_2016,
    prevention_citation=CITATIONS["wales.prevention"],
    prevention_explanation_code="prevention.wales",
    note="Reg. 5 sub-paragraph letters follow the Explanatory Note; verify against the made text.",
)


# ---------------------------------------------------------------------------
# 2026-12: "not considered", "does not apply", reg. 6 scale, fluctuation warns
# ---------------------------------------------------------------------------
#
# Same regulations (see the VERIFY note at the top: the reg. 5 paragraph letters are still
# unchecked against the made text, so explanations cite "regulation 5" by number). Changes:
#
# * The limbs are cumulative. Where (a) is not met, (b)-(d) are "not considered"; where (b) is not
#   met (no need), (c) and (d) are not considered; where (c) is not met, (d) is not considered.
# * ``Ability.DOES_NOT_APPLY``: answered, no need in that matter.
# * Limb (c) reads ``OutcomeAnswer.others_or_community`` (the reg. 6 scale), see ``cannot_meet_reg6``.
# * Fluctuating needs are Carers Hub policy, not a provision of SI 2015/1578 that could be found:
#   they no longer stand as a criterion that can hold the decision back; an unanswered question or
#   a missing period becomes a warning on the decision (``Decision.warnings``).

# For the "not considered" explanations: regulation numbers only (letters unverified).
REFS: Final[dict[str, str]] = {
    "wales.arises_from_caring": "5",
    "wales.relates_to_matter": "5",
    "wales.cannot_meet_need": "5 and 6",
}

# The criteria's citations by regulation number only: the paragraph letters of reg. 5 are unchecked.
CITATIONS_BY_NUMBER: Final[dict[str, str]] = {
    "wales.arises_from_caring": f"{WALES_SI}, reg. 5; Social Services and Well-being (Wales) Act 2014, s. 3",
    "wales.relates_to_matter": f"{WALES_SI}, reg. 5",
    "wales.cannot_meet_need": f"{WALES_SI}, reg. 5 and reg. 6",
    "wales.personal_outcomes": f"{WALES_SI}, reg. 5",
}

WARNING_FLUCTUATION_UNANSWERED: Final = "warning.wales.fluctuation_unanswered"
WARNING_FLUCTUATION_PERIOD: Final = "warning.wales.fluctuation_period_missing"


def _warnings_2026(a: CarerNeedsAnswers) -> list[str]:
    """Carers Hub policy on fluctuating needs in Wales, as warnings that never block the decision."""
    if a.needs_fluctuate is None:
        return [WARNING_FLUCTUATION_UNANSWERED]
    if a.needs_fluctuate and a.period is None:
        return [WARNING_FLUCTUATION_PERIOD]
    return []


def _evaluate_2026(a: CarerNeedsAnswers) -> list[CriterionResult]:
    """Reg. 5's limbs in order, per need, with reg. 6 on the third; later limbs not considered.
    Cited by regulation number (``CITATIONS_BY_NUMBER``)."""
    return [replace(c, citation=CITATIONS_BY_NUMBER.get(c.code, c.citation)) for c in _limbs_2026(a)]


def _limbs_2026(a: CarerNeedsAnswers) -> list[CriterionResult]:
    arises = _arises_from_caring(a)
    codes = ("wales.relates_to_matter", "wales.cannot_meet_need", "wales.personal_outcomes")
    if arises.met is False:
        return [
            arises,
            *(not_considered(code, CITATIONS[code], arises.code, REFS, level_of_need=True) for code in codes),
        ]
    b, c, d = _needs(a, reg6_scale=True)
    if b.met is False:
        c = not_considered(c.code, c.citation, b.code, REFS, level_of_need=True)
        d = not_considered(d.code, d.citation, b.code, REFS, level_of_need=True)
    elif c.met is False:
        d = not_considered(d.code, d.citation, c.code, REFS, level_of_need=True)
    return [arises, b, c, d]


WALES_2026: Final = "wales-SI-2015-1578-reg5/2026-12"

RULES_2026: Final = RuleSet(
    version=WALES_2026,
    nation=Nation.WALES,
    effective_from=date(2026, 12, 1),
    title=f"{WALES_SI}, regs 5 and 6",
    evaluate=_evaluate_2026,
    prevention_citation=CITATIONS["wales.prevention"],
    prevention_explanation_code="prevention.wales",
    note=(
        "Reg. 6's scale for help from others and community services; later limbs not considered after a failed "
        "one. Reg. 5 sub-paragraph letters follow the Explanatory Note; verify against the made text."
    ),
    warn=_warnings_2026,
)
