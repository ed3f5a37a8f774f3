"""The pure rules: when a data-rights request is due, and when a record is due for retention review."""

from datetime import date

import pytest

from carershub.privacy import deadlines, retention
from tests.conftest import imported_packages


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 9, 3), date(2026, 10, 3)),  # the ICO's own example: the corresponding date
        (date(2026, 1, 31), date(2026, 2, 28)),  # no 31 February: the last day of the month
        (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        (date(2026, 1, 29), date(2026, 2, 28)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 15), date(2027, 1, 15)),  # into the next year
        (date(2026, 2, 28), date(2026, 3, 28)),  # the 28th stays the 28th, not the end of March
    ],
)
def test_a_request_is_due_one_calendar_month_from_the_day_it_arrived(received, due):
    assert deadlines.response_due(received) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2028, 2, 29)),
        (date(2026, 10, 31), date(2027, 1, 31)),
    ],
)
def test_an_extension_adds_two_further_months(received, due):
    assert deadlines.extended_due(received) == due


SCHEDULE = retention.parse_schedule(
    {
        "adult_record": {"years": 8},
        "childrens_record": {"until_age": 25, "until_age_if_17": 26},
        "unlinked_contact": {"years": 2},
        "unused_self_assessment": {"years": 2},
    }
)


def test_an_adults_record_is_due_eight_years_after_the_last_activity():
    last = date(2018, 6, 1)
    assert retention.person_kind(date(1970, 1, 1), last) == retention.ADULT_RECORD
    assert retention.review_due_on(SCHEDULE[retention.ADULT_RECORD], last, date(1970, 1, 1)) == date(2026, 6, 1)


def test_a_childs_record_is_kept_until_their_25th_birthday():
    born, last = date(2010, 4, 10), date(2020, 6, 1)  # 10 at the last activity
    assert retention.person_kind(born, last) == retention.CHILDRENS_RECORD
    assert retention.review_due_on(SCHEDULE[retention.CHILDRENS_RECORD], last, born) == date(2035, 4, 10)


def test_a_young_person_aged_17_at_the_last_activity_is_kept_until_26():
    born, last = date(2003, 4, 10), date(2020, 6, 1)
    assert retention.review_due_on(SCHEDULE[retention.CHILDRENS_RECORD], last, born) == date(2029, 4, 10)


def test_a_person_with_no_date_of_birth_is_treated_as_an_adult():
    assert retention.person_kind(None, date(2020, 1, 1)) == retention.ADULT_RECORD


@pytest.mark.parametrize(
    "value",
    [
        {"adult_record": {"years": 8}},  # kinds missing
        {**{k: {"years": 1} for k in retention.KINDS}, "mystery": {"years": 1}},
        {**{k: {"years": 1} for k in retention.KINDS}, "adult_record": {"yeras": 8}},
        {**{k: {"years": 1} for k in retention.KINDS}, "adult_record": {"years": 0}},
    ],
)
def test_a_mistyped_schedule_is_refused(value):
    with pytest.raises(ValueError):
        retention.parse_schedule(value)


@pytest.mark.parametrize("module", [deadlines, retention])
def test_the_rules_are_plain_python(module):
    assert "django" not in imported_packages(module)
