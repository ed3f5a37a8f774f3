"""The groups the activity figures break carers into, and the new reporting periods: pure rules."""

from datetime import date

import pytest

from carershub.reporting import bands, measures


@pytest.mark.parametrize("dob, on, expected", [
    (date(2008, 2, 29), date(2026, 2, 28), bands.YOUNG),  # 18 on 1 March in a year without 29 February
    (date(2008, 2, 29), date(2026, 3, 1), bands.ADULT),
    (date(2010, 6, 1), date(2028, 5, 31), bands.YOUNG),
    (date(2010, 6, 1), date(2028, 6, 1), bands.ADULT),
    (None, date(2026, 1, 1), bands.NOT_RECORDED),
])
def test_young_carers_are_under_18_on_the_last_day(dob, on, expected):
    assert bands.carer_group(dob, False, on) == expected


def test_a_parent_carer_is_one_at_any_age_and_without_a_date_of_birth():
    assert bands.carer_group(date(2010, 1, 1), True, date(2026, 1, 1)) == bands.PARENT
    assert bands.carer_group(None, True, date(2026, 1, 1)) == bands.PARENT


@pytest.mark.parametrize("dob, expected", [
    (date(2009, 1, 1), "0_17"), (date(2008, 1, 1), "18_24"), (date(2001, 1, 2), "18_24"),
    (date(2001, 1, 1), "25_34"), (date(1976, 1, 2), "35_49"), (date(1961, 1, 1), "65_74"),
    (date(1941, 1, 1), "85_plus"), (None, "not_recorded"),
])
def test_age_bands_on_the_last_day(dob, expected):
    assert bands.age_band(dob, date(2026, 1, 1)) == expected


@pytest.mark.parametrize("postcode, district", [
    ("CF37 1DL", "CF37"), ("cf371dl", "CF37"), (" SW1A 1AA ", "SW1A"), ("M1 1AE", "M1"), ("", "not_recorded"),
    (None, "not_recorded"),
])
def test_the_postcode_district_is_the_outward_code(postcode, district):
    assert bands.postcode_district(postcode) == district


def test_hours_bands_rank_from_least_to_most():
    assert [bands.hours_rank(b) for b in bands.HOURS_BANDS] == [1, 2, 3, 4, 5]
    assert bands.hours_rank("") == 0 and bands.hours_band_of_rank(0) == "not_recorded"
    assert bands.hours_band_of_rank(5) == "50_or_more"


def test_months_financial_years_and_quarters():
    assert measures.month_bounds(date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert measures.previous_month_bounds(date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert measures.previous_financial_year_bounds(date(2026, 3, 31)) == (date(2024, 4, 1), date(2025, 3, 31))
    assert measures.previous_financial_year_bounds(date(2026, 4, 1)) == (date(2025, 4, 1), date(2026, 3, 31))
    quarters = measures.quarters_back(date(2026, 2, 10), 8)
    assert len(quarters) == 8 and quarters[-1] == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarters[0] == (date(2024, 4, 1), date(2024, 6, 30))
    assert [measures.quarter_label(q[0]) for q in quarters[:1] + quarters[-1:]] == ["Q1 2024-25", "Q4 2025-26"]
