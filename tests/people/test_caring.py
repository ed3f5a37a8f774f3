"""Behaviour tests for the caring rules (carershub.people.caring): carer type and Census hours bands.

All data is synthetic.
"""

from __future__ import annotations

from datetime import date

import pytest

from carershub.core.ukdata import ValidationProblem
from carershub.people import caring
from carershub.people.caring import CARER_TYPES, CaringProblem, census_hours_band, derive_carer_type
from tests.conftest import imported_packages

TODAY = date(2025, 6, 15)


# ---------------------------------------------------------------------------
# Module hygiene
# ---------------------------------------------------------------------------


def test_module_does_not_import_django():
    assert "django" not in imported_packages(caring)


def test_messages_are_plain_english_strings():
    for code, message in CaringProblem.messages.items():
        assert type(message) is str, code
        # Starts with a capital, or with a label placeholder that will be capitalised.
        assert message[0].isupper() or message.startswith("%(label)s"), code
        assert not message.endswith("."), "GOV.UK error messages have no full stop"


# ---------------------------------------------------------------------------
# Carer type
# ---------------------------------------------------------------------------


def birthday_years_ago(years: int, days_offset: int = 0) -> date:
    """Date of birth so that TODAY is the ``years``-th birthday, shifted by days."""
    from datetime import timedelta

    return TODAY.replace(year=TODAY.year - years) + timedelta(days=days_offset)


@pytest.mark.parametrize(
    "dob, expected",
    [
        (birthday_years_ago(8), "young_carer"),
        (birthday_years_ago(18, days_offset=1), "young_carer"),  # 18 tomorrow
        (birthday_years_ago(18), "young_adult_carer"),  # 18th birthday today
        (birthday_years_ago(25), "young_adult_carer"),
        (birthday_years_ago(26, days_offset=1), "young_adult_carer"),  # 26 tomorrow
        (birthday_years_ago(26), "adult_carer"),  # 26th birthday today
        (birthday_years_ago(70), "adult_carer"),
    ],
)
def test_carer_type_by_age_band(dob, expected):
    assert derive_carer_type(dob, TODAY) == expected


def test_former_carer_wins_over_everything():
    assert derive_carer_type(birthday_years_ago(40), TODAY, caring_ended=True) == "former_carer"
    assert (
        derive_carer_type(birthday_years_ago(40), TODAY, is_parent_carer=True, caring_ended=True)
        == "former_carer"
    )
    assert derive_carer_type(birthday_years_ago(15), TODAY, caring_ended=True) == "former_carer"
    assert derive_carer_type(None, TODAY, caring_ended=True) == "former_carer"


def test_parent_carer_applies_to_adults_including_young_adults():
    assert derive_carer_type(birthday_years_ago(40), TODAY, is_parent_carer=True) == "parent_carer"
    assert derive_carer_type(birthday_years_ago(18), TODAY, is_parent_carer=True) == "parent_carer"


def test_under_18_parent_is_still_a_young_carer():
    dob = birthday_years_ago(18, days_offset=1)
    assert derive_carer_type(dob, TODAY, is_parent_carer=True) == "young_carer"


def test_unknown_date_of_birth():
    assert derive_carer_type(None, TODAY) is None
    assert derive_carer_type(None, TODAY, is_parent_carer=True) == "parent_carer"


def test_carer_types_are_the_documented_codes():
    assert set(CARER_TYPES) == {
        "young_carer",
        "young_adult_carer",
        "adult_carer",
        "parent_carer",
        "former_carer",
    }


# ---------------------------------------------------------------------------
# Hours of care (Census 2021 bands)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hours, band",
    [
        (0, "9_or_less"),
        (9, "9_or_less"),
        (9.5, "9_or_less"),
        (10, "10_to_19"),
        (19, "10_to_19"),
        (19.9, "10_to_19"),
        (20, "20_to_34"),
        (34, "20_to_34"),
        (35, "35_to_49"),
        (49, "35_to_49"),
        (50, "50_or_more"),
        (168, "50_or_more"),
    ],
)
def test_census_hours_band_boundaries(hours, band):
    assert census_hours_band(hours) == band


def test_unknown_hours_give_no_band():
    assert census_hours_band(None) is None


@pytest.mark.parametrize("hours", [-1, -0.5, 168.5, 169, 1000, float("nan"), float("inf")])
def test_impossible_hours_are_rejected(hours):
    problem = pytest.raises(ValidationProblem, census_hours_band, hours).value
    assert problem.code == "hours_out_of_range"
    assert problem.message == "Hours of care a week must be between 0 and 168"


@pytest.mark.parametrize("hours", [True, "20"])
def test_non_numeric_hours_are_a_programming_error(hours):
    with pytest.raises(TypeError):
        census_hours_band(hours)
