"""The RAG rule at its boundaries (rag.py, pure) and the financial-year quarters (quarters.py, pure)."""

import datetime
from decimal import Decimal

import pytest

from carershub.reporting.monitoring import quarters as q
from carershub.reporting.monitoring import rag

D = Decimal


@pytest.mark.parametrize(("actual", "expected"), [
    (D("150"), rag.GREEN),      # exactly on target
    (D("151"), rag.GREEN),
    (D("149.99"), rag.AMBER),   # just short
    (D("135"), rag.AMBER),      # exactly the tolerance short: still amber
    (D("134.99"), rag.RED),     # past the tolerance
    (D("0"), rag.RED),
    (None, rag.GREY),           # nothing reported
])
def test_higher_is_better(actual, expected):
    assert rag.status(actual, D("150"), rag.HIGHER, D("15")) == expected


@pytest.mark.parametrize(("actual", "expected"), [
    (D("28"), rag.GREEN),       # on target (days waited)
    (D("0"), rag.GREEN),
    (D("28.01"), rag.AMBER),
    (D("35"), rag.AMBER),       # exactly the tolerance over
    (D("35.01"), rag.RED),
    (None, rag.GREY),
])
def test_lower_is_better(actual, expected):
    assert rag.status(actual, D("28"), rag.LOWER, D("7")) == expected


def test_no_tolerance_means_off_target_is_red():
    assert rag.status(9, 10, rag.HIGHER) == rag.RED
    assert rag.status(10, 10, rag.HIGHER) == rag.GREEN
    assert rag.status(11, 10, rag.LOWER, 0) == rag.RED


def test_a_zero_actual_is_a_figure_not_missing():
    assert rag.status(0, 0, rag.HIGHER) == rag.GREEN
    assert rag.status(0, 5, rag.LOWER) == rag.GREEN


def test_percentages_compare_exactly():
    assert rag.status(D("79.5"), D("80"), rag.HIGHER, D("0.5")) == rag.AMBER
    assert rag.status(D("79.49"), D("80"), rag.HIGHER, D("0.5")) == rag.RED


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        rag.status(1, 1, "sideways")
    with pytest.raises(ValueError):
        rag.status(1, 1, rag.HIGHER, -1)
    with pytest.raises(TypeError):
        rag.status(0.1, 1, rag.HIGHER)  # floats are not exact
    with pytest.raises(TypeError):
        rag.status(True, 1, rag.HIGHER)


def test_every_status_has_words():
    assert set(rag.WORDS) == set(rag.STATUSES) == set(rag.SHORT_WORDS)


def test_tally_counts_every_status():
    assert rag.tally([rag.RED, rag.GREEN, rag.GREEN]) == {rag.RED: 1, rag.AMBER: 0, rag.GREEN: 2, rag.GREY: 0}
    with pytest.raises(ValueError):
        rag.tally(["purple"])


@pytest.mark.parametrize(("day", "year", "number"), [
    (datetime.date(2025, 4, 1), 2025, 1),
    (datetime.date(2025, 6, 30), 2025, 1),
    (datetime.date(2025, 7, 1), 2025, 2),
    (datetime.date(2025, 12, 31), 2025, 3),
    (datetime.date(2026, 1, 1), 2025, 4),
    (datetime.date(2026, 3, 31), 2025, 4),
])
def test_quarter_of_a_day(day, year, number):
    assert q.of(day) == q.Quarter(year, number)


def test_quarter_dates_labels_and_steps():
    fourth = q.Quarter(2025, 4)
    assert (fourth.start, fourth.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert fourth.year_label == "2025-26" and fourth.code == "2025-q4"
    assert fourth.next() == q.Quarter(2026, 1) and q.Quarter(2026, 1).previous() == fourth
    assert q.from_code("2025-q4") == fourth and q.from_code("nonsense") is None and q.from_code("2025-q5") is None
    assert q.last_complete(datetime.date(2025, 7, 1)) == q.Quarter(2025, 1)
    assert q.ending_with(q.Quarter(2025, 2), 4) == [q.Quarter(2024, 3), q.Quarter(2024, 4), q.Quarter(2025, 1),
                                                    q.Quarter(2025, 2)]
    assert q.overlapping(datetime.date(2025, 5, 1), datetime.date(2025, 10, 1)) == [
        q.Quarter(2025, 1), q.Quarter(2025, 2), q.Quarter(2025, 3)]
    with pytest.raises(ValueError):
        q.Quarter(2025, 0)
