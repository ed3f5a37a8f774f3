"""The arithmetic behind the team figures: medians, percentages and reporting periods. No Django.

The database does the counting (GROUP BY); these functions turn the counts into the
figures a team manager reads, and are tested on their own.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from numbers import Real


def _is_number(value) -> bool:
    # The counts' own types first: checking against the ``Real`` ABC costs several times as much, and a
    # figures page asks this of every value of two frequency tables a few times over.
    kind = type(value)
    if kind is int:
        return True
    if kind is float:
        return math.isfinite(value)
    # bool is an int subclass: True days is a bug upstream, not one day.
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def median(values: Iterable) -> float | None:
    """The middle value; the mean of the two middle ones for an even count. None when empty.

    Values that are not numbers (None, text, booleans) are left out: an event recorded
    before a data key existed must not count as zero.
    """
    return median_from_counts(_tally(values))


def _tally(values: Iterable) -> dict:
    counts: dict = {}
    for value in values:
        if _is_number(value):
            counts[value] = counts.get(value, 0) + 1
    return counts


def median_from_counts(counts: Mapping) -> float | None:
    """The median of a frequency table {value: how many}, as a GROUP BY query returns it.

    This is how medians stay cheap on millions of events: the database returns one row
    per distinct value, not one per event. Non-numeric values and counts below one are ignored.
    """
    pairs = sorted((value, int(n)) for value, n in counts.items() if _is_number(value) and _is_number(n) and n > 0)
    total = sum(n for _value, n in pairs)
    if total == 0:
        return None
    # 0-based positions of the middle one (odd) or two (even) values.
    lower_index, upper_index = (total - 1) // 2, total // 2
    lower = upper = None
    seen = 0
    for value, n in pairs:
        if lower is None and lower_index < seen + n:
            lower = value
        if upper_index < seen + n:
            upper = value
            break
        seen += n
    return (lower + upper) / 2


def counted(counts: Mapping) -> int:
    """How many numeric values a frequency table holds (what a median was worked out from)."""
    return sum(int(n) for value, n in counts.items() if _is_number(value) and _is_number(n) and n > 0)


def percent(part: int | float, whole: int | float, places: int = 1) -> float | None:
    """``part`` as a percentage of ``whole``, rounded half up; None when there is no whole."""
    if not whole:
        return None
    if part < 0 or whole < 0:
        raise ValueError("counts cannot be negative")
    scaled = 100 * part / whole
    factor = 10**places
    return math.floor(scaled * factor + 0.5) / factor


def on_time_rate(on_time: int, late: int) -> float | None:
    """Percentage of reviews done on time among those whose timing is known."""
    return percent(on_time, on_time + late)


def format_percent(value: float | None, empty: str = "") -> str:
    """'66.7%', '100%', or ``empty`` when there is no figure."""
    if value is None:
        return empty
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text}%"


def format_days(value: float | None, empty: str = "") -> str:
    """A median number of days: whole days as '12', halves as '12.5'."""
    if value is None:
        return empty
    return f"{value:.1f}".removesuffix(".0")


# ---------------------------------------------------------------------------
# Reporting periods. Quarters are calendar quarters, which are also the financial
# year's quarters; the year is the UK public-sector financial year (1 April to 31 March).
# ---------------------------------------------------------------------------


def quarter_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of the quarter ``day`` falls in."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    next_start = datetime.date(day.year + 1, 1, 1) if first_month == 10 else datetime.date(day.year, first_month + 3, 1)
    return start, next_start - datetime.timedelta(days=1)


def previous_quarter_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    start, _end = quarter_bounds(day)
    return quarter_bounds(start - datetime.timedelta(days=1))


def financial_year_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """1 April to 31 March of the financial year ``day`` falls in."""
    first_year = day.year if day.month >= 4 else day.year - 1
    return datetime.date(first_year, 4, 1), datetime.date(first_year + 1, 3, 31)


def range_problem(start: datetime.date | None, end: datetime.date | None, today: datetime.date) -> str | None:
    """Why a custom from-to range cannot be used, as a code; None when it is fine."""
    if start is None and end is None:
        return "both_missing"
    if start is None:
        return "start_missing"
    if end is None:
        return "end_missing"
    if start > today:
        return "start_future"
    if end < start:
        return "end_before_start"
    return None


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of the calendar month ``day`` falls in."""
    start = day.replace(day=1)
    next_start = datetime.date(day.year + 1, 1, 1) if day.month == 12 else datetime.date(day.year, day.month + 1, 1)
    return start, next_start - datetime.timedelta(days=1)


def previous_month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return month_bounds(day.replace(day=1) - datetime.timedelta(days=1))


def previous_financial_year_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """1 April to 31 March of the financial year before the one ``day`` falls in."""
    start, _end = financial_year_bounds(day)
    return financial_year_bounds(start - datetime.timedelta(days=1))


def quarters_back(day: datetime.date, count: int) -> list[tuple[datetime.date, datetime.date]]:
    """The ``count`` quarters ending with the one ``day`` falls in, oldest first."""
    found = [quarter_bounds(day)]
    while len(found) < count:
        found.append(quarter_bounds(found[-1][0] - datetime.timedelta(days=1)))
    return found[::-1]


def quarter_label(start: datetime.date) -> str:
    """A quarter as the reports name it, by financial year: "Q1 2025-26" is April to June 2025."""
    first_year = start.year if start.month >= 4 else start.year - 1
    number = ((start.month - 4) % 12) // 3 + 1
    return f"Q{number} {first_year}-{(first_year + 1) % 100:02d}"


def split_by_month(
    start: datetime.date, end: datetime.date
) -> tuple[tuple[datetime.date, datetime.date] | None, list[tuple[datetime.date, datetime.date]]]:
    """The days ``start`` to ``end`` (inclusive) as whole calendar months and the days left over.

    Returns ``(months, days)``: ``months`` is (first day of the first whole month, first day of the
    last whole month), or None when the period holds no whole month; ``days`` are the inclusive
    ranges of days before and after those months (at most two). Together they cover every day of
    the period once, so counts kept by month and by day add up to the period's count.
    """
    one_day = datetime.timedelta(days=1)
    if end < start:
        return None, []
    if start.day == 1:
        first = start
    elif start.month == 12 and start.year == datetime.MAXYEAR:
        return None, [(start, end)]  # no month starts after it
    else:
        first = month_bounds(start)[1] + one_day
    # The last day of the last whole month: ``end`` itself when it ends its month.
    if end == datetime.date.max or (end + one_day).day == 1:
        last = end
    elif end.year == datetime.MINYEAR and end.month == 1:
        return None, [(start, end)]  # no month ends before it
    else:
        last = end.replace(day=1) - one_day
    if first > last:
        return None, [(start, end)]
    days = []
    if start < first:
        days.append((start, first - one_day))
    if last < end:
        days.append((last + one_day, end))
    return (first, last.replace(day=1)), days
