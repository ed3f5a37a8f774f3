"""The arithmetic behind the team figures, on its own: no database, no Django."""

from datetime import date

import pytest

from carershub.reporting import measures
from tests.conftest import imported_packages


def test_the_module_does_not_import_django():
    imported = imported_packages(measures)
    assert "django" not in imported
    assert "carershub" not in imported


# --- median -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5], 5),
        ([3, 1, 2], 2),
        ([4, 1, 3, 2], 2.5),
        ([10, 10, 10, 90], 10),
        ([0, 0, 7], 0),
        ([1.5, 2.5], 2),
    ],
)
def test_median_is_the_middle_value_or_the_mean_of_the_middle_two(values, expected):
    assert measures.median(values) == expected


def test_median_of_nothing_is_none_not_zero():
    assert measures.median([]) is None
    assert measures.median([None, None]) is None


def test_values_that_are_not_numbers_are_left_out_not_counted_as_zero():
    # Events recorded before a data key existed carry None; a typo'd value may be text.
    assert measures.median([None, 4, "x", 6, True, float("nan")]) == 5


def test_median_from_counts_matches_the_median_of_the_expanded_values():
    counts = {1: 3, 4: 1, 9: 2}  # 1 1 1 4 9 9
    assert measures.median_from_counts(counts) == measures.median([1, 1, 1, 4, 9, 9]) == 2.5


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({7: 1}, 7),
        ({2: 2}, 2),
        ({1: 1, 2: 1}, 1.5),
        ({1: 5, 100: 4}, 1),  # the middle of nine values is the fifth
        ({1: 4, 100: 4}, 50.5),
        ({30: 1, 10: 1, 20: 1}, 20),  # order of the table does not matter
    ],
)
def test_median_from_counts(counts, expected):
    assert measures.median_from_counts(counts) == expected


def test_median_from_counts_ignores_unknown_values_and_empty_counts():
    assert measures.median_from_counts({None: 50, 3: 1, 8: 0}) == 3
    assert measures.median_from_counts({}) is None
    assert measures.median_from_counts({None: 4}) is None


def test_counted_is_what_the_median_rests_on():
    assert measures.counted({None: 50, 3: 2, 8: 1}) == 3
    assert measures.counted({}) == 0


def test_median_from_counts_handles_a_large_table_quickly():
    counts = {days: 1000 for days in range(0, 365)}
    assert measures.median_from_counts(counts) == 182


# --- percentages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 2, 50.0),
        (2, 3, 66.7),
        (1, 3, 33.3),
        (1, 8, 12.5),
        (0, 5, 0.0),
        (5, 5, 100.0),
        (1, 200, 0.5),
    ],
)
def test_percent_rounds_to_one_place_half_up(part, whole, expected):
    assert measures.percent(part, whole) == expected


def test_percent_of_nothing_is_none():
    assert measures.percent(0, 0) is None


def test_percent_refuses_negative_counts():
    with pytest.raises(ValueError):
        measures.percent(-1, 4)


def test_on_time_rate_is_among_reviews_whose_timing_is_known():
    assert measures.on_time_rate(3, 1) == 75.0
    assert measures.on_time_rate(0, 0) is None


@pytest.mark.parametrize(
    ("value", "text"), [(66.7, "66.7%"), (100.0, "100%"), (0.0, "0%"), (12.5, "12.5%"), (None, "")]
)
def test_format_percent(value, text):
    assert measures.format_percent(value) == text


def test_format_days():
    assert measures.format_days(12.0) == "12"
    assert measures.format_days(12.5) == "12.5"
    assert measures.format_days(None, "none") == "none"


# --- periods ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 8, 15), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_quarter_bounds(day, start, end):
    assert measures.quarter_bounds(day) == (start, end)


