"""The pure rules of action plans (carershub/reporting/actionplans/highlights.py), worked by hand."""

import datetime

import pytest

from carershub.reporting.actionplans import highlights
from carershub.reporting.actionplans.highlights import ActionInput, Quarter


@pytest.mark.parametrize(("quarter", "first", "last", "label"), [
    (Quarter(2026, 1), datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), "2026-27 Q1"),
    (Quarter(2026, 2), datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), "2026-27 Q2"),
    (Quarter(2026, 3), datetime.date(2026, 10, 1), datetime.date(2026, 12, 31), "2026-27 Q3"),
    (Quarter(2026, 4), datetime.date(2027, 1, 1), datetime.date(2027, 3, 31), "2026-27 Q4"),
    (Quarter(1999, 4), datetime.date(2000, 1, 1), datetime.date(2000, 3, 31), "1999-00 Q4"),
])
def test_financial_year_quarters_run_april_to_march(quarter, first, last, label):
    assert (quarter.first_day, quarter.last_day, quarter.label) == (first, last, label)
    assert highlights.quarter_of(first) == quarter and highlights.quarter_of(last) == quarter
    assert highlights.parse_quarter(label) == quarter


@pytest.mark.parametrize("text", ["2026 Q2", "2026-28 Q2", "2026-27 Q5", "Q2 2026-27", "", "2026-27"])
def test_a_quarter_must_be_a_financial_year_and_a_quarter(text):
    assert highlights.parse_quarter(text) is None


def test_lenient_about_spaces_case_and_slashes():
    assert highlights.parse_quarter(" 2026/27 q2 ") == Quarter(2026, 2)


def test_overdue_is_the_day_after_the_quarter_ends_and_never_when_complete():
    due = Quarter(2026, 2)
    assert not highlights.is_overdue(due, highlights.ON_TRACK, datetime.date(2026, 9, 30))
    assert highlights.is_overdue(due, highlights.ON_TRACK, datetime.date(2026, 10, 1))
    assert highlights.is_overdue(due, highlights.NOT_STARTED, datetime.date(2027, 1, 1))
    assert not highlights.is_overdue(due, highlights.COMPLETE, datetime.date(2027, 1, 1))
    assert not highlights.is_overdue(None, highlights.OFF_TRACK, datetime.date(2027, 1, 1))


def test_counts_add_up_by_status_and_overdue_is_of_which():
    today = datetime.date(2026, 10, 5)
    actions = [
        ActionInput("a", highlights.COMPLETE, Quarter(2026, 1)),
        ActionInput("a", highlights.AT_RISK, Quarter(2026, 2)),  # overdue
        ActionInput("a", highlights.ON_TRACK, Quarter(2026, 3)),
        ActionInput("b", highlights.OFF_TRACK, Quarter(2026, 1)),  # overdue
        ActionInput("b", highlights.NOT_STARTED, None),
    ]

    per, whole = highlights.highlight_counts(actions, today)

    assert (per["a"].total, per["a"].overdue) == (3, 1)
    assert per["a"].by_status == {"not_started": 0, "on_track": 1, "at_risk": 1, "off_track": 0, "complete": 1}
    assert (per["b"].total, per["b"].overdue, per["b"].by_status["off_track"]) == (2, 1, 1)
    assert (whole.total, whole.overdue) == (5, 2)
    assert sum(whole.by_status.values()) == whole.total
