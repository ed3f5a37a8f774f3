"""How long something has waited, in words a worker reads at a glance; and date-range bounds.

Pure Python (decision 2): no Django import. The wording functions take the ``gettext`` and
``ngettext`` to use, so the Django layer passes its own (the reader's language) and the tests
can pass plain ones. The English is written here, inside those calls, so the message
extractor finds it (``gettext`` and ``ngettext`` are keywords it knows).

Waits are counted in whole calendar days, as a worker counts them ("it came in on Monday"):
an item that arrived earlier today has waited "less than a day", one from yesterday "1 day".
The unit grows with the wait, so the number stays small enough to compare down a column:

- under 2 weeks: days ("1 day", "13 days");
- under 3 months (13 weeks): weeks ("2 weeks", "12 weeks");
- under 2 years: calendar months ("3 months", "23 months");
- then years ("2 years").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]

DAYS_BEFORE_WEEKS = 14
DAYS_BEFORE_MONTHS = 91
MONTHS_BEFORE_YEARS = 24


def days_between(since: datetime.date, today: datetime.date) -> int:
    """Whole calendar days from ``since`` to ``today``; never negative (a date in the future is 0)."""
    return max((today - since).days, 0)


def months_between(since: datetime.date, today: datetime.date) -> int:
    """Whole calendar months from ``since`` to ``today`` (31 January to 28 February is 0)."""
    months = (today.year - since.year) * 12 + today.month - since.month
    if today.day < since.day:
        months -= 1
    return max(months, 0)


def wait_parts(since: datetime.date, today: datetime.date) -> tuple[str, int]:
    """The unit ("day", "week", "month" or "year") and how many of it, for a wait from ``since``."""
    days = days_between(since, today)
    if days < DAYS_BEFORE_WEEKS:
        return "day", days
    if days < DAYS_BEFORE_MONTHS:
        return "week", days // 7
    # 91 days can be 2 calendar months and a bit (December to March): never fewer than 3 here,
    # so the words never go down as the wait goes up.
    months = max(months_between(since, today), 3)
    if months < MONTHS_BEFORE_YEARS:
        return "month", months
    return "year", months // 12


def wait_text(since: datetime.date, today: datetime.date, *, gettext: Gettext, ngettext: Ngettext) -> str:
    """How long from ``since`` to ``today``: "Less than a day", "3 days", "5 weeks", "4 months", "2 years"."""
    unit, n = wait_parts(since, today)
    if unit == "day" and n == 0:
        return gettext("Less than a day")
    if unit == "day":
        text = ngettext("%(num)s day", "%(num)s days", n)
    elif unit == "week":
        text = ngettext("%(num)s week", "%(num)s weeks", n)
    elif unit == "month":
        text = ngettext("%(num)s month", "%(num)s months", n)
    else:
        text = ngettext("%(num)s year", "%(num)s years", n)
    return text % {"num": n}


def due_text(due: datetime.date, today: datetime.date, *, gettext: Gettext, ngettext: Ngettext) -> str:
    """When something falls due, from ``today``: "Today", "Tomorrow", "In 5 days", "Overdue"."""
    days = (due - today).days
    if days < 0:
        return gettext("Overdue")
    if days == 0:
        return gettext("Today")
    if days == 1:
        return gettext("Tomorrow")
    return ngettext("In %(num)s day", "In %(num)s days", days) % {"num": days}


def is_overdue(due: datetime.date | None, today: datetime.date) -> bool:
    """Past its due date: a thing due today is not yet overdue."""
    return due is not None and due < today


def day_range(
    first: datetime.date | None, last: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """A range of whole days, ``first`` to ``last`` inclusive, as a half-open range [start, end).

    Either end may be missing (no bound). ``end`` is the day after ``last``, so a time on the
    last day is inside; the last day the calendar has has no day after it, so no bound.
    """
    end = None
    if last is not None and last < datetime.date.max:
        end = last + datetime.timedelta(days=1)
    return first, end
