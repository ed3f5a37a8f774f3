"""Comparing the options of an appraisal: weighted totals, ranks, red/amber/green counts (pure: no Django).

An appraisal rates every option against every criterion, either red/amber/green (RAG) or with a score
on a scale (say 0 to 5). Each criterion has a weight. The rules, written down so anyone can check a
total by hand:

- A scored cell counts its score × the criterion's weight.
- A RAG cell counts by ``RAG_POINTS``: green 2, amber 1, red 0, × the weight. This is our rule, not a
  published one: the Cwm Taf appraisal (2017, Appendix 2) gives colours and a narrative and does not
  total them ("a red assessment indicates the lowest level of extent and green the highest"), so a
  RAG appraisal is ranked on an even three-point scale, and its colours are also counted, per option,
  so a reader can see the spread behind a total.
- A cell not yet rated counts nothing, and the option says how many of its cells are missing: its
  total is then a floor, not a result, and the page says so beside its rank.
- The possible total is the sum of the weights × the top of the scale (2 for RAG); the share of it is
  shown to one decimal place.
- Options are ranked within their group (Cwm Taf's three domains are three separate choices; an
  appraisal without groups is one group), highest total first. Equal totals share a rank and the
  next rank is skipped ("1, 2, 2, 4"), as in sports tables; equal options are listed by their order.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from carershub.core.i18n import gettext_noop

RAG = "rag"
SCORE = "score"

RED, AMBER, GREEN = "R", "A", "G"
RAG_ORDER = (GREEN, AMBER, RED)
RAG_NAMES = {GREEN: gettext_noop("Green"), AMBER: gettext_noop("Amber"), RED: gettext_noop("Red")}
RAG_POINTS = {GREEN: 2, AMBER: 1, RED: 0}
RAG_TOP = 2

MAX_SCALE = 100


@dataclass(frozen=True)
class Criterion:
    key: object
    weight: Decimal


@dataclass(frozen=True)
class OptionInput:
    key: object
    group: str
    position: int
    # criterion key -> "R"/"A"/"G" (RAG) or an int (score); a missing key or None is not yet rated
    cells: Mapping


@dataclass
class Result:
    key: object
    group: str
    position: int
    total: Decimal
    possible: Decimal
    missing: int
    rag_counts: dict = field(default_factory=dict)
    rank: int = 0
    tied: bool = False

    @property
    def share(self) -> Decimal | None:
        """The total as a percentage of the possible, one decimal place."""
        if not self.possible:
            return None
        return (self.total * 100 / self.possible).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def complete(self) -> bool:
        return self.missing == 0


def points(method: str, value) -> Decimal | None:
    """What one cell counts before its weight: a score as itself, a colour by RAG_POINTS; None if not rated."""
    if value is None or value == "":
        return None
    if method == RAG:
        return Decimal(RAG_POINTS[value]) if value in RAG_POINTS else None
    return Decimal(value)


def top_points(method: str, scale_max: int) -> int:
    return RAG_TOP if method == RAG else scale_max


def score_problem(value, scale_min: int, scale_max: int) -> str | None:
    """Why a score cannot be kept (English, for gettext), or None."""
    if value is None:
        return None
    if value < scale_min or value > scale_max:
        return gettext_noop("The score must be from %(min)s to %(max)s")
    return None


def scale_problem(scale_min: int, scale_max: int) -> str | None:
    if scale_min < 0:
        return gettext_noop("The lowest score cannot be negative")
    if scale_max <= scale_min:
        return gettext_noop("The highest score must be more than the lowest")
    if scale_max > MAX_SCALE:
        return gettext_noop("The highest score can be at most 100")
    return None


def compare(method: str, scale_max: int, criteria: Sequence[Criterion], options: Iterable[OptionInput]) -> list[Result]:
    """Each option's weighted total, how many cells are missing, its colours, and its rank in its group."""
    top = Decimal(top_points(method, scale_max))
    possible = sum((c.weight * top for c in criteria), Decimal(0))
    results = []
    for option in options:
        total, missing = Decimal(0), 0
        counts = dict.fromkeys(RAG_ORDER, 0) if method == RAG else {}
        for criterion in criteria:
            value = option.cells.get(criterion.key)
            counted = points(method, value)
            if counted is None:
                missing += 1
                continue
            total += counted * criterion.weight
            if method == RAG:
                counts[value] += 1
        results.append(Result(option.key, option.group, option.position, total, possible, missing, counts))
    rank(results)
    return results


def rank(results: list[Result]) -> list[Result]:
    """Give each result its rank within its group (standard competition ranking: 1, 2, 2, 4)."""
    groups: dict[str, list[Result]] = {}
    for result in results:
        groups.setdefault(result.group, []).append(result)
    for members in groups.values():
        ordered = sorted(members, key=lambda r: (-r.total, r.position))
        for index, result in enumerate(ordered):
            if index and result.total == ordered[index - 1].total:
                result.rank = ordered[index - 1].rank
            else:
                result.rank = index + 1
        totals = [r.total for r in members]
        for result in members:
            result.tied = totals.count(result.total) > 1
    return results


def ranking(results: Sequence[Result]) -> list[Result]:
    """The results in reading order: by group (first seen first), then rank, then position."""
    group_order: dict[str, int] = {}
    for result in sorted(results, key=lambda r: r.position):
        group_order.setdefault(result.group, len(group_order))
    return sorted(results, key=lambda r: (group_order[r.group], r.rank, r.position))
