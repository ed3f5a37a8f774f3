"""The value of a contract in a financial year, worked out from its rows: pure rules, no Django (decision 2).

A contract is agreed at an annual value for a term (``starts_on`` to ``ends_on``). Later rows change it,
and nobody re-keys the value:

- an **extension** moves the end date on; the days it adds are paid at the extension's own annual value;
- an **agreed reduction** takes an amount a year off from a date to the end (extensions included),
  as Coventry's recommissioning report put it: "an overall reduction in budget of £41,870 per year"
  from 2025 on a service worth £774,731 a year (Coventry City Council, Cabinet report on the
  recommissioning of carers support services, paras 2.2, 2.3 and 5.2);
- a **funder's contribution** is an amount a year that another body pays towards the contract (the
  report's para 1.23: "the CWICB contributing £134,096 per annum"), so the commissioner's own share is
  the value less the contributions.

The rule, pro rata by days: every day of the contract carries its annual rate (the term's or the
extension's value, less the reductions in force on that day). The value in a financial year (1 April
to 31 March) is the sum, over the days of the contract inside that year, of the day's annual rate
divided by the number of days in that year (365, or 366 when it holds 29 February). A year the contract
covers whole at one rate is that rate exactly; a change on 1 October of a 365-day year counts 182/365 of
it. Contributions are pro rata the same way, over the days of the contract in the year. The sum is kept
as an exact fraction and rounded once, to the penny, half up.

Money is whole pence throughout.
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Extension:
    ends_on: datetime.date
    annual_pence: int


@dataclass(frozen=True)
class Reduction:
    starts_on: datetime.date
    annual_pence: int  # how much a year less


@dataclass(frozen=True)
class Contribution:
    funder: str
    annual_pence: int


@dataclass(frozen=True)
class Terms:
    starts_on: datetime.date
    ends_on: datetime.date
    annual_pence: int
    extensions: tuple = ()
    reductions: tuple = ()
    contributions: tuple = ()


@dataclass(frozen=True)
class YearValue:
    year: int  # the financial year starting in April of this year
    days: int  # days of the contract inside the year
    value: int  # pence
    contributions: dict  # funder -> pence
    reduced_by: int  # pence taken off by agreed reductions in the year

    @property
    def contributed(self) -> int:
        return sum(self.contributions.values())

    @property
    def commissioner_share(self) -> int:
        return self.value - self.contributed


def financial_year(year: int) -> tuple[datetime.date, datetime.date]:
    """1 April of ``year`` to 31 March of the next."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def financial_year_of(day: datetime.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    """2025 -> '2025-26'."""
    return f"{year}-{(year + 1) % 100:02d}"


def round_pence(amount: Fraction) -> int:
    """A fraction of pence to a whole penny, half up (away from zero)."""
    sign = -1 if amount < 0 else 1
    whole, rest = divmod(abs(amount.numerator), amount.denominator)
    if 2 * rest >= amount.denominator:
        whole += 1
    return sign * whole


def ends_on(terms: Terms) -> datetime.date:
    """The last day of the contract, extensions included."""
    return max([terms.ends_on, *(e.ends_on for e in terms.extensions)])


def _pieces(terms: Terms):
    """(first day, last day, annual base rate) of the term, then of each extension in date order."""
    yield terms.starts_on, terms.ends_on, terms.annual_pence
    last = terms.ends_on
    for extension in sorted(terms.extensions, key=lambda e: e.ends_on):
        if extension.ends_on > last:
            yield last + ONE_DAY, extension.ends_on, extension.annual_pence
            last = extension.ends_on


def _overlap(a_start, a_end, b_start, b_end) -> int:
    start, end = max(a_start, b_start), min(a_end, b_end)
    return (end - start).days + 1 if end >= start else 0


def value_in_year(terms: Terms, year: int) -> YearValue:
    """What the contract is worth in the financial year starting in April of ``year`` (module docstring)."""
    first, last = financial_year(year)
    days_in_year = (last - first).days + 1
    base = Fraction(0)
    reduced = Fraction(0)
    covered = 0
    for start, end, rate in _pieces(terms):
        days = _overlap(start, end, first, last)
        if not days:
            continue
        covered += days
        base += Fraction(rate * days, days_in_year)
        for reduction in terms.reductions:
            reduced_days = _overlap(max(start, reduction.starts_on), end, first, last)
            reduced += Fraction(reduction.annual_pence * reduced_days, days_in_year)
    # A reduction never takes a day below nothing: the rows are checked when entered (reduction_problem).
    value = round_pence(base - reduced)
    contributions = {}
    for contribution in terms.contributions:
        share = round_pence(Fraction(contribution.annual_pence * covered, days_in_year))
        contributions[contribution.funder] = contributions.get(contribution.funder, 0) + share
    return YearValue(year, covered, value, contributions, round_pence(reduced))


def years(terms: Terms) -> list[int]:
    """The financial years the contract touches, first to last."""
    return list(range(financial_year_of(terms.starts_on), financial_year_of(ends_on(terms)) + 1))


def whole_life(terms: Terms) -> list[YearValue]:
    return [value_in_year(terms, year) for year in years(terms)]


def rate_on(terms: Terms, day: datetime.date) -> int | None:
    """The annual rate on ``day`` (pence a year), or None outside the contract."""
    for start, end, rate in _pieces(terms):
        if start <= day <= end:
            return rate - sum(r.annual_pence for r in terms.reductions if r.starts_on <= day)
    return None


def reduction_problem(terms: Terms, reduction: Reduction) -> str | None:
    """Why a new reduction cannot be agreed: 'outside' the contract, or 'too_much' (a rate below £0)."""
    if not terms.starts_on <= reduction.starts_on <= ends_on(terms):
        return "outside"
    trial = Terms(terms.starts_on, terms.ends_on, terms.annual_pence, terms.extensions,
                  (*terms.reductions, reduction), terms.contributions)
    checked = [reduction.starts_on, *(start for start, _end, _rate in _pieces(terms) if start > reduction.starts_on)]
    if any((rate_on(trial, day) or 0) < 0 for day in checked):
        return "too_much"
    return None
