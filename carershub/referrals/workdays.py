"""Working days: the arithmetic, pure (decision 36). The bank holidays come from bankholidays.py.

A referral sent on a day must be accepted within N working days: the due day is the Nth working
day after the day it was sent (a Saturday, Sunday or bank holiday is not a working day). It is
overdue from the day after the due day. A referral sent on a weekend counts from the next working day.
"""

import datetime

ONE_DAY = datetime.timedelta(days=1)


def is_working_day(day: datetime.date, holidays) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += ONE_DAY
        if is_working_day(day, holidays):
            counted += 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, holidays) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if ``end`` is not after ``start``)."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, holidays):
            count += 1
    return count