def test_previous_quarter_crosses_the_year():
    assert measures.previous_quarter_bounds(date(2026, 2, 10)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert measures.previous_quarter_bounds(date(2026, 5, 1)) == (date(2026, 1, 1), date(2026, 3, 31))


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 4, 1), date(2026, 4, 1), date(2027, 3, 31)),
        (date(2026, 12, 25), date(2026, 4, 1), date(2027, 3, 31)),
        (date(2027, 3, 31), date(2026, 4, 1), date(2027, 3, 31)),
        (date(2026, 3, 31), date(2025, 4, 1), date(2026, 3, 31)),
    ],
)
def test_financial_year_runs_april_to_march(day, start, end):
    assert measures.financial_year_bounds(day) == (start, end)


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (None, None, "both_missing"),
        (None, date(2026, 1, 1), "start_missing"),
        (date(2026, 1, 1), None, "end_missing"),
        (date(2026, 7, 1), date(2026, 8, 1), "start_future"),
        (date(2026, 3, 2), date(2026, 3, 1), "end_before_start"),
        (date(2026, 3, 1), date(2026, 3, 1), None),
        (date(2026, 1, 1), date(2026, 12, 31), None),  # an end in the future is fine: nothing has happened yet
    ],
)
def test_range_problem(start, end, problem):
    assert measures.range_problem(start, end, today=date(2026, 6, 1)) == problem


# --- whole months and the days either side (what figures read by month) -------------------


@pytest.mark.parametrize(
    "start, end, months, days",
    [
        (date(2026, 4, 1), date(2027, 3, 31), (date(2026, 4, 1), date(2027, 3, 1)), []),  # a financial year
        (date(2026, 7, 1), date(2026, 9, 30), (date(2026, 7, 1), date(2026, 9, 1)), []),  # a quarter
        (
            date(2026, 4, 1), date(2026, 12, 4), (date(2026, 4, 1), date(2026, 11, 1)),
            [(date(2026, 12, 1), date(2026, 12, 4))],
        ),
        (
            date(2026, 2, 14), date(2026, 6, 10), (date(2026, 3, 1), date(2026, 5, 1)),
            [(date(2026, 2, 14), date(2026, 2, 28)), (date(2026, 6, 1), date(2026, 6, 10))],
        ),
        (
            date(2025, 12, 31), date(2026, 1, 31), (date(2026, 1, 1), date(2026, 1, 1)),
            [(date(2025, 12, 31), date(2025, 12, 31))],
        ),
        (date(2024, 2, 1), date(2024, 2, 29), (date(2024, 2, 1), date(2024, 2, 1)), []),  # a leap February
        (date(2026, 2, 14), date(2026, 3, 10), None, [(date(2026, 2, 14), date(2026, 3, 10))]),  # no whole month
        (date(2026, 12, 1), date(2026, 12, 4), None, [(date(2026, 12, 1), date(2026, 12, 4))]),
        (date(2026, 5, 5), date(2026, 5, 5), None, [(date(2026, 5, 5), date(2026, 5, 5))]),
        (date(2026, 5, 1), date(2026, 4, 1), None, []),  # ends before it starts: nothing
        # The calendar's own ends: no month before the first, none after the last.
        (date(9999, 12, 1), date(9999, 12, 31), (date(9999, 12, 1), date(9999, 12, 1)), []),
        (date(9999, 12, 2), date(9999, 12, 31), None, [(date(9999, 12, 2), date(9999, 12, 31))]),
        (date(1, 1, 1), date(1, 1, 15), None, [(date(1, 1, 1), date(1, 1, 15))]),
    ],
)
def test_split_by_month(start, end, months, days):
    assert measures.split_by_month(start, end) == (months, days)


def test_split_by_month_covers_every_day_of_any_period_once():
    import random
    from datetime import timedelta

    rng = random.Random(7)
    for _ in range(500):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(1200))
        end = start + timedelta(days=rng.randrange(500))
        months, days = measures.split_by_month(start, end)
        covered = []
        for first, last in days:
            covered += [first + timedelta(days=i) for i in range((last - first).days + 1)]
        if months is not None:
            day = months[0]
            while day <= months[1]:
                assert day.day == 1
                first, last = measures.month_bounds(day)
                covered += [first + timedelta(days=i) for i in range((last - first).days + 1)]
                day = last + timedelta(days=1)
        assert sorted(covered) == [start + timedelta(days=i) for i in range((end - start).days + 1)]
        assert len(days) <= 2
