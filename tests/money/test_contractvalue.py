"""The value of a contract in a year, pro rata by days (reporting/money/contractvalue.py, pure)."""

import datetime

import pytest

from carershub.reporting.money import contractvalue as cv

D = datetime.date

# Coventry City Council, Cabinet report on recommissioning carers support services (seed 002):
# "Total Contract / Grant Expenditure £774,731" (para 2.2); "An annual reduction of £41,870 has been
# applied" (2.3); "the CWICB contributing £134,096 per annum" (1.23); "The contractual term will be 3 years
# with an option to extend for a further 2 years. Over the lifespan of the contract (inclusive of
# extensions) the funding commitment from the council will be approximately £2,993,825 (£598,765 per
# annum). The ICB will continue to contribute £134,096 per annum." (5.1); "A reduction of £41,870 per
# annum ... will equate to £209,350 over the lifespan of the contract (inclusive of extensions)" (5.2).
COVENTRY = cv.Terms(
    D(2025, 4, 1), D(2028, 3, 31), 77_473_100,
    extensions=(cv.Extension(D(2030, 3, 31), 77_473_100),),
    reductions=(cv.Reduction(D(2025, 4, 1), 4_187_000),),
    contributions=(cv.Contribution("Coventry and Warwickshire ICB", 13_409_600),),
)


def test_coventry_a_year_reproduces_the_reports_figures_to_the_penny():
    year = cv.value_in_year(COVENTRY, 2026)
    assert year.value == 73_286_100  # £774,731 less £41,870
    assert year.contributions == {"Coventry and Warwickshire ICB": 13_409_600}  # £134,096 from the ICB
    assert year.commissioner_share == 59_876_500  # £598,765 a year from the council (para 5.1)


def test_coventry_over_the_lifespan_including_the_extension():
    life = cv.whole_life(COVENTRY)
    assert [v.year for v in life] == [2025, 2026, 2027, 2028, 2029]
    assert sum(v.commissioner_share for v in life) == 299_382_500  # £2,993,825
    assert sum(v.reduced_by for v in life) == 20_935_000  # £209,350
    assert sum(v.contributed for v in life) == 5 * 13_409_600


def test_without_the_reduction_the_year_is_the_annual_value():
    plain = cv.Terms(D(2024, 4, 1), D(2025, 3, 31), 77_473_100)
    assert cv.value_in_year(plain, 2024).value == 77_473_100
    assert cv.value_in_year(plain, 2025).days == 0


def test_a_reduction_from_1_october_counts_182_of_365_days():
    terms = cv.Terms(D(2025, 4, 1), D(2027, 3, 31), 77_473_100, reductions=(cv.Reduction(D(2025, 10, 1), 4_187_000),))
    year = cv.value_in_year(terms, 2025)
    # 1 October 2025 to 31 March 2026 is 182 of the year's 365 days: £41,870 x 182 / 365 = £20,877.6438...
    assert year.reduced_by == 2_087_764
    assert year.value == 77_473_100 - 2_087_764
    assert cv.value_in_year(terms, 2026).value == 73_286_100


def test_a_contract_starting_mid_year_is_pro_rata_in_a_leap_year():
    # 2027-28 holds 29 February 2028: 366 days. 1 October 2027 to 31 March 2028 is 183 of them.
    terms = cv.Terms(D(2027, 10, 1), D(2028, 9, 30), 36_600_000)
    assert cv.value_in_year(terms, 2027).days == 183
    assert cv.value_in_year(terms, 2027).value == 18_300_000
    assert cv.value_in_year(terms, 2028).days == 183


def test_an_extension_at_a_new_value_counts_from_the_day_after_the_old_end():
    terms = cv.Terms(D(2024, 4, 1), D(2024, 9, 30), 36_500_000, extensions=(cv.Extension(D(2025, 3, 31), 73_000_000),))
    year = cv.value_in_year(terms, 2024)
    # 183 days at £365,000 a year and 182 at £730,000 a year, of 365.
    assert year.value == 18_300_000 + 36_400_000
    assert cv.ends_on(terms) == D(2025, 3, 31)


def test_rounding_is_once_and_half_up():
    assert cv.round_pence(cv.Fraction(5, 2)) == 3
    assert cv.round_pence(cv.Fraction(49, 20)) == 2
    assert cv.round_pence(cv.Fraction(-5, 2)) == -3


@pytest.mark.parametrize(("starts_on", "amount", "problem"), [
    (D(2024, 1, 1), 100, "outside"),
    (D(2030, 4, 1), 100, "outside"),
    (D(2026, 4, 1), 77_473_101, "too_much"),
    (D(2026, 4, 1), 4_187_000, None),
])
def test_a_reduction_must_fall_in_the_contract_and_leave_it_at_zero_or_more(starts_on, amount, problem):
    assert cv.reduction_problem(COVENTRY, cv.Reduction(starts_on, amount)) == problem


def test_financial_year_labels_and_bounds():
    assert cv.year_label(2025) == "2025-26"
    assert cv.year_label(1999) == "1999-00"
    assert cv.financial_year(2025) == (D(2025, 4, 1), D(2026, 3, 31))
    assert cv.financial_year_of(D(2026, 3, 31)) == 2025
    assert cv.financial_year_of(D(2026, 4, 1)) == 2026
