"""The pure rules of places, waiting-list positions and waiting-time measures (waitlist.py)."""

import datetime

from carershub.support.groups import waitlist
from carershub.support.groups.waitlist import Waiting

T = datetime.datetime(2026, 11, 1, 9, 0)
TODAY = datetime.date(2026, 12, 1)


def test_positions_go_by_when_they_joined_then_by_id():
    entries = [Waiting(7, T), Waiting(3, T + datetime.timedelta(hours=1)), Waiting(5, T)]

    assert waitlist.positions(entries) == {5: 1, 7: 2, 3: 3}
    assert waitlist.next_to_offer(entries).id == 5
    assert waitlist.next_to_offer([]) is None


def test_wait_measures_median_and_longest():
    joined = [TODAY - datetime.timedelta(days=d) for d in (40, 7, 21, 10)]

    measures = waitlist.wait_measures(joined, TODAY)

    assert measures == waitlist.WaitMeasures(waiting=4, median_days=15.5, longest_days=40)
    assert waitlist.wait_measures([], TODAY) == waitlist.WaitMeasures(0, None, None)
    assert waitlist.median([3, 1, 2]) == 2


def test_places_left_never_negative_and_full():
    assert waitlist.places_left(5, 2) == 3
    assert waitlist.places_left(2, 3) == 0
    assert waitlist.is_full(2, 2) and not waitlist.is_full(3, 2)


def test_why_a_booking_is_refused():
    ok = {"active": True, "session_day": TODAY, "today": TODAY, "places": 2, "taken": 1}
    assert waitlist.booking_problem(**ok) is None
    assert waitlist.booking_problem(**{**ok, "active": False}) == "closed"
    assert waitlist.booking_problem(**{**ok, "session_day": TODAY - datetime.timedelta(days=1)}) == "past"
    assert waitlist.booking_problem(**{**ok, "taken": 2}) == "full"
    assert waitlist.booking_problem(**{**ok, "session_day": None}) is None


def test_places_and_times_problems():
    assert waitlist.places_problem(0) == ("places_too_few", {})
    assert waitlist.places_problem(None) == ("places_too_few", {})
    assert waitlist.places_problem(501) == ("places_too_many", {"max": 500})
    assert waitlist.places_problem(3, booked=4) == ("below_booked", {"booked": 4})
    assert waitlist.places_problem(4, booked=4) is None
    assert waitlist.times_problem(datetime.time(10), datetime.time(9)) == "ends_before_start"
    assert waitlist.times_problem(datetime.time(10), datetime.time(10)) == "ends_before_start"
    assert waitlist.times_problem(datetime.time(10), datetime.time(11)) is None
    assert waitlist.minutes_between(datetime.time(10), datetime.time(11, 30)) == 90
    assert waitlist.days_waited(T, TODAY) == 30
