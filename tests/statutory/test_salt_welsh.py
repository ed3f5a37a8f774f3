"""SALT LTS003 and the Welsh measures, pure (reporting/statutory/salt.py, welsh.py)."""

import datetime

from carershub.reporting import disclosure
from carershub.reporting.statutory import cld, salt, welsh

D = datetime.date
END = D(2026, 3, 31)


def row(pid, event, *, service="", mechanism="", outcome="", dob="1960-01-01", nhs="", la="E06999901"):
    return {"LA_Code": la, "LA_Person_Unique_Identifier": str(pid), "NHS_Number": nhs, "Date_of_Birth": dob,
            "Event_Type": event, "Service_Type": service, "Delivery_Mechanism": mechanism, "Event_Outcome": outcome}


def test_categories_follow_the_published_method():
    assert salt.category(row(1, cld.SERVICE, service=cld.DIRECT_TO_CARER, mechanism=cld.DIRECT_PAYMENT)) == salt.DIRECT_PAYMENT_ONLY
    assert salt.category(row(1, cld.SERVICE, service=cld.DIRECT_TO_CARER, mechanism=cld.COMMISSIONED)) == salt.COMMISSIONED_ONLY
    assert salt.category(row(1, cld.SERVICE, service=cld.DIRECT_TO_CARER)) == salt.UNKNOWN_MECHANISM
    assert salt.category(row(1, cld.SERVICE, service=cld.INVOLVING_CARED_FOR)) == salt.NO_DIRECT_SUPPORT
    assert salt.category(row(1, cld.ASSESSMENT, outcome=cld.TO_PLANNING)) == salt.NO_DIRECT_SUPPORT
    assert salt.category(row(1, cld.ASSESSMENT, outcome=cld.NFA_INFORMATION)) == salt.INFORMATION
    assert salt.category(row(1, cld.REQUEST, outcome=cld.NFA_INFORMATION)) == salt.INFORMATION
    assert salt.category(row(1, cld.REQUEST, outcome=cld.TO_ASSESSMENT)) is None


def test_each_carer_counted_once_in_the_highest_category_by_age_at_period_end():
    rows = [
        row(1, cld.REQUEST, outcome=cld.NFA_INFORMATION, dob="1950-06-01"),
        row(1, cld.SERVICE, service=cld.DIRECT_TO_CARER, mechanism=cld.DIRECT_PAYMENT, dob="1950-06-01"),
        row(2, cld.ASSESSMENT, outcome=cld.TO_PLANNING, dob="2000-04-01"),  # 25 on 31 March 2026
        row(3, cld.REQUEST, outcome=cld.NFA_INFORMATION, dob=""),
        # The same person by NHS number under two council identifiers is one carer.
        row(4, cld.REQUEST, outcome=cld.NFA_INFORMATION, nhs="9434765919", dob="1940-01-01"),
        row(5, cld.REVIEW, outcome=cld.CONTINUATION, nhs="9434765919", dob="1940-01-01"),
    ]
    table = salt.lts003(rows, period_end=END)
    assert table.carers == 4
    assert table.counts[salt.DIRECT_PAYMENT_ONLY][salt.AGED_65_84] == 1
    assert table.counts[salt.NO_DIRECT_SUPPORT][salt.AGED_18_25] == 1
    assert table.counts[salt.INFORMATION][salt.AGE_UNKNOWN] == 1
    assert table.counts[salt.INFORMATION][salt.AGED_85_PLUS] == 1
    assert table.row_total(salt.INFORMATION) == 2 and table.band_total(salt.AGED_65_84) == 1


def test_small_counts_are_hidden_and_cannot_be_worked_out():
    rows = [row(i, cld.REQUEST, outcome=cld.NFA_INFORMATION) for i in range(20)]
    rows += [row(100 + i, cld.SERVICE, service=cld.DIRECT_TO_CARER, mechanism=cld.DIRECT_PAYMENT) for i in range(3)]
    table = salt.lts003(rows, period_end=END)
    marks = salt.suppressed(table)
    assert marks[(salt.DIRECT_PAYMENT_ONLY, salt.AGED_65_84)] is not None
    # The direct payments' row total is 3, hidden; the band's total of 23 would give 3 away from 20,
    # so the 20 is withheld too, and the line reads "not shown" throughout.
    assert marks[(salt.INFORMATION, salt.AGED_65_84)] is disclosure.Hidden.WITHHELD
    assert marks[(salt.DIRECT_PAYMENT_ONLY, salt.AGED_65_84)] is disclosure.Hidden.WITHHELD
    assert marks[("total", "total")] is None
    assert marks[(salt.NO_DIRECT_SUPPORT, salt.AGED_65_84)] is None  # a zero says nothing


def test_welsh_measures_count_adult_and_young_assessments_and_plans():
    items = [{"la_code": "W1", "young": False, "plan_agreed": True} for _ in range(6)]
    items += [{"la_code": "W1", "young": False, "plan_agreed": False} for _ in range(6)]
    items += [{"la_code": "W1", "young": True, "plan_agreed": True}]
    items += [{"la_code": "E1", "young": False, "plan_agreed": True}]  # not a Welsh area
    (area,) = welsh.measures(items, [("W1", "Afon")])
    assert area.counts == {welsh.ADULT: 12, welsh.ADULT_PLAN: 6, welsh.YOUNG: 1, welsh.YOUNG_PLAN: 1,
                           welsh.DECLINED: None}
    assert area.percent(welsh.ADULT_PLAN) == 50.0
    assert area.shown(welsh.ADULT_PLAN) == (None, True)
    mark, percent_ok = area.shown(welsh.YOUNG_PLAN)
    assert mark is disclosure.Hidden.SMALL and not percent_ok


def test_welsh_plan_count_hidden_when_the_rest_is_small():
    items = [{"la_code": "W1", "young": False, "plan_agreed": i < 8} for i in range(10)]
    (area,) = welsh.measures(items, [("W1", "Afon")])
    # 8 of 10: the 2 without a plan are small, so the 8 is withheld and no percentage is shown.
    assert area.shown(welsh.ADULT_PLAN) == (disclosure.Hidden.WITHHELD, False)
