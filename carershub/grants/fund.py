"""The arithmetic of a community grants fund, with no Django: money in whole pence, scores as fractions.

- Money typed into a form ("£1,250.50") becomes whole pence, never a float (decision 30).
- An award fits a round when the awards already made plus this one are not more than the budget,
  and it is not more than what was asked for, nor the round's most per award.
- A payment fits an award when what was paid plus this one is not more than the award.
- A scorer's score of an application is the weighted mean of their criterion scores
  (sum of weight x score over the sum of the weights); an application's score is the plain mean
  of its scorers' scores. Kept as exact ``Fraction``s and rounded only for showing.
- A monitoring return is due a number of whole months after the award (month-end safe).

The services (services.py) call these after taking the round's (or the award's) row lock, so the
totals they pass in are the committed truth.
"""

import calendar
import datetime
from dataclasses import dataclass
from fractions import Fraction

from carershub.core import amounts
from carershub.core.i18n import gettext_noop

# Money typed into a form is read by core/amounts.py (the direct payments use the same).
MAX_PENCE = amounts.MAX_PENCE
MoneyError = amounts.MoneyError
parse_pence = amounts.parse_pence

MESSAGES = {
    **amounts.MONEY_MESSAGES,
    # Awards and payments. %(remaining)s and the like are amounts already written as £1,234.56.
    "over_budget": gettext_noop(
        "The award must not be more than the %(remaining)s left in the round's budget"
    ),
    "over_requested": gettext_noop("The award must not be more than the %(requested)s asked for"),
    "over_maximum": gettext_noop("The amount must not be more than the round's maximum of %(maximum)s"),
    "over_award": gettext_noop("The payment must not be more than the %(remaining)s of the award not yet paid"),
    "maximum_over_budget": gettext_noop("The most per award must not be more than the budget"),
}


def plain_pounds(pence: int) -> str:
    """1234.56: what a form shows again for an amount kept in pence."""
    whole, part = divmod(int(pence), 100)
    return f"{whole}.{part:02d}"


# ---------------------------------------------------------------- the budget


@dataclass(frozen=True)
class Budget:
    """Where a round's money stands, in pence."""

    budget: int
    awarded: int
    paid: int

    @property
    def remaining(self) -> int:
        """What is left to award (never below nothing: the services never let it be)."""
        return self.budget - self.awarded

    @property
    def unpaid(self) -> int:
        """Awarded and not yet paid."""
        return self.awarded - self.paid


def award_problem(*, amount: int, requested: int, maximum: int, budget: int, awarded: int):
    """Why ``amount`` may not be awarded, as (code, values in pence), or None when it fits.

    ``awarded`` is the sum of the round's awards already made, read under the round's lock.
    """
    if amount > requested:
        return "over_requested", {"requested": requested}
    if amount > maximum:
        return "over_maximum", {"maximum": maximum}
    remaining = budget - awarded
    if amount > remaining:
        return "over_budget", {"remaining": max(remaining, 0)}
    return None


def payment_problem(*, amount: int, award: int, paid: int):
    """Why a payment of ``amount`` may not be made against an award, or None when it fits."""
    remaining = award - paid
    if amount > remaining:
        return "over_award", {"remaining": max(remaining, 0)}
    return None


# ---------------------------------------------------------------- scores


def scorer_score(scores: dict, weights: dict) -> Fraction:
    """One scorer's weighted mean: ``scores`` and ``weights`` keyed by criterion.

    Every criterion of ``weights`` must be scored; a weight is a whole number above nothing.
    """
    total_weight = sum(weights.values())
    if total_weight <= 0:
        raise ValueError("a round needs criteria with weights above nothing")
    missing = set(weights) - set(scores)
    if missing:
        raise ValueError(f"criteria not scored: {sorted(missing)}")
    return Fraction(sum(weights[c] * scores[c] for c in weights), total_weight)


def application_score(scorer_scores: list) -> Fraction | None:
    """The mean of the scorers' weighted means; None with no scorer yet."""
    if not scorer_scores:
        return None
    return Fraction(sum(scorer_scores, Fraction(0)), len(scorer_scores))


def shown(score: Fraction | None) -> str:
    """A score as a page shows it: two decimals, half up ('3.45'); '' for no score."""
    if score is None:
        return ""
    hundredths = (score * 100 + Fraction(1, 2)).__floor__()
    whole, part = divmod(hundredths, 100)
    return f"{whole}.{part:02d}"


@dataclass(frozen=True)
class Ranked:
    key: object
    score: Fraction | None
    scorers: int
    requested: int
    position: int | None = None


def rank(rows) -> list:
    """Rows (key, score or None, scorers, requested pence) in order: highest score first, then the
    smaller request, then the order they came in; unscored last. Equal scores share a position."""
    rows = list(rows)
    ordered = sorted(
        enumerate(rows),
        key=lambda item: (item[1][1] is None, -(item[1][1] or 0), item[1][3], item[0]),
    )
    ranked, position, previous = [], 0, object()
    for index, (_n, (key, score, scorers, requested)) in enumerate(ordered, start=1):
        if score is None:
            ranked.append(Ranked(key, None, scorers, requested, None))
            continue
        if score != previous:
            position, previous = index, score
        ranked.append(Ranked(key, score, scorers, requested, position))
    return ranked


# ---------------------------------------------------------------- monitoring


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def return_due(awarded_on: datetime.date, months: int) -> datetime.date:
    """The day a monitoring return is due: ``months`` after the award."""
    return add_months(awarded_on, months)


def return_overdue(*, awarded_on: datetime.date, months: int, returns_received: int, today: datetime.date) -> bool:
    """An award with no monitoring return by its due day is overdue from the day after."""
    return returns_received == 0 and today > return_due(awarded_on, months)


# The Section 16 principles as scoring criteria (issue 13: tender and grant evaluation can weight
# them). SSWA 2014 s16 asks councils to promote social enterprises, co-operatives, user-led services
# and the third sector (text not checked here); the ADSS Cymru report (paragraph 5.22) lists the
# factors of a Section 16 approach that any provider can work by, and recommends (iii) that
# evaluation criteria weight them highly. These four are the issue's, each weight 1 and described in
# 5.22's terms: a starting point the round's manager changes at will.
SECTION_16_PRINCIPLES = [
    (gettext_noop("Co-production"),
     gettext_noop("How the people who use it and their carers shaped it, as close to home as possible.")),
    (gettext_noop("Social value"),
     gettext_noop("What it adds beyond the service itself, for the local area or the wider world.")),
    (gettext_noop("Community benefit"),
     gettext_noop("Partnership and co-operation for shared benefit, and whether it will last as long as people need it.")),
    (gettext_noop("Voice and control"),
     gettext_noop("How the person supported keeps a strong voice and control, and their well-being outcomes are met.")),
]
