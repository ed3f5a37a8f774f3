"""When a direct payment falls due: pure rules, no Django (decision 2).

An agreement is one-off (one payment, on its start date) or recurring on a schedule: weekly,
every four weeks, monthly or quarterly, from the start date to the end date, both included.
Monthly and quarterly dates keep the start date's day of the month where the month has it and
fall on the month's last day where it does not (31 January, 28 February, 31 March...), so no
payment is skipped or doubled at a month's end and the anchor day is never lost.
"""

import calendar
import datetime

ONE_OFF = "one_off"
RECURRING = "recurring"

WEEKLY = "weekly"
FOUR_WEEKLY = "four_weekly"
MONTHLY = "monthly"
QUARTERLY = "quarterly"

SCHEDULES = (WEEKLY, FOUR_WEEKLY, MONTHLY, QUARTERLY)
DAYS_APART = {WEEKLY: 7, FOUR_WEEKLY: 28}
MONTHS_APART = {MONTHLY: 1, QUARTERLY: 3}
# How many payments a schedule makes in a year, for the yearly total checked against the
# personal budget (52 weeks, 13 four-week periods, 12 months, 4 quarters).
PAYMENTS_A_YEAR = {WEEKLY: 52, FOUR_WEEKLY: 13, MONTHLY: 12, QUARTERLY: 4}
# A safety limit: no agreement makes more payments than this (20 years weekly).
MAX_PAYMENTS = 52 * 20


def add_months(day: datetime.date, months: int, *, anchor_day: int | None = None) -> datetime.date:
    """``day`` moved on ``months`` months, on ``anchor_day`` (default: day's own) or the month's last day."""
    anchor_day = anchor_day or day.day
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def due_dates(kind: str, schedule: str | None, starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """Every date a payment falls due, from ``starts_on`` to ``ends_on`` (both included), in order."""
    if ends_on < starts_on:
        return []
    if kind == ONE_OFF:
        return [starts_on]
    if schedule in DAYS_APART:
        step = datetime.timedelta(days=DAYS_APART[schedule])
        found, day = [], starts_on
        while day <= ends_on and len(found) < MAX_PAYMENTS:
            found.append(day)
            day += step
        return found
    if schedule in MONTHS_APART:
        found, n = [], 0
        while len(found) < MAX_PAYMENTS:
            # Always counted from the start date, so 31 Jan -> 28 Feb -> 31 Mar, never 28 Mar.
            day = add_months(starts_on, n * MONTHS_APART[schedule], anchor_day=starts_on.day)
            if day > ends_on:
                break
            found.append(day)
            n += 1
        return found
    raise ValueError(f"unknown schedule {schedule!r}")


def yearly_total(kind: str, schedule: str | None, pence_each: int) -> int:
    """What an agreement pays in a year: one payment if one-off, else the schedule's payments a year."""
    if kind == ONE_OFF:
        return pence_each
    return pence_each * PAYMENTS_A_YEAR[schedule]
