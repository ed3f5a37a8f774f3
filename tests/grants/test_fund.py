"""The pure arithmetic of the fund (grants/fund.py)."""

import datetime
from fractions import Fraction

import pytest

from carershub.grants import fund


@pytest.mark.parametrize(("typed", "pence"), [("25", 2500), ("£1,250.5", 125050), ("0.01", 1), (" 3.07 ", 307)])
def test_money_typed_is_whole_pence(typed, pence):
    assert fund.parse_pence(typed) == pence


@pytest.mark.parametrize(("typed", "code"), [("abc", "money_invalid"), ("1.234", "money_too_many_pence"),
                                             ("0", "money_not_positive"), ("-5", "money_not_positive"),
                                             ("12345678", "money_too_large")])
def test_money_that_is_not_money_says_why(typed, code):
    with pytest.raises(fund.MoneyError) as raised:
        fund.parse_pence(typed)
    assert raised.value.code == code


def test_an_award_fits_only_within_the_budget_left_what_was_asked_and_the_maximum():
    fits = {"requested": 100000, "maximum": 250000, "budget": 500000}
    assert fund.award_problem(amount=100000, awarded=400000, **fits) is None  # exactly the budget
    assert fund.award_problem(amount=100000, awarded=400001, **fits) == ("over_budget", {"remaining": 99999})
    assert fund.award_problem(amount=100001, awarded=0, **fits) == ("over_requested", {"requested": 100000})
    assert fund.award_problem(amount=90000, awarded=0, requested=300000, maximum=80000, budget=500000) == (
        "over_maximum", {"maximum": 80000})


def test_a_payment_fits_within_what_is_left_of_the_award():
    assert fund.payment_problem(amount=500, award=1000, paid=500) is None
    assert fund.payment_problem(amount=501, award=1000, paid=500) == ("over_award", {"remaining": 500})


def test_weighted_scores_are_exact_and_shown_half_up():
    one = fund.scorer_score({"a": 5, "b": 2}, {"a": 3, "b": 1})  # (15 + 2) / 4
    two = fund.scorer_score({"a": 4, "b": 4}, {"a": 3, "b": 1})
    assert one == Fraction(17, 4)
    assert fund.application_score([one, two]) == Fraction(33, 8)  # 4.125
    assert fund.shown(Fraction(33, 8)) == "4.13"
    assert fund.shown(Fraction(1, 3)) == "0.33"
    assert fund.application_score([]) is None
    with pytest.raises(ValueError):
        fund.scorer_score({"a": 5}, {"a": 3, "b": 1})


def test_ranking_puts_the_higher_score_first_then_the_smaller_request_and_unscored_last():
    ranked = fund.rank([("x", Fraction(3), 2, 500), ("y", Fraction(4), 2, 900), ("z", None, 0, 100),
                        ("w", Fraction(3), 3, 400)])
    assert [(r.key, r.position) for r in ranked] == [("y", 1), ("w", 2), ("x", 2), ("z", None)]


def test_a_return_is_due_whole_months_after_the_award_month_end_safe():
    assert fund.return_due(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert fund.return_due(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert fund.return_due(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    awarded = datetime.date(2026, 1, 10)
    assert not fund.return_overdue(awarded_on=awarded, months=6, returns_received=0, today=datetime.date(2026, 7, 10))
    assert fund.return_overdue(awarded_on=awarded, months=6, returns_received=0, today=datetime.date(2026, 7, 11))
    assert not fund.return_overdue(awarded_on=awarded, months=6, returns_received=1, today=datetime.date(2027, 1, 1))
