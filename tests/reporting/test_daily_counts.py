"""The events' daily and monthly counts (reporting.EventCount, EventMonthCount) say exactly what
counting the events says.

On PostgreSQL the figures read the counts a trigger keeps beside the events: whole months from the
monthly counts, the days either side from the daily ones. These tests make events every way they
can be made (created, bulk-created, changed, deleted, concurrently) and compare every figure with
the same figures counted from the events themselves, and each month with the sum of its days.
SQLite counts the events directly, so there is nothing to compare there.
"""

import importlib
import random
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.activity.models import Event, EventKind
from carershub.reporting import figures
from carershub.reporting.models import ACROSS_AREAS, EventCount, EventMonthCount
from tests.concurrency import ONLY_POSTGRESQL, all_at_once

pytestmark = ONLY_POSTGRESQL

KINDS = [
    EventKind.ASSESSMENT_STARTED,
    EventKind.ASSESSMENT_COMPLETED,
    EventKind.ASSESSMENT_DECIDED,
    EventKind.PLAN_AGREED,
    EventKind.REVIEW_COMPLETED,
    EventKind.CONTACT_LOGGED,
    EventKind.CARER_IDENTIFIED,
    EventKind.SELF_ASSESSMENT_RECEIVED,
]
# Odd values too: a key missing, a JSON null, a string where a number belongs, a code this
# version does not know. The figures must count them the same way from either source.
VALUES = {
    "assessment_type": ["carer", "young_carer", "parent_carer", "transition", "retired_code", None, 7],
    "carer_type": ["adult_carer", "young_carer", "parent_carer", None],
    "eligible": [True, False, None, "yes"],
    "days_from_contact": [0, 3, 3, 14, 40, 2.5, None, "soon"],
    "days_from_assessment": [0, 9, 21, None],
    "first_for_assessment": [True, False, None],
    "on_time": [True, False, None],
}


def _random_event(rng, areas) -> Event:
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 600))
    # Hours either side of midnight, in winter (GMT) and summer (BST): the day is the UK day.
    when = timezone.make_aware(datetime(day.year, day.month, day.day, rng.choice([0, 0, 1, 11, 22, 23]), rng.randrange(60)))
    data = {key: rng.choice(values) for key, values in VALUES.items() if rng.random() < 0.85}
    return Event(kind=rng.choice(KINDS), occurred_at=when, area=rng.choice(areas), data=data)


def _both_ways(monkeypatch, period, area=None):
    from_counts = figures.team_figures(period, area)
    monkeypatch.setattr(figures, "_from_daily_counts", lambda: False)
    from_events = figures.team_figures(period, area)
    monkeypatch.undo()
    return from_counts, from_events


PERIODS = [
    figures.Period(date(2025, 1, 1), date(2026, 12, 31)),
    figures.Period(date(2025, 4, 1), date(2026, 3, 31)),  # a financial year
    figures.Period(date(2025, 3, 30), date(2025, 3, 30)),  # the day the clocks go forward
    figures.Period(date(2025, 10, 26), date(2025, 11, 2)),  # and the week they go back
    figures.Period(date(2025, 7, 1), date(2025, 9, 30)),
    figures.Period(date(2025, 2, 14), date(2025, 6, 10)),  # days, whole months, days
    figures.Period(date(2025, 1, 20), date(2025, 2, 10)),  # no whole month
    figures.Period(date(2025, 5, 1), date(2025, 12, 17)),  # whole months, then days
]

COLUMNS = ("kind", "area_id", "measure", "first", "second")


def _months_are_the_sums_of_their_days():
    """Each month's kept counts equal its days' (rows at 0 are as good as no row)."""
    by_days = Counter()
    for day, *key, n in EventCount.objects.values_list("day", *COLUMNS, "n"):
        by_days[repr((day.replace(day=1), *key))] += n
    by_months = Counter()
    for month, *key, n in EventMonthCount.objects.values_list("month", *COLUMNS, "n"):
        by_months[repr((month, *key))] += n
    assert +by_months == +by_days
    assert by_days, "there were counts to compare"


@pytest.mark.parametrize("seed", [1, 2])
def test_every_figure_is_the_same_from_the_daily_counts_as_from_the_events(db, region, monkeypatch, seed):
    rng = random.Random(seed)
    areas = [region["areas"]["afon"], region["areas"]["marches"], None]
    Event.objects.bulk_create(_random_event(rng, areas) for _ in range(1500))
    for _ in range(40):
        event = _random_event(rng, areas)
        event.save()

    for period in PERIODS:
        for area in (None, region["areas"]["afon"]):
            from_counts, from_events = _both_ways(monkeypatch, period, area)
            assert from_counts == from_events, (period, area)
    assert EventCount.objects.filter(measure="count").exists(), "the figures above were read from the counts"
    _months_are_the_sums_of_their_days()
    _across_areas_are_the_sums_of_the_areas()


def _across_areas_are_the_sums_of_the_areas():
    """The days measures kept with no area (decision 70) equal every area's rows added together."""
    for model, at in ((EventCount, "day"), (EventMonthCount, "month")):
        for measure, everywhere in ACROSS_AREAS.items():
            by_area, across = Counter(), Counter()
            for when, kind, first, second, n in model.objects.filter(measure=measure).values_list(
                at, "kind", "first", "second", "n"
            ):
                by_area[repr((when, kind, first, second))] += n
            for when, kind, area_id, first, second, n in model.objects.filter(measure=everywhere).values_list(
                at, "kind", "area_id", "first", "second", "n"
            ):
                assert area_id is None
                across[repr((when, kind, first, second))] += n
            assert +across == +by_area, (model, measure)
            assert by_area, f"there were {measure} counts to compare"


