"""The four-person rule for unregistered micro-providers (issue 13): pure, no Django.

Source: CIW's advice as quoted in the ADSS Cymru report, paragraph 9.5: a micro-provider that is not
registered with Care Inspectorate Wales may care for at most four people at any one time, counting
the people it covers for another micro-provider; only care in people's own homes counts; to take a
fifth it must register first, which can take up to 14 weeks. The Regulation and Inspection of
Social Care (Wales) Act 2016 and its regulations were NOT checked here: the rule follows the report.

Dates: an interval is (start, end) with end None for open-ended, and BOTH ends inclusive. The
person is cared for on their end date, so an arrangement ending on the 10th and another starting on
the 10th overlap (both count on the 10th); one starting on the 11th does not.
"""

import datetime
from dataclasses import dataclass

LIMIT = 4

OK = "ok"
WARNING = "warning"  # the provider would be at its limit: allowed, with confirmation
REFUSED = "refused"  # above the limit

Stay = tuple  # (person_id, start: date, end: date | None)


@dataclass(frozen=True)
class Peak:
    count: int  # the most people at any one time over the new interval, the new one included
    on: datetime.date | None  # the first day that peak is reached
    first_over: datetime.date | None  # the first day the count passes LIMIT (None: never)


@dataclass(frozen=True)
class Outcome:
    verdict: str  # OK, WARNING or REFUSED
    count: int
    limit: int
    first_over: datetime.date | None


def _meets(start, end, lo, hi) -> bool:
    """Does [start, end] meet [lo, hi]? None ends are open."""
    if hi is not None and start > hi:
        return False
    return end is None or end >= lo


def peak(existing, new: Stay) -> Peak:
    """The peak number of distinct people at any one time over ``new``'s interval, ``new`` included.

    ``existing`` and ``new`` are (person_id, start, end) tuples. A person with overlapping rows
    (or the new person already there) counts once on any day.
    """
    new_person, lo, hi = new
    if hi is not None and hi < lo:
        raise ValueError("the new interval ends before it starts")
    stays = [(p, s, e) for p, s, e in existing if (e is None or e >= s) and _meets(s, e, lo, hi)]
    stays.append((new_person, lo, hi))
    # The count changes only on a start day, or the day after an end: check those inside [lo, hi].
    days = {lo}
    for _p, s, e in stays:
        if s > lo:
            days.add(s)
        if e is not None and (hi is None or e < hi):
            days.add(e + datetime.timedelta(days=1))
    best = Peak(0, None, None)
    first_over = None
    for day in sorted(d for d in days if hi is None or d <= hi):
        people = {p for p, s, e in stays if s <= day and (e is None or e >= day)}
        if len(people) > LIMIT and first_over is None:
            first_over = day
        if len(people) > best.count:
            best = Peak(len(people), day, None)
    return Peak(best.count, best.on, first_over)


def judge(existing, new: Stay, *, limit_applies: bool = True) -> Outcome:
    """OK, WARNING (the peak reaches exactly LIMIT) or REFUSED (above it) for adding ``new``."""
    found = peak(existing, new)
    if not limit_applies:
        return Outcome(OK, found.count, LIMIT, None)
    if found.count > LIMIT:
        return Outcome(REFUSED, found.count, LIMIT, found.first_over)
    if found.count == LIMIT:
        return Outcome(WARNING, found.count, LIMIT, None)
    return Outcome(OK, found.count, LIMIT, None)


def people_on(stays, on: datetime.date) -> int:
    """Distinct people whose interval includes ``on``."""
    return len({p for p, s, e in stays if s <= on and (e is None or e >= on)})
