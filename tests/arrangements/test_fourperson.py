"""The four-person rule's counting (providers/fourperson.py): pure, no database."""

import datetime

import pytest

from carershub.providers import fourperson
from carershub.providers.fourperson import OK, REFUSED, WARNING, judge, peak, people_on

D = datetime.date(2027, 3, 1)


def day(n):
    return D + datetime.timedelta(days=n)


def test_nobody_there_counts_only_the_new_person():
    assert peak([], ("new", D, None)).count == 1
    assert judge([], ("new", D, None)).verdict == OK


def test_three_there_and_one_more_is_a_warning_at_the_limit():
    existing = [(1, day(-10), None), (2, day(-5), None), (3, day(0), day(30))]
    outcome = judge(existing, ("new", D, None))
    assert (outcome.verdict, outcome.count, outcome.limit) == (WARNING, 4, 4)
    assert outcome.first_over is None


def test_four_there_and_one_more_is_refused_from_the_first_day_over():
    existing = [(1, day(-10), None), (2, day(-5), None), (3, day(0), None), (4, day(5), None)]
    outcome = judge(existing, ("new", D, None))
    assert (outcome.verdict, outcome.count) == (REFUSED, 5)
    assert outcome.first_over == day(5)  # the fourth starts on day 5: the limit is passed then, not before


def test_future_dated_arrangements_count_over_the_new_interval():
    existing = [(1, day(0), None), (2, day(0), None), (3, day(0), None), (4, day(100), None)]
    assert judge(existing, ("new", D, day(99))).verdict == WARNING  # ends before the fourth starts
    assert judge(existing, ("new", D, day(100))).verdict == REFUSED
    assert judge(existing, ("new", D, None)).first_over == day(100)


def test_ended_arrangements_free_a_place():
    existing = [(1, day(-30), day(-1)), (2, day(0), None), (3, day(0), None), (4, day(0), None)]
    assert judge(existing, ("new", D, None)).verdict == WARNING


def test_the_end_date_is_inclusive_so_back_to_back_on_the_same_day_overlap():
    base = [(1, day(0), None), (2, day(0), None), (3, day(0), None)]
    ending = base + [(4, day(0), day(10))]
    # The fourth person is still cared for on day 10: a new one starting that day makes five.
    assert judge(ending, ("new", day(10), None)).verdict == REFUSED
    # From the day after, there is a place.
    assert judge(ending, ("new", day(11), None)).verdict == WARNING


def test_the_same_person_twice_counts_once():
    existing = [(1, day(0), day(20)), (1, day(10), None), (2, day(0), None), (3, day(0), None)]
    assert peak(existing, ("new", D, None)).count == 4
    # and the new arrangement for someone already there does not add a person
    assert judge(existing, (2, day(5), day(6))).count == 3


def test_open_ended_new_interval_meets_every_later_arrangement():
    existing = [(n, day(400 + n), day(500)) for n in range(1, 5)]
    outcome = judge(existing, ("new", D, None))
    assert outcome.verdict == REFUSED and outcome.first_over == day(404)


def test_a_peak_needs_people_at_the_same_time_not_just_in_the_same_period():
    # Five people over the interval, but never more than two at once.
    existing = [(1, day(0), day(9)), (2, day(10), day(19)), (3, day(20), day(29)), (4, day(30), day(39))]
    found = peak(existing, ("new", D, day(39)))
    assert found.count == 2


def test_arrangements_outside_the_interval_are_not_counted():
    existing = [(n, day(50), None) for n in range(1, 5)]
    assert judge(existing, ("new", D, day(49))).verdict == OK


def test_no_limit_when_the_rule_does_not_apply():
    existing = [(n, day(0), None) for n in range(1, 9)]
    outcome = judge(existing, ("new", D, None), limit_applies=False)
    assert outcome.verdict == OK and outcome.count == 9


def test_a_new_interval_ending_before_it_starts_is_an_error():
    with pytest.raises(ValueError):
        peak([], ("new", D, day(-1)))


def test_people_on_a_day_counts_distinct_people_with_inclusive_ends():
    stays = [(1, day(0), day(5)), (1, day(3), None), (2, day(5), day(5)), (3, day(6), None)]
    assert people_on(stays, day(5)) == 2
    assert people_on(stays, day(6)) == 2
    assert people_on(stays, day(-1)) == 0


def test_the_limit_is_four():
    assert fourperson.LIMIT == 4