def test_the_days_measures_across_areas_are_kept_for_events_already_there_when_migrating(db, region):
    """Migration reporting/0006 sums the rows for the events that were there before it."""
    migration = importlib.import_module("carershub.reporting.migrations.0006_days_across_areas")
    rng, areas = random.Random(7), [region["areas"]["afon"], region["areas"]["marches"], None]
    Event.objects.bulk_create(_random_event(rng, areas) for _ in range(400))
    with connection.cursor() as cursor:
        cursor.execute(migration.REMOVE_EXISTING)
        assert not EventMonthCount.objects.filter(measure__in=ACROSS_AREAS.values()).exists()
        cursor.execute(migration.SUM_EXISTING)

    _across_areas_are_the_sums_of_the_areas()


def test_changed_and_deleted_events_move_their_counts(db, region, monkeypatch):
    rng = random.Random(3)
    areas = [region["areas"]["afon"], region["areas"]["marches"], None]
    Event.objects.bulk_create(_random_event(rng, areas) for _ in range(600))
    events = list(Event.objects.order_by("pk"))
    for event in events[:100]:
        event.delete()
    for event in events[100:200]:
        event.area = region["areas"]["marches"]
        event.occurred_at += timedelta(hours=rng.choice([1, 13, 30]))
        event.data = {**event.data, "eligible": not event.data.get("eligible"), "carer_type": "young_carer"}
        event.save()
    Event.objects.filter(pk__in=[e.pk for e in events[200:260]]).update(kind=EventKind.ASSESSMENT_COMPLETED)
    # Changing only who the event is about (an erasure sets it to nobody) leaves the counts alone.
    Event.objects.filter(pk__in=[e.pk for e in events[260:300]]).update(person=None)

    for period in PERIODS:
        from_counts, from_events = _both_ways(monkeypatch, period, region["areas"]["marches"])
        assert from_counts == from_events, period
        from_counts, from_events = _both_ways(monkeypatch, period)
        assert from_counts == from_events, period
    _months_are_the_sums_of_their_days()
    _across_areas_are_the_sums_of_the_areas()


def test_a_recount_from_the_events_gives_the_counts_the_trigger_kept(db, region):
    rng = random.Random(4)
    Event.objects.bulk_create(_random_event(rng, [region["areas"]["afon"], None]) for _ in range(500))
    columns = ("day", "kind", "area_id", "measure", "first", "second", "n")
    kept = sorted(EventCount.objects.filter(n__gt=0).values_list(*columns), key=repr)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reporting_rebuild_event_counts()")
        total = cursor.fetchone()[0]

    assert total == 500
    assert sorted(EventCount.objects.values_list(*columns), key=repr) == kept
    _months_are_the_sums_of_their_days()


def test_a_recount_puts_right_months_that_disagree_with_their_days(db, region):
    Event.objects.bulk_create(_random_event(random.Random(5), [region["areas"]["afon"]]) for _ in range(300))
    months = sorted(EventMonthCount.objects.filter(n__gt=0).values_list("month", *COLUMNS, "n"), key=repr)
    EventMonthCount.objects.filter(pk__in=EventMonthCount.objects.order_by("pk")[:20].values("pk")).update(n=0)
    EventMonthCount.objects.create(month=date(2025, 2, 1), kind="nothing.happened", measure="count", n=9)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reporting_rebuild_event_counts()")

    assert sorted(EventMonthCount.objects.values_list("month", *COLUMNS, "n"), key=repr) == months


def test_whole_months_are_read_from_the_monthly_counts_and_only_the_days_either_side_by_day(db, region):
    Event.objects.bulk_create(_random_event(random.Random(6), [region["areas"]["afon"]]) for _ in range(50))

    def tables(period):
        with CaptureQueriesContext(connection) as queries:
            figures.team_figures(period)
        counts = [q["sql"] for q in queries.captured_queries if "reporting_event" in q["sql"]]
        assert counts
        # How many times each table is read: one statement names each once per measure read from it.
        return (
            sum(sql.count("FROM reporting_eventmonthcount") for sql in counts),
            sum(sql.count("FROM reporting_eventcount") for sql in counts),
        )

    months, days = tables(figures.Period(date(2025, 4, 1), date(2026, 3, 31)))
    assert months > 0 and days == 0
    months, days = tables(figures.Period(date(2025, 4, 1), date(2025, 11, 20)))
    assert months > 0 and days == months
    months, days = tables(figures.Period(date(2025, 11, 2), date(2025, 11, 20)))
    assert months == 0 and days > 0


@pytest.mark.django_db(transaction=True)
def test_events_written_at_once_from_many_connections_are_all_counted(region):
    afon = region["areas"]["afon"]
    when = timezone.make_aware(datetime(2025, 6, 2, 10))
    def write():
        for _ in range(25):
            Event.objects.create(
                kind=EventKind.ASSESSMENT_COMPLETED,
                occurred_at=when,
                area=afon,
                data={"assessment_type": "carer", "carer_type": "adult_carer", "days_from_contact": 5},
            )

    failures = all_at_once(4, write, after=connections.close_all)
    assert not failures
    result = figures.team_figures(figures.Period(date(2025, 6, 1), date(2025, 6, 30)))
    assert result.by_type.completed == 100
    assert result.contact_to_assessment.counts == {5: 100}
    assert EventCount.objects.get(measure="count", kind=EventKind.ASSESSMENT_COMPLETED).n == 100
    assert EventMonthCount.objects.get(measure="count", kind=EventKind.ASSESSMENT_COMPLETED).n == 100
