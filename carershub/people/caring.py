"""Pure rules about caring: the carer type from age and circumstances, and Census hours bands.

No Django import; UK data rules (dates, NHS number, postcode) are in ``carershub.core.ukdata``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final

from carershub.core.i18n import gettext_noop
from carershub.core.ukdata import MESSAGES, ValidationProblem, age_on


class CaringProblem(ValidationProblem):
    messages = {
        **MESSAGES,
        "hours_out_of_range": gettext_noop("Hours of care a week must be between 0 and 168"),
    }


# ---------------------------------------------------------------------------
# Carer type
# ---------------------------------------------------------------------------

YOUNG_CARER: Final = "young_carer"
YOUNG_ADULT_CARER: Final = "young_adult_carer"
ADULT_CARER: Final = "adult_carer"
PARENT_CARER: Final = "parent_carer"
FORMER_CARER: Final = "former_carer"
CARER_TYPES: Final = (YOUNG_CARER, YOUNG_ADULT_CARER, ADULT_CARER, PARENT_CARER, FORMER_CARER)

ADULT_AGE: Final = 18
# Young adult carers are 18 to 25 inclusive (the usual UK service definition).
YOUNG_ADULT_MAX_AGE: Final = 25


def derive_carer_type(
    dob: date | None,
    today: date,
    *,
    is_parent_carer: bool = False,
    caring_ended: bool = False,
) -> str | None:
    """Work out the carer type used for reporting and service eligibility.

    Precedence: former carer, then parent carer (adults only), then age band.
    An under-18 flagged as a parent carer is still a young carer, because
    young carers' support and safeguarding duties take priority.
    With no date of birth the parent-carer flag is trusted on its own (parent
    carers are almost always adults); otherwise the result is None (unknown).
    ``dob`` should already have passed ``check_date_of_birth``.
    """
    if caring_ended:
        return FORMER_CARER
    if dob is None:
        return PARENT_CARER if is_parent_carer else None
    age = age_on(dob, today)
    if age < ADULT_AGE:
        return YOUNG_CARER
    if is_parent_carer:
        return PARENT_CARER
    if age <= YOUNG_ADULT_MAX_AGE:
        return YOUNG_ADULT_CARER
    return ADULT_CARER


# ---------------------------------------------------------------------------
# Hours of care
# ---------------------------------------------------------------------------

HOURS_IN_WEEK: Final = 168

# Census 2021 unpaid care bands as (exclusive upper limit, code). Limits are
# "less than", so fractional hours fall in the lower band (9.5 -> "9_or_less"),
# matching how the census bands read: "10 to 19" starts at 10.
_CENSUS_BANDS: Final = (
    (10, "9_or_less"),
    (20, "10_to_19"),
    (35, "20_to_34"),
    (50, "35_to_49"),
)
CENSUS_HOURS_BANDS: Final = ("9_or_less", "10_to_19", "20_to_34", "35_to_49", "50_or_more")


def census_hours_band(hours_per_week: int | float | None) -> str | None:
    """Census 2021 band for hours of unpaid care a week; None if not known.

    0 hours falls in "9_or_less" (the census has no zero band for carers).
    """
    if hours_per_week is None:
        return None
    # bool is an int subclass; True hours is always a bug upstream.
    if isinstance(hours_per_week, bool) or not isinstance(hours_per_week, (int, float)):
        raise TypeError(f"hours_per_week must be a number, got {type(hours_per_week).__name__}")
    if not math.isfinite(hours_per_week) or not 0 <= hours_per_week <= HOURS_IN_WEEK:
        raise CaringProblem("hours_out_of_range")
    for limit, band in _CENSUS_BANDS:
        if hours_per_week < limit:
            return band
    return "50_or_more"
