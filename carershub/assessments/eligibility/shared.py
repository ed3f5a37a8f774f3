"""What both nations' rules use: three-valued logic and the fluctuating-needs check.

True / False / None, where None means "cannot tell yet" because an answer is
missing.
"""

from __future__ import annotations

from collections.abc import Iterable

from .data import MISSING_FLUCTUATE, MISSING_PERIOD, CarerNeedsAnswers, CriterionResult


def and3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def or3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def fluctuation(answers: CarerNeedsAnswers, code: str, citation: str) -> CriterionResult:
    """Where needs go up and down, a period over which they were looked at must be recorded.

    The law for England is SI 2015/313 reg. 3(4) (see ``england``); Wales
    applies the same check as Carers Hub policy (see ``wales``). Explanation
    codes are ``<code>.missing``, ``.not_applicable``, ``.period_missing`` and
    ``.considered``.
    """
    if answers.needs_fluctuate is None:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=[MISSING_FLUCTUATE])
    if answers.needs_fluctuate is False:
        return CriterionResult(code, citation, True, f"{code}.not_applicable")
    if answers.period is None:
        return CriterionResult(code, citation, None, f"{code}.period_missing", missing=[MISSING_PERIOD])
    return CriterionResult(code, citation, True, f"{code}.considered", detail={"period": answers.period})
