"""The provider mix as shares: plain Python, no Django (issue 13).

From amounts by sector (hours delivered, or a published table's percentages) to:
- each sector's share, in percent to one decimal place;
- the Section 16 share: social enterprises, co-operatives, user-led services and the third sector,
  the organisations a council must promote under the Social Services and Well-being (Wales) Act
  2014, section 16 (the section's text was not checked here; the four types follow the ADSS Cymru
  report, chapter 5);
- the three columns of the ADSS Cymru/Data Cymru 2019 Table 2 (In house, Private sector, 3rd
  sector): the report has no column for micro-enterprises, so they are counted with the private
  sector there, and its third sector is the four Section 16 types;
- a total row for several councils.

Percent returns are shown as published: the report's own rows add up to 99 (Swansea 14+76+9) or 101
(the Wales total 12+86+3) because each figure was rounded, and its Total % column says 100 for every
row. So a percent return is accepted when it adds up to 98 to 102, its figures are never rescaled,
and the Total % column is 100 whatever the rounded figures add up to.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from carershub.core.i18n import gettext_noop as _

HOURS = "hours"
PERCENT = "percent"

# The same codes as providermix.models.Sector, in the order the pages show them.
SECTORS = ["in_house", "private", "micro", "social_enterprise", "cooperative", "user_led", "third_sector"]
SECTION_16 = ("social_enterprise", "cooperative", "user_led", "third_sector")

# The register's provider types (providers/vocabulary.py) as sectors of the mix.
SECTOR_OF_PROVIDER_TYPE = {
    "micro_enterprise": "micro",
    "sole_trader": "micro",
    "private_agency": "private",
    "in_house": "in_house",
    "social_enterprise": "social_enterprise",
    "cooperative": "cooperative",
    "user_led": "user_led",
    "third_sector": "third_sector",
}

# Table 2's columns: (code, heading, the sectors it adds up).
COLUMNS = [
    ("in_house", _("In house"), ("in_house",)),
    ("private", _("Private sector (with micro-enterprises)"), ("private", "micro")),
    ("third", _("3rd sector (the Section 16 types)"), SECTION_16),
]

# A published percent return adds up to 100 give or take the rounding of its figures.
PERCENT_LOW, PERCENT_HIGH = Decimal(98), Decimal(102)

# Hours counted from arrangements are about people: a council's period with care for fewer than
# this many people is not shown (the same threshold as reporting/disclosure.py, which this layer
# may not import; core has no disclosure helper). Returns are hours by sector, not about people,
# so they are never suppressed.
FEWER_THAN_PEOPLE = 5
FEWER_THAN_TEXT = _("fewer than 5 people")

PUBLISHED = "published"
HOURS_WEIGHTED = "hours_weighted"
UNWEIGHTED_MEAN = "unweighted_mean"
TOTAL_METHODS = {
    PUBLISHED: _("The published total"),
    HOURS_WEIGHTED: _("All councils' hours added together"),
    UNWEIGHTED_MEAN: _("The mean of the councils' shares, not weighted by hours (they gave percentages only)"),
}

ONE_PLACE = Decimal("0.1")
HUNDRED = Decimal(100)


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Mix:
    """One council's figures for one period: ``amounts`` as entered; ``shares`` in percent."""

    basis: str
    amounts: dict
    shares: dict
    columns: dict  # Table 2's three columns, in percent
    section16: Decimal | None
    total: Decimal  # hours, or what the percentages add up to
    notes: list = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return self.total > 0


def mix(amounts: dict, basis: str = HOURS) -> Mix:
    """The shares of ``amounts`` ({sector: Decimal}; missing sectors are 0)."""
    full = {sector: Decimal(amounts.get(sector) or 0) for sector in SECTORS}
    total = sum(full.values(), Decimal(0))
    if basis == PERCENT:
        exact = dict(full)  # published percentages are shown as they are
    elif total:
        exact = {sector: value * HUNDRED / total for sector, value in full.items()}
    else:
        exact = {sector: None for sector in SECTORS}

    def added(sectors):
        if any(exact[s] is None for s in sectors):
            return None
        value = sum((exact[s] for s in sectors), Decimal(0))
        return value if basis == PERCENT else _rounded(value)

    shares = {s: (v if basis == PERCENT or v is None else _rounded(v)) for s, v in exact.items()}
    columns = {code: added(sectors) for code, _label, sectors in COLUMNS}
    return Mix(basis=basis, amounts=full, shares=shares, columns=columns, section16=added(SECTION_16), total=total)


