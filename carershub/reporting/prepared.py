"""Figures counted once and kept, so a dashboard at a million carers answers at once (decision 50).

A figures page asks ``read(name, choices)`` for its counts. The counting itself is the page's own
function, named in ``COUNTERS`` (for example ``activity.count_for_page``); it returns counts and
codes only, which are kept in ``PreparedFigures`` with the newest event they saw and the time they
were counted. Then:

- nothing kept for these choices yet: counted now, while the page waits, unless this counting has
  been slow before (for any choices): then the worker counts it, and the page says the figures are
  being counted (``Prepared.data`` is None) rather than keep the reader waiting for minutes;
- kept, and no event recorded since, and counted within ``MAX_AGE``: shown as kept;
- kept but out of date: if that counting took under ``INLINE_SECONDS`` (a small region, the demo,
  the tests), counted again now; otherwise the kept figures are shown, saying when they were
  counted and that newer records are being counted, and a recount is queued for the background
  worker (Django's tasks framework, ``reporting.tasks.recount``), asked at most once per
  ``PATIENCE``.

"Out of date" is judged by the newest event's id, as every figure is counted from events (decision
6). Records changed without an event (a caring relationship's hours, say), and events committed out
of order, are caught by ``MAX_AGE``. ``manage.py prepare_figures`` counts the choices commissioners
use most (the financial years and quarters, every area) so that nobody waits for them.
"""

from __future__ import annotations

import datetime
import json
import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from carershub.activity.models import Event
from carershub.reporting.models import PreparedFigures

# Each counting: its name, and the function that counts it from a dict of JSON values.
COUNTERS = {
    "activity": "carershub.reporting.activity.count_for_page",
    "coverage": "carershub.reporting.coverage.services.count_known_carers",
    "statutory": "carershub.reporting.statutory.services.count_returns",
    "client-level-data": "carershub.reporting.statutory.services.count_client_level_data",
}


MAX_AGE = datetime.timedelta(hours=1)  # kept figures older than this are counted again, events or not
INLINE_SECONDS = 1.0  # a counting quicker than this is redone while the page waits
PATIENCE = datetime.timedelta(minutes=10)  # a recount is asked of the worker at most this often


@dataclass(frozen=True)
class Prepared:
    data: dict | None  # None: being counted by the worker, nothing to show yet
    counted_at: datetime.datetime
    current: bool  # nothing recorded since they were counted (as far as the page can tell)
    seconds: float


def key_of(choices: dict) -> str:
    return json.dumps(choices, sort_keys=True, separators=(",", ":"))


def newest_event() -> int:
    """The id of the newest event: a read of the primary key's index, whatever the table's size."""
    return Event.objects.aggregate(newest=Max("pk"))["newest"] or 0


def count_now(name: str, choices: dict) -> PreparedFigures:
    """Count, keep and return the figures for these choices (the background task calls this too)."""
    upto = newest_event()  # read first: an event written while counting makes the result look older, never newer
    started = time.monotonic()
    data = import_string(COUNTERS[name])(choices)
    seconds = round(time.monotonic() - started, 3)
    key = key_of(choices)
    with transaction.atomic():
        kept = PreparedFigures.objects.select_for_update().filter(name=name, key=key).first()
        if kept is not None and kept.events_upto > upto:
            return kept  # a later counting finished first: keep it
        values = {"data": data, "events_upto": upto, "counted_at": timezone.now(), "seconds": seconds,
                  "recount_asked_at": None}
        if kept is None:
            try:
                with transaction.atomic():
                    return PreparedFigures.objects.create(name=name, key=key, **values)
            except IntegrityError:  # another request kept the same choices at the same moment
                kept = PreparedFigures.objects.select_for_update().get(name=name, key=key)
        for field, value in values.items():
            setattr(kept, field, value)
        kept.save(update_fields=list(values))
        return kept


