"""Action plan rules: financial-year quarters, status as RAG, overdue, and the highlight counts (pure: no Django).

- A due quarter is a quarter of the UK public-sector financial year, April to March: "2026-27 Q2" is
  July to September 2026 (Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March of
  the next calendar year). Rotherham's programme (2020) plans by such quarters ("Quarter 2 July, Aug,
  Sept 2020 ... Quarter 1 Apr, May, June 2021").
- Status is one of five, each shown as a colour with its words (never a colour alone: WCAG 1.4.1):
  not started (grey), on track (green), at risk (amber), off track (red), complete (blue).
- Overdue: the action's due quarter has ended (today is after its last day) and it is not complete.
  An overdue action is still counted under its status; "overdue" is a further column across the
  statuses, so the five status columns add up to the workstream's actions and overdue is "of which".
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from carershub.core.i18n import gettext_noop

NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, COMPLETE = "not_started", "on_track", "at_risk", "off_track", "complete"
STATUSES = (NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, COMPLETE)
STATUS_NAMES = {
    NOT_STARTED: gettext_noop("Not started"),
    ON_TRACK: gettext_noop("On track"),
    AT_RISK: gettext_noop("At risk"),
    OFF_TRACK: gettext_noop("Off track"),
    COMPLETE: gettext_noop("Complete"),
}
# The colour each status is shown in, as a GOV.UK tag modifier; the words are always shown with it.
STATUS_COLOURS = {NOT_STARTED: "grey", ON_TRACK: "green", AT_RISK: "yellow", OFF_TRACK: "red", COMPLETE: "blue"}
STATUS_RAG = {NOT_STARTED: "", ON_TRACK: "G", AT_RISK: "A", OFF_TRACK: "R", COMPLETE: "C"}

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{2})\s*Q\s*([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter ``number`` (1-4) of the financial year starting in April of ``year``."""

    year: int
    number: int

    @property
    def first_day(self) -> datetime.date:
        month = 4 + 3 * (self.number - 1)
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> datetime.date:
        start = self.first_day
        month_after = start.month + 3
        following = datetime.date(start.year + (month_after > 12), (month_after - 1) % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d} Q{self.number}"

    def __str__(self) -> str:
        return self.label


def quarter_of(day: datetime.date) -> Quarter:
    """The financial-year quarter a day falls in."""
    year = day.year if day.month >= 4 else day.year - 1
    return Quarter(year, (day.month - 4) % 12 // 3 + 1)


def parse_quarter(text: str) -> Quarter | None:
    """ "2026-27 Q2" -> Quarter(2026, 2); None if it is not a financial year and quarter, or the years do not follow."""
    found = _QUARTER.match(text or "")
    if not found:
        return None
    year, following, number = int(found.group(1)), int(found.group(2)), int(found.group(3))
    if (year + 1) % 100 != following:
        return None
    return Quarter(year, number)


def is_overdue(due: Quarter | None, status: str, today: datetime.date) -> bool:
    """Due quarter ended and not complete."""
    return due is not None and status != COMPLETE and today > due.last_day


@dataclass(frozen=True)
class ActionInput:
    workstream: object
    status: str
    due: Quarter | None


@dataclass
class Counts:
    total: int = 0
    by_status: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    overdue: int = 0

    def add(self, action: ActionInput, today: datetime.date) -> None:
        self.total += 1
        self.by_status[action.status] += 1
        if is_overdue(action.due, action.status, today):
            self.overdue += 1


def highlight_counts(actions: Iterable[ActionInput], today: datetime.date) -> tuple[dict, Counts]:
    """({workstream: Counts}, Counts of the whole plan)."""
    per: dict = {}
    whole = Counts()
    for action in actions:
        per.setdefault(action.workstream, Counts()).add(action, today)
        whole.add(action, today)
    return per, whole
