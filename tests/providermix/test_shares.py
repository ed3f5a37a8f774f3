"""shares.py: sector shares, the Section 16 share, Table 2's three columns, total rows and periods."""

import datetime
from decimal import Decimal as D

import pytest

from carershub.providers.mix import shares


def test_hours_become_shares_to_one_decimal_place():
    mix = shares.mix({"in_house": D(100), "private": D(200), "user_led": D(50), "micro": D(50)})

    assert mix.total == D(400)
    assert mix.shares["in_house"] == D("25.0")
    assert mix.shares["private"] == D("50.0")
    assert mix.shares["micro"] == D("12.5")
    assert mix.shares["cooperative"] == D("0.0")


def test_the_section_16_share_adds_up_the_four_section_16_types_only():
    mix = shares.mix({"social_enterprise": D(10), "cooperative": D(20), "user_led": D(30), "third_sector": D(40),
                      "micro": D(50), "private": D(50)})

    assert mix.section16 == D("50.0")


def test_the_report_columns_put_micro_enterprises_with_the_private_sector():
    mix = shares.mix({"in_house": D(30), "private": D(40), "micro": D(10), "cooperative": D(15), "third_sector": D(5)})

    assert mix.columns == {"in_house": D("30.0"), "private": D("50.0"), "third": D("20.0")}


def test_thirds_are_rounded_each_and_not_forced_to_add_up():
    mix = shares.mix({"in_house": D(1), "private": D(1), "third_sector": D(1)})

    assert [mix.shares[s] for s in ("in_house", "private", "third_sector")] == [D("33.3")] * 3


def test_a_percent_return_is_shown_as_published():
    mix = shares.mix({"in_house": D(14), "private": D(76), "third_sector": D(9)}, shares.PERCENT)

    assert mix.columns == {"in_house": D(14), "private": D(76), "third": D(9)}
    assert mix.total == D(99)
    assert mix.section16 == D(9)


@pytest.mark.parametrize(("figures", "problem"), [
    ((14, 76, 9), None), ((12, 86, 3), None), ((50, 48, 0), None), ((50, 52, 0), None),
    ((50, 47, 0), D(97)), ((50, 53, 0), D(103)), ((0, 0, 0), D(0)),
])
def test_percentages_must_add_up_to_98_to_102(figures, problem):
    amounts = dict(zip(("in_house", "private", "third_sector"), map(D, figures)))

    assert shares.percent_total_problem(amounts) == problem


def test_the_total_of_hours_returns_weights_each_council_by_its_hours():
    big = shares.mix({"in_house": D(900), "private": D(100)})
    small = shares.mix({"third_sector": D(100)})

    total, method = shares.total_row([big, small])

    assert method == shares.HOURS_WEIGHTED
    assert total.shares["in_house"] == D("81.8")  # 900 of 1100, not the mean of 90 and 0
    assert total.columns["third"] == D("9.1")


def test_the_total_of_percent_returns_is_an_unweighted_mean_and_says_so():
    a = shares.mix({"in_house": D(20), "private": D(80)}, shares.PERCENT)
    b = shares.mix({"in_house": D(0), "private": D(90), "third_sector": D(10)}, shares.PERCENT)

    total, method = shares.total_row([a, b])

    assert method == shares.UNWEIGHTED_MEAN
    assert total.columns == {"in_house": D("10.0"), "private": D("85.0"), "third": D("5.0")}
    assert "not weighted" in shares.TOTAL_METHODS[method]


def test_a_published_total_wins():
    published = shares.mix({"in_house": D(12), "private": D(86), "third_sector": D(3)}, shares.PERCENT)

    total, method = shares.total_row([shares.mix({"private": D(1)})], published=published)

    assert (total, method) == (published, shares.PUBLISHED)


def test_no_figures_make_no_total():
    assert shares.total_row([shares.mix({})]) == (None, None)


def test_quarters_of_the_financial_year():
    assert shares.quarter(2018, 1) == (datetime.date(2018, 4, 1), datetime.date(2018, 6, 30))
    assert shares.quarter(2018, 3) == (datetime.date(2018, 10, 1), datetime.date(2018, 12, 31))
    assert shares.quarter(2018, 4) == (datetime.date(2019, 1, 1), datetime.date(2019, 3, 31))
    assert shares.financial_year(2018) == (datetime.date(2018, 4, 1), datetime.date(2019, 3, 31))
    assert shares.describe_period(*shares.quarter(2018, 4)) == (2018, 4)
    assert shares.describe_period(*shares.financial_year(2018)) == (2018, None)
    assert shares.year_label(2018) == "2018-19"
    assert shares.year_label(2099) == "2099-00"


def test_the_last_quarters_run_oldest_first_across_the_year_end():
    assert shares.quarters_up_to(datetime.date(2026, 5, 1), 3) == [(2025, 3), (2025, 4), (2026, 1)]


def test_hours_in_a_period_count_only_the_days_inside_it():
    q1 = shares.quarter(2026, 1)  # 1 April to 30 June: 91 days
    assert shares.hours_in_period(D(7), datetime.date(2026, 1, 1), None, *q1) == D(7 * 91)
    assert shares.hours_in_period(D(7), datetime.date(2026, 6, 1), None, *q1) == D(7 * 30)
    assert shares.hours_in_period(D(7), datetime.date(2026, 1, 1), datetime.date(2026, 4, 10), *q1) == D(7 * 10)
    assert shares.hours_in_period(D(7), datetime.date(2026, 7, 1), None, *q1) == D(0)


def test_numbers_are_written_without_needless_decimals():
    assert shares.shown(D("14.00")) == "14"
    assert shares.shown(D("13.50")) == "13.5"
    assert shares.shown(D("1250.25")) == "1,250.25"
    assert shares.shown(None) == "–"
