"""Quarters of the financial year, April to March (issue 12). No Django.

Quarter 1 is April to June, 2 July to September, 3 October to December, 4 January to March of the
next calendar year; the financial year is named by the year it starts in (2025 is 2025-26), as the
councils' and NHS bodies' quarterly monitoring is (and as providers/mix/shares.py counts its periods).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Quarter:
    year: int  # the financial year, by the calendar year it starts in
    number: int  # 1 to 4

    def __post_init__(self):
        if self.number not in (1, 2, 3, 4):
            raise ValueError("a quarter is numbered 1 to 4")

    @property
    def start(self) -> datetime.date:
        month = 4 + 3 * (self.number - 1)
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        return self.next().start - datetime.timedelta(days=1)

    @property
    def year_label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def code(self) -> str:
        """As a form or URL carries it: "2025-q1"."""
        return f"{self.year}-q{self.number}"

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


def of(day: datetime.date) -> Quarter:
    """The quarter ``day`` falls in."""
    if day.month >= 4:
        return Quarter(day.year, (day.month - 4) // 3 + 1)
    return Quarter(day.year - 1, 4)


def last_complete(today: datetime.date) -> Quarter:
    """The latest quarter that has ended by ``today``."""
    return of(today).previous()


def ending_with(latest: Quarter, count: int) -> list[Quarter]:
    """``count`` quarters in order, the last of them ``latest``."""
    found = [latest]
    while len(found) < count:
        found.insert(0, found[0].previous())
    return found


def from_code(code: str) -> Quarter | None:
    """The quarter a code like "2025-q1" names; None if it names none."""
    try:
        year, number = str(code).lower().split("-q")
        return Quarter(int(year), int(number))
    except (ValueError, TypeError):
        return None


def overlapping(first: datetime.date, last: datetime.date) -> list[Quarter]:
    """Every quarter with a day between ``first`` and ``last`` (both inclusive), in order."""
    if last < first:
        return []
    found, quarter = [], of(first)
    while quarter.start <= last:
        found.append(quarter)
        quarter = quarter.next()
    return found
