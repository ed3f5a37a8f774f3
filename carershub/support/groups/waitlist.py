"""Places, waiting-list positions and waiting-time measures for groups, courses and activities.

Pure Python (decision 2): no Django import, so the forms, the views, the demo and the tests share
one answer. Messages are marked with the local ``gettext_noop`` and translated by the Django layer.

- *Places*: a session (or an ongoing activity) has a number of places; every booking that is not
  cancelled holds one (booked, attended or did not attend: a place used and missed is not given
  back afterwards). A session is full when no place is left.
- *Position* on a waiting list: who joined first waits first; two joined at the same moment are
  put in the order they were written (their id). Only entries still waiting have a position.
- *Measures*: how long each carer still on a list has waited, in whole days (as core/waiting.py
  counts them), their median and the longest. Counselling waiting times are named in the seed
  reports as a problem to measure; these are the figures for the activity page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from carershub.core.i18n import gettext_noop
from carershub.core.waiting import days_between

MESSAGES = {
    "ends_before_start": gettext_noop("The end time must be after the start time"),
    "places_too_few": gettext_noop("Enter at least 1 place"),
    "places_too_many": gettext_noop("Enter %(max)s places or fewer"),
    "below_booked": gettext_noop(
        "%(booked)s places are already booked: cancel bookings before you make the places fewer"
    ),
    "full": gettext_noop("There are no places left. Add the carer to the waiting list instead."),
    "closed": gettext_noop("This activity is closed: it takes no new bookings"),
    "past": gettext_noop("This session has already happened: you cannot book a carer onto it"),
}

MAX_PLACES = 500


def places_left(places: int, taken: int) -> int:
    """Places still free: never negative (places made fewer by hand cannot make it so)."""
    return max(places - taken, 0)


def is_full(places: int, taken: int) -> bool:
    return places_left(places, taken) == 0


def places_problem(places: int | None, booked: int = 0) -> tuple[str, dict] | None:
    """What is wrong with a number of places for a session or activity already holding ``booked``."""
    if places is None or places < 1:
        return "places_too_few", {}
    if places > MAX_PLACES:
        return "places_too_many", {"max": MAX_PLACES}
    if places < booked:
        return "below_booked", {"booked": booked}
    return None


def times_problem(starts: datetime.time | None, ends: datetime.time | None) -> str | None:
    """A session ends after it starts, on the same day."""
    if starts is not None and ends is not None and ends <= starts:
        return "ends_before_start"
    return None


def booking_problem(*, active: bool, session_day: datetime.date | None, today: datetime.date,
                    places: int, taken: int) -> str | None:
    """Why a carer cannot be booked (a closed activity, a session in the past, no place left), or None."""
    if not active:
        return "closed"
    if session_day is not None and session_day < today:
        return "past"
    if is_full(places, taken):
        return "full"
    return None


def minutes_between(starts: datetime.time, ends: datetime.time) -> int:
    """A session's length in whole minutes (0 if the times are the wrong way round)."""
    start = starts.hour * 60 + starts.minute
    end = ends.hour * 60 + ends.minute
    return max(end - start, 0)


@dataclass(frozen=True)
class Waiting:
    """One entry still on a list: its id, when it joined (a datetime or a date)."""

    id: int
    joined: datetime.datetime | datetime.date


def _day(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def in_order(entries: Iterable[Waiting]) -> list[Waiting]:
    """First come, first served: by when they joined, then by id."""
    return sorted(entries, key=lambda e: (e.joined, e.id))


def positions(entries: Iterable[Waiting]) -> dict[int, int]:
    """{entry id: position}, 1 for the next to be offered a place."""
    return {entry.id: n for n, entry in enumerate(in_order(entries), start=1)}


def next_to_offer(entries: Iterable[Waiting]) -> Waiting | None:
    ordered = in_order(entries)
    return ordered[0] if ordered else None


def days_waited(joined, today: datetime.date) -> int:
    return days_between(_day(joined), today)


def median(values: Sequence[int]) -> float | None:
    """The middle value (the mean of the middle two for an even count); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class WaitMeasures:
    waiting: int
    median_days: float | None
    longest_days: int | None


def wait_measures(joined: Iterable, today: datetime.date) -> WaitMeasures:
    """How many are waiting now, the median and the longest wait in days, of entries still on a list."""
    days = [days_waited(j, today) for j in joined]
    return WaitMeasures(waiting=len(days), median_days=median(days), longest_days=max(days) if days else None)
