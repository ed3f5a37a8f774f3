"""The pure rules of breaks: the ledger's arithmetic, reading amounts, the financial year, clashes."""

import datetime
from types import SimpleNamespace

import pytest

from carershub.support.breaks import intervals, ledger


def test_the_balance_is_the_sum_and_the_position_splits_it():
    entries = [("grant", 2400), ("hold", -600), ("hold", -300), ("release", 600), ("delivery", -540), ("adjustment", 60)]
    pos = ledger.position(entries)
    assert pos.balance == sum(a for _k, a in entries) == 1620
    assert pos.held == 300  # one hold still out
    assert pos.used == 540
    assert pos.granted == 2460
    assert ledger.running([a for _k, a in entries]) == [2400, 1800, 1500, 2100, 1560, 1620]


@pytest.mark.parametrize(("kind", "amount", "ok"), [
    ("grant", 10, True), ("grant", -10, False), ("hold", -5, True), ("hold", 5, False), ("release", 5, True),
    ("delivery", -5, True), ("expiry", -1, True), ("expiry", 1, False), ("adjustment", -5, True),
    ("adjustment", 5, True), ("adjustment", 0, False), ("grant", 0, False),
])
def test_each_kind_has_its_sign(kind, amount, ok):
    assert ledger.sign_is_right(kind, amount) is ok


def test_what_fits_and_what_expires():
    assert ledger.fits(600, 600)
    assert not ledger.fits(599, 600)
    assert ledger.fits(0, 600, override=True)
    assert ledger.available(1200, 600) == 600
    assert ledger.expiry_amount(300) == -300
    assert ledger.expiry_amount(0) == 0
    assert ledger.expiry_amount(-50) == 0


@pytest.mark.parametrize(("text", "minutes"), [("3.5", 210), ("40", 2400), (" 1,000 ", 60000), ("0.25", 15)])
def test_hours_are_read_as_minutes(text, minutes):
    assert ledger.parse_hours(text) == minutes


@pytest.mark.parametrize(("text", "code"), [
    ("", "invalid"), ("abc", "invalid"), ("NaN", "invalid"), ("inf", "invalid"), ("-1", "not_positive"), ("0", "not_positive"),
    ("0.001", "too_precise"), ("99999999", "too_big"), ("1e400", "too_big"),
])
def test_bad_hours_say_why(text, code):
    with pytest.raises(ledger.AmountError) as problem:
        ledger.parse_hours(text)
    assert problem.value.code == code


@pytest.mark.parametrize(("text", "pence"), [("£12.50", 1250), ("12.50", 1250), ("£1,200", 120000), ("7", 700)])
def test_money_is_read_as_pence(text, pence):
    assert ledger.parse_money(text) == pence


@pytest.mark.parametrize(("text", "code"), [("£-5", "not_positive"), ("12.505", "too_precise"), ("£", "invalid"), ("12,50p", "invalid")])
def test_bad_money_says_why(text, code):
    with pytest.raises(ledger.AmountError) as problem:
        ledger.parse_money(text)
    assert problem.value.code == code


def test_amounts_are_written_as_people_read_them():
    assert ledger.hours_text(2400) == "40"
    assert ledger.hours_text(210) == "3.5"
    assert ledger.hours_text(-90) == "-1.5"
    assert ledger.money_text(123456) == "£1,234.56"
    assert ledger.money_text(-500) == "-£5.00"


@pytest.mark.parametrize(("day", "first"), [
    (datetime.date(2026, 12, 1), datetime.date(2026, 4, 1)),
    (datetime.date(2027, 3, 31), datetime.date(2026, 4, 1)),
    (datetime.date(2027, 4, 1), datetime.date(2027, 4, 1)),
])
def test_the_financial_year_runs_april_to_march(day, first):
    assert ledger.financial_year(day) == (first, datetime.date(first.year + 1, 3, 31))


def test_breaks_that_touch_do_not_overlap_but_any_shared_minute_does():
    t = [datetime.datetime(2026, 11, 2, h) for h in range(8, 20)]
    assert not intervals.overlaps(t[0], t[2], t[2], t[4])
    assert intervals.overlaps(t[0], t[3], t[2], t[4])
    assert intervals.overlaps(t[2], t[3], t[0], t[6])  # inside
    others = [SimpleNamespace(starts_at=t[5], ends_at=t[6]), SimpleNamespace(starts_at=t[1], ends_at=t[3])]
    assert intervals.first_clash(t[2], t[4], others) is others[1]
    assert intervals.first_clash(t[3], t[5], others) is None