def _ask_for_recount(kept: PreparedFigures, choices: dict) -> None:
    from carershub.reporting import tasks

    now = timezone.now()
    asked = PreparedFigures.objects.filter(pk=kept.pk).filter(
        Q(recount_asked_at__isnull=True) | Q(recount_asked_at__lt=now - PATIENCE)).update(recount_asked_at=now)
    if asked:
        tasks.recount.enqueue(kept.name, choices)


def _waiting(kept: PreparedFigures) -> Prepared:
    return Prepared(None, kept.counted_at, False, kept.seconds)


def read(name: str, choices: dict) -> Prepared:
    key = key_of(choices)
    kept = PreparedFigures.objects.filter(name=name, key=key).first()
    if kept is None:
        if not PreparedFigures.objects.filter(name=name, seconds__gte=INLINE_SECONDS).exists():
            kept = count_now(name, choices)
            return Prepared(kept.data, kept.counted_at, True, kept.seconds)
        # This counting has been slow for other choices: keep a row with no figures yet, so that the
        # worker is asked once (its recount_asked_at) however many readers open the page meanwhile.
        kept, _made = PreparedFigures.objects.get_or_create(
            name=name, key=key, defaults={"data": None, "events_upto": -1, "counted_at": timezone.now(),
                                          "seconds": INLINE_SECONDS})
    if kept.data is None:
        _ask_for_recount(kept, choices)
        kept.refresh_from_db()
        return _waiting(kept) if kept.data is None else Prepared(kept.data, kept.counted_at, True, kept.seconds)
    if kept.events_upto >= newest_event() and timezone.now() - kept.counted_at < MAX_AGE:
        return Prepared(kept.data, kept.counted_at, True, kept.seconds)
    if kept.seconds < INLINE_SECONDS:
        kept = count_now(name, choices)
        return Prepared(kept.data, kept.counted_at, True, kept.seconds)
    _ask_for_recount(kept, choices)
    kept.refresh_from_db()  # an immediate task runner (tests, a small install) has counted it already
    return Prepared(kept.data, kept.counted_at, kept.events_upto >= newest_event(), kept.seconds)


def counted_words(kept: Prepared) -> str:
    """When kept figures were counted, in the reader's language and UK time (pages and downloads say it)."""
    moment = timezone.localtime(kept.counted_at)
    return _("Counted at %(time)s on %(day)s.") % {
        "time": formats.date_format(moment, "H:i"), "day": formats.date_format(moment, "j F Y")}


def prune(older_than: datetime.timedelta) -> int:
    """Forget kept figures counted longer ago than ``older_than`` (choices nobody has opened since, as any
    opened in the last hour were counted again); returns how many. Asked for again, they are counted again."""
    deleted, _by_model = PreparedFigures.objects.filter(counted_at__lt=timezone.now() - older_than).delete()
    return deleted


def usual_choices(today: datetime.date) -> list[tuple[str, dict]]:
    """The choices commissioners open most, which ``manage.py prepare_figures`` counts ahead of them: the
    activity of this and last quarter and financial year, for all areas and each area, by carer group;
    known carers today; the statutory returns of last financial year, and each English council's Client
    Level Data summary for it."""
    from carershub.partnership.models import Area, Nation
    from carershub.reporting import measures

    areas = list(Area.objects.order_by("name").values_list("pk", "code", "nation"))
    periods = [measures.quarter_bounds(today), measures.previous_quarter_bounds(today),
               measures.financial_year_bounds(today), measures.previous_financial_year_bounds(today)]
    found = []
    for start, end in periods:
        for area in [None, *(pk for pk, _code, _nation in areas)]:
            found.append(("activity", {"start": start.isoformat(), "end": end.isoformat(), "area": area,
                                       "breakdown": "carer_group"}))
    found.append(("coverage", {"on": today.isoformat()}))
    start, end = measures.previous_financial_year_bounds(today)
    last_year = {"start": start.isoformat(), "end": end.isoformat()}
    found.append(("statutory", {**last_year, "area": None}))
    found += [("client-level-data", {**last_year, "area": code}) for _pk, code, nation in areas
              if nation == Nation.ENGLAND]
    return found
