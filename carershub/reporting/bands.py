"""The groups the activity figures break carers down into: carer group, age band, caring hours and
the postcode district. No Django: the database query (reporting/activity.py) asks these for its cut-off
dates and codes, and the tests check them on their own.

Every breakdown puts each person in exactly one group, with a "not recorded" group for those whose
record does not say, so each breakdown of the same figure adds up to the same total.
"""

from __future__ import annotations

import datetime

NOT_RECORDED = "not_recorded"

# Carer groups the reports count (Cwm Taf, Staffordshire, Rotherham: adult, young carer, parent carer).
# A parent carer of a disabled child (the carer's profile says so) is a parent carer at any age; anybody
# else is a young carer under 18 and an adult carer from 18, on the last day of the period.
PARENT, YOUNG, ADULT = "parent_carer", "young_carer", "adult_carer"
CARER_GROUPS = (ADULT, YOUNG, PARENT)

# Age bands, (code, youngest age, oldest age or None): the Census 2021 unpaid-care tables' bands
# split at 18 (young carers), 25 (young adult carers) and 65 (pension age).
AGE_BANDS = (
    ("0_17", 0, 17),
    ("18_24", 18, 24),
    ("25_34", 25, 34),
    ("35_49", 35, 49),
    ("50_64", 50, 64),
    ("65_74", 65, 74),
    ("75_84", 75, 84),
    ("85_plus", 85, None),
)

# The Census 2021 bands of unpaid care a week (people.choices.HoursBand), least first: a carer with
# several caring relationships is counted in the highest band any of them records.
HOURS_BANDS = ("9_or_less", "10_to_19", "20_to_34", "35_to_49", "50_or_more")


def born_after(on: datetime.date, years: int) -> datetime.date:
    """Somebody is younger than ``years`` on ``on`` exactly when born after the date returned.

    Born on 29 February: a birthday in a year without one falls on 1 March (the UK convention, as
    core.ukdata.age_on counts it), so the date ``years`` earlier than 28 February is the cut.
    """
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February, ``years`` earlier, is not a date
        return on.replace(year=on.year - years, day=28)


def age_band_cuts(on: datetime.date) -> list[tuple[str, datetime.date]]:
    """(band, born after) for each band but the oldest, youngest first: a person is in the first band
    whose date they were born after, else in the oldest band."""
    return [(code, born_after(on, oldest + 1)) for code, _youngest, oldest in AGE_BANDS if oldest is not None]


def age_band(date_of_birth: datetime.date | None, on: datetime.date) -> str:
    """The band a date of birth falls in on ``on`` (the same rule the query applies)."""
    if date_of_birth is None:
        return NOT_RECORDED
    for code, cut in age_band_cuts(on):
        if date_of_birth > cut:
            return code
    return AGE_BANDS[-1][0]


def carer_group(date_of_birth: datetime.date | None, is_parent_carer: bool, on: datetime.date) -> str:
    if is_parent_carer:
        return PARENT
    if date_of_birth is None:
        return NOT_RECORDED
    return YOUNG if date_of_birth > born_after(on, 18) else ADULT


def hours_rank(band: str | None) -> int:
    """1 for the lowest Census band to 5 for 50 hours or more; 0 for none."""
    return HOURS_BANDS.index(band) + 1 if band in HOURS_BANDS else 0


def hours_band_of_rank(rank) -> str:
    return HOURS_BANDS[rank - 1] if isinstance(rank, int) and 1 <= rank <= len(HOURS_BANDS) else NOT_RECORDED


def postcode_district(postcode: str | None) -> str:
    """The outward code (district) of a UK postcode: "CF37" of "CF37 1DL"; the part before the space,
    or all but the last three characters of a postcode written without one. ``NOT_RECORDED`` for none.

    The smallest geography a person's record holds: there is no ward on a record, and a ward cannot
    be worked out from a postcode without the ONS postcode directory, which the product does not hold.
    """
    text = (postcode or "").strip().upper()
    if not text:
        return NOT_RECORDED
    if " " in text:
        return text.split(" ", 1)[0]
    return text[:-3] if len(text) > 3 else text