def percent_total_problem(amounts: dict) -> Decimal | None:
    """What a percent return adds up to, when that is outside 98 to 102; else None."""
    total = sum((Decimal(amounts.get(s) or 0) for s in SECTORS), Decimal(0))
    return None if PERCENT_LOW <= total <= PERCENT_HIGH else total


def total_row(mixes: list, published: Mix | None = None) -> tuple[Mix | None, str | None]:
    """(the total of several councils' mixes, how it was made: a key of TOTAL_METHODS).

    The published total when there is one; else, when every council gave hours, all hours added
    together (each council weighted by its hours); else the unweighted mean of the councils' shares,
    as percentages cannot be weighted without the hours behind them.
    """
    if published is not None:
        return published, PUBLISHED
    counted = [m for m in mixes if m.has_figures]
    if not counted:
        return None, None
    if all(m.basis == HOURS for m in counted):
        summed = {s: sum((m.amounts[s] for m in counted), Decimal(0)) for s in SECTORS}
        return mix(summed, HOURS), HOURS_WEIGHTED
    n = len(counted)
    exact = {s: sum((_share_or_zero(m, s) for m in counted), Decimal(0)) / n for s in SECTORS}
    mean = mix(exact, PERCENT)
    rounded = Mix(
        basis=PERCENT, amounts=mean.amounts, shares={s: _rounded(v) for s, v in mean.shares.items()},
        columns={k: _rounded(v) for k, v in mean.columns.items()}, section16=_rounded(mean.section16),
        total=_rounded(mean.total),
    )
    return rounded, UNWEIGHTED_MEAN


def _share_or_zero(m: Mix, sector: str) -> Decimal:
    value = m.shares[sector]
    return Decimal(0) if value is None else value


def shown(value: Decimal | None) -> str:
    """A share or an amount as the tables write it: 14, 13.5, 1,250.25 ("–" for none)."""
    if value is None:
        return "–"
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


# ---------------------------------------------------------------- periods


def financial_year(year: int) -> tuple[date, date]:
    """The financial year starting in April of ``year`` (2018 is 2018-19)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def quarter(year: int, number: int) -> tuple[date, date]:
    """Quarter ``number`` (1 April to June, ... 4 January to March) of the financial year ``year``."""
    if number not in (1, 2, 3, 4):
        raise ValueError(number)
    month = 4 + 3 * (number - 1)
    start = date(year + (month > 12), (month - 1) % 12 + 1, 1)
    next_month = month + 3
    end = date(year + (next_month > 12), (next_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def describe_period(start: date, end: date) -> tuple[int, int | None] | None:
    """(financial year, quarter or None for the whole year) when the dates are one; else None."""
    year = start.year if start.month >= 4 else start.year - 1
    if (start, end) == financial_year(year):
        return year, None
    for number in (1, 2, 3, 4):
        if (start, end) == quarter(year, number):
            return year, number
    return None


def quarter_containing(day: date) -> tuple[int, int]:
    year = day.year if day.month >= 4 else day.year - 1
    return year, (day.month - 4) % 12 // 3 + 1


def quarters_up_to(day: date, count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters ending with the one ``day`` is in, oldest first."""
    year, number = quarter_containing(day)
    found = []
    for _n in range(count):
        found.append((year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return found[::-1]


def hours_in_period(hours_per_week: Decimal, starts_on: date, ends_on: date | None, start: date, end: date) -> Decimal:
    """hours_per_week × the days of [starts_on, ends_on] inside [start, end], NOT yet divided by 7
    (the caller adds these up and divides once, so the sum stays exact)."""
    first = max(starts_on, start)
    last = end if ends_on is None else min(ends_on, end)
    if last < first:
        return Decimal(0)
    return Decimal(hours_per_week) * ((last - first).days + 1)
