"""Red, amber or green: how a contract KPI's actual stands against its target (issue 12). No Django.

A KPI has a target per quarter, a direction (is more better, or less?) and an amber tolerance in the
KPI's own unit (a number of carers, or percentage points for a percentage KPI):

- higher is better: GREEN when the actual reaches the target (actual >= target); AMBER when it falls
  short by no more than the tolerance (target - tolerance <= actual < target); RED below that;
- lower is better (like days waited): GREEN when actual <= target; AMBER when it is over by no more
  than the tolerance (target < actual <= target + tolerance); RED above that;
- no actual (nothing reported, or a quarter not yet counted): GREY, "not yet reported".

Both ends of the amber band are inclusive of the worse side's boundary as written above: exactly on
the target is green, exactly the tolerance away is still amber. This is the usual reading of a
contract's "within x of target" (the seed reports give targets but no rule; our choice, documented
in DEVELOPERS.md). Values are compared exactly (Decimal or int; floats are refused).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from carershub.core.i18n import gettext_noop

RED, AMBER, GREEN, GREY = "red", "amber", "green", "grey"
STATUSES = (RED, AMBER, GREEN, GREY)  # worst first: the order a summary lists them in
HIGHER, LOWER = "higher", "lower"

# Words for each status: colour is never the only way a status is told (WCAG 2.2, 1.4.1).
WORDS = {
    RED: gettext_noop("Red: off target"),
    AMBER: gettext_noop("Amber: near target"),
    GREEN: gettext_noop("Green: on target"),
    GREY: gettext_noop("Not yet reported"),
}
SHORT_WORDS = {
    RED: gettext_noop("Red"),
    AMBER: gettext_noop("Amber"),
    GREEN: gettext_noop("Green"),
    GREY: gettext_noop("Not yet reported"),
}


def _exact(value, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"{name} must be an int or a Decimal, not {type(value).__name__}")
    return Decimal(value)


def status(actual, target, direction: str, tolerance=0) -> str:
    """RED, AMBER, GREEN, or GREY when ``actual`` is None."""
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be {HIGHER!r} or {LOWER!r}")
    target_ = _exact(target, "target")
    tolerance_ = _exact(tolerance, "tolerance")
    if tolerance_ < 0:
        raise ValueError("tolerance cannot be negative")
    if actual is None:
        return GREY
    actual_ = _exact(actual, "actual")
    if direction == HIGHER:
        if actual_ >= target_:
            return GREEN
        return AMBER if actual_ >= target_ - tolerance_ else RED
    if actual_ <= target_:
        return GREEN
    return AMBER if actual_ <= target_ + tolerance_ else RED


def tally(statuses: Iterable[str]) -> dict[str, int]:
    """{status: how many}, every status present (zero when none), in STATUSES order."""
    counts = Counter(statuses)
    unknown = set(counts) - set(STATUSES)
    if unknown:
        raise ValueError(f"not a status: {sorted(unknown)}")
    return {s: counts.get(s, 0) for s in STATUSES}
