"""The arithmetic of identification in settings: who counts as engaged, quarters, and counts shown to
commissioners. No Django.

*Engaged*: a setting is engaged when the service recorded engagement with it (a visit, a meeting, a
stand, a register check, a signed commitment...) or delivered training to its staff on a day in the
last 12 months: from the same day a year ago to today, both included. The 12 months are the
service's own measure (issue 11, Coventry's "all 60 GP surgeries engaged"); no statute sets them.

*Committed*: a signed commitment (like a GP practice's carers' quality award) counts while it has no
end date or its end date is today or later.

*Counts for commissioners*: carers identified per setting are small numbers about named places, so
what commissioners see follows the figures' primary suppression (decision 17): 1 to 4 read "fewer
than 5", zero is shown. This is a local copy of the rule in ``reporting/disclosure.py`` (which this
app, below reporting, may not import); the two should become one function in ``core``. There is no
total on these pages, so secondary suppression does not arise.
"""

from __future__ import annotations

import datetime

from carershub.core.i18n import gettext_noop

THRESHOLD = 5  # as reporting.disclosure.THRESHOLD: counts from 1 to 4 are not shown
FEWER_THAN_5 = gettext_noop("fewer than 5")


def engaged_since(today: datetime.date) -> datetime.date:
    """The first day of the last 12 months (the same calendar day a year ago; 29 February gives 28)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def is_engaged(last_engaged: datetime.date | None, today: datetime.date) -> bool:
    return last_engaged is not None and engaged_since(today) <= last_engaged <= today


def is_committed(signed_on: datetime.date | None, until: datetime.date | None, today: datetime.date) -> bool:
    return signed_on is not None and signed_on <= today and (until is None or until >= today)


def shown_count(count: int) -> int | str:
    """A count as a commissioner may see it: the number, or the words (untranslated) when it is 1 to 4."""
    return FEWER_THAN_5 if 0 < count < THRESHOLD else count


def quarter_start(day: datetime.date) -> datetime.date:
    """First day of the calendar quarter ``day`` falls in (also the financial year's quarters)."""
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def last_quarters(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the ``count`` quarters up to and including today's, newest first."""
    starts = [quarter_start(today)]
    while len(starts) < count:
        first = starts[-1]
        starts.append(quarter_start(first - datetime.timedelta(days=1)))
    return starts


def carers_identified(rows, quarters: list[datetime.date]) -> dict[datetime.date, int]:
    """Carers identified per quarter from (person id or None, UK day) pairs of a setting's contacts.

    A carer with a record counts once a quarter however many contacts name the setting; a contact
    from a caller not yet linked to a record counts as one (it may be a carer counted again once
    linked, or one the service never met again: the count says "contacts" for them).
    """
    wanted = set(quarters)
    people: dict[datetime.date, set] = {q: set() for q in quarters}
    unlinked = dict.fromkeys(quarters, 0)
    for person_id, day in rows:
        q = quarter_start(day)
        if q not in wanted:
            continue
        if person_id is None:
            unlinked[q] += 1
        else:
            people[q].add(person_id)
    return {q: len(people[q]) + unlinked[q] for q in quarters}
