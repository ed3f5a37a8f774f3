"""The pure rules of direct payments: when payments fall due, and the ledger's arithmetic."""

import datetime

import pytest

from carershub.core.spreadsheet import safe_cell
from carershub.support.payments import ledger, schedule

D = datetime.date


def test_monthly_payments_from_the_31st_fall_on_each_months_last_day_and_come_back_to_the_31st():
    days = schedule.due_dates("recurring", "monthly", D(2027, 1, 31), D(2027, 5, 31))

    assert days == [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)]


def test_a_leap_february_and_quarterly_payments_keep_their_anchor_day():
    assert schedule.due_dates("recurring", "monthly", D(2028, 1, 30), D(2028, 3, 30)) == [
        D(2028, 1, 30), D(2028, 2, 29), D(2028, 3, 30)
    ]
    assert schedule.due_dates("recurring", "quarterly", D(2026, 11, 30), D(2027, 11, 30)) == [
        D(2026, 11, 30), D(2027, 2, 28), D(2027, 5, 30), D(2027, 8, 30), D(2027, 11, 30)
    ]


def test_weekly_and_four_weekly_payments_run_from_start_to_end_inclusive():
    assert schedule.due_dates("recurring", "weekly", D(2026, 12, 1), D(2026, 12, 22)) == [
        D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 15), D(2026, 12, 22)
    ]
    assert schedule.due_dates("recurring", "four_weekly", D(2026, 12, 1), D(2027, 1, 25)) == [D(2026, 12, 1), D(2026, 12, 29)]


def test_a_one_off_payment_is_due_on_its_start_date_and_nothing_is_due_when_the_end_is_before_the_start():
    assert schedule.due_dates("one_off", None, D(2026, 12, 3), D(2026, 12, 3)) == [D(2026, 12, 3)]
    assert schedule.due_dates("recurring", "weekly", D(2026, 12, 3), D(2026, 12, 2)) == []


def test_a_years_total_counts_the_schedules_payments_in_a_year():
    assert schedule.yearly_total("recurring", "weekly", 1000) == 52_000
    assert schedule.yearly_total("recurring", "four_weekly", 1000) == 13_000
    assert schedule.yearly_total("recurring", "monthly", 1000) == 12_000
    assert schedule.yearly_total("recurring", "quarterly", 1000) == 4_000
    assert schedule.yearly_total("one_off", None, 1000) == 1000


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("12", 1200), ("12.5", 1250), ("£1,250.05", 125005), (" 0.01 ", 1), ("9999999.99", 999_999_999)],
)
def test_money_typed_in_pounds_is_kept_in_whole_pence(typed, pence):
    assert ledger.parse_pence(typed) == pence


@pytest.mark.parametrize(
    ("typed", "code"),
    [("-5", "money_not_positive"), ("0", "money_not_positive"), ("0.00", "money_not_positive"), ("12.345", "money_too_many_pence"),
     ("10000000", "money_too_large"), ("ten", "money_invalid"), ("1e3", "money_invalid"), ("", "money_invalid")],
)
def test_bad_money_is_refused_with_a_reason(typed, code):
    with pytest.raises(ledger.MoneyError) as refused:
        ledger.parse_pence(typed)
    assert refused.value.code == code


def test_zero_is_allowed_where_it_means_something_but_a_negative_amount_never():
    assert ledger.parse_pence("0", allow_zero=True) == 0
    with pytest.raises(ledger.MoneyError):
        ledger.parse_pence("-0.01", allow_zero=True)


def test_money_is_shown_in_pounds_with_thousands_and_two_decimals():
    assert ledger.pounds(123456) == "£1,234.56"
    assert ledger.pounds(5) == "£0.05"
    assert ledger.pounds(-2500) == "-£25.00"
    assert ledger.plain_pounds(123456) == "1234.56"


def test_the_position_is_the_sum_of_its_entries():
    entries = [("payment", 10_000), ("payment", 10_000), ("spend", 15_000), ("recovery_due", 5_000),
               ("recovered", 2_000), ("adjustment", -1_000)]

    position = ledger.position(entries)

    assert (position.paid, position.spent, position.recovered) == (20_000, 15_000, 2_000)
    assert position.to_recover == 5_000 - 1_000 - 2_000
    assert position.unspent_held == 0
    assert position + position == ledger.position(entries * 2)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_made_text():
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert [safe_cell(v) for v in ("+1", "-1", "@SUM(A1)", "Gym")] == ["'+1", "'-1", "'@SUM(A1)", "Gym"]
    assert safe_cell(-5) == -5, "a number stays a number"


def test_the_carers_reference_is_the_record_number_never_the_nhs_number():
    assert ledger.carer_reference(42) == "CH0000042"
