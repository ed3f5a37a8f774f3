"""The Census 2021 unpaid-care table (ONS TS039, "Provision of unpaid care") read and checked row by row,
and known carers as a share of it. Plain Python, no Django.

The layout accepted is the one ONS publishes when a table is downloaded as CSV from "Create a custom
dataset" or the TS039 dataset page: one row per area and category, with columns

    <geography> Code, <geography> (or "<geography> Label"), Unpaid care (N categories) Code,
    Unpaid care (N categories) (or "... Label"), Observation

where <geography> is, for example, "Lower tier local authorities" or "Upper tier local authorities".
"Count" is accepted for "Observation". A column is found by what its heading says, in any order and
case, so the same reader takes "Lower tier local authorities Code" and "Local authority districts
Code". The categories are matched by their ONS words ("Provides no unpaid care", "Provides 9 hours
or less unpaid care a week", ... "Provides 50 or more hours unpaid care a week"; "Does not apply"
for people under 5, who were not asked) and, where a file gives only codes, by the code.

Checked (stored copies of the Nomis TS039 page and of censusdata.uk's TS039 pages, 2023-24): the
table counts usual residents aged 5 and over by hours of unpaid care a week, in the categories
"Provides no unpaid care", "9 hours or less", "10 to 19 hours", "20 to 34 hours", "35 to 49 hours"
and "50 or more hours" (with "19 hours or less" and "20 to 49 hours" as sub-totals in some layouts,
which are read and ignored); its total is "All usual residents aged 5 and over". NOT checked: the
exact column headings of the ONS custom-dataset CSV and its category code numbers (we take -8 for
"Does not apply", 1 for no care and 2 to 6 for the five bands in order, as ONS numbers its other
classifications); a file with the words in its label column never depends on them.

Population: the usual residents aged 5 and over are the sum of "no unpaid care" and the five bands
(or the file's own total row, where it has one). ``Does not apply`` (under 5s) is not part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from carershub.core.i18n import gettext_noop

# people/caring.py CENSUS_HOURS_BANDS, in order (the bands a carer's hours are recorded in).
BANDS = ("9_or_less", "10_to_19", "20_to_34", "35_to_49", "50_or_more")
NO_CARE = "no_care"
NOT_APPLICABLE = "does_not_apply"  # under 5: not asked
TOTAL = "total"  # all usual residents aged 5 and over
SUBTOTAL = "subtotal"  # "19 hours or less", "20 to 49 hours": sums of two bands, read and ignored
CATEGORIES = (NO_CARE, *BANDS)  # what an area must have, once each

HIGH_BAND = "50_or_more"

# Words of the ONS categories (lower case, spaces collapsed) -> our code.
_LABELS = {
    "provides no unpaid care": NO_CARE,
    "provides 9 hours or less unpaid care a week": "9_or_less",
    "provides 10 to 19 hours unpaid care a week": "10_to_19",
    "provides 20 to 34 hours unpaid care a week": "20_to_34",
    "provides 35 to 49 hours unpaid care a week": "35_to_49",
    "provides 50 or more hours unpaid care a week": "50_or_more",
    "does not apply": NOT_APPLICABLE,
    "provides 19 hours or less unpaid care a week": SUBTOTAL,
    "provides 20 to 49 hours unpaid care a week": SUBTOTAL,
    "total: all usual residents aged 5 and over": TOTAL,
    "total": TOTAL,
}
# Codes, where a file gives only them. Not checked against ONS (see above).
_CODES = {"-8": NOT_APPLICABLE, "1": NO_CARE, "2": "9_or_less", "3": "10_to_19", "4": "20_to_34",
          "5": "35_to_49", "6": "50_or_more"}

ONS_AREA_CODE = re.compile(r"^[EWSNK]\d{8}$")
MAX_COUNT = 100_000_000  # more people than the UK has: a typing error

# Problems (English, translated by the Django layer; each may name %(row)s, %(value)s, %(area)s ...).
PROBLEMS = {
    "no_rows": gettext_noop("The file has no rows of figures"),
    "columns": gettext_noop(
        "The file's columns were not recognised: it needs an area code column (like \"Lower tier local "
        "authorities Code\"), an unpaid care column (like \"Unpaid care (6 categories)\") and \"Observation\""),
    "area_missing": gettext_noop("Row %(row)s: the area code is missing"),
    "area_format": gettext_noop("Row %(row)s: \"%(value)s\" is not an ONS area code, like W06000016"),
    "area_unknown": gettext_noop("Row %(row)s: %(value)s is not an area of this region, so it was not imported"),
    "band_unknown": gettext_noop("Row %(row)s: \"%(value)s\" is not a category of the Census unpaid care table"),
    "count_missing": gettext_noop("Row %(row)s: the count is missing"),
    "count_not_number": gettext_noop("Row %(row)s: the count \"%(value)s\" is not a whole number"),
    "count_negative": gettext_noop("Row %(row)s: the count cannot be negative"),
    "count_too_large": gettext_noop("Row %(row)s: the count %(value)s is too large"),
    "duplicate": gettext_noop("Row %(row)s: %(area)s has this category already, in row %(first)s"),
    "incomplete": gettext_noop("%(area)s: the file has no row for \"%(category)s\""),
    "total_mismatch": gettext_noop(
        "%(area)s: the total of %(total)s does not equal the categories added up (%(sum)s)"),
}
# How each category is named in a problem (the ONS words).
CATEGORY_WORDS = {
    NO_CARE: "Provides no unpaid care",
    "9_or_less": "Provides 9 hours or less unpaid care a week",
    "10_to_19": "Provides 10 to 19 hours unpaid care a week",
    "20_to_34": "Provides 20 to 34 hours unpaid care a week",
    "35_to_49": "Provides 35 to 49 hours unpaid care a week",
    "50_or_more": "Provides 50 or more hours unpaid care a week",
}
# Problems that stop nothing else being imported: a national file holds every area of England and Wales.
SKIPS = {"area_unknown"}


@dataclass(frozen=True)
class Problem:
    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.code not in SKIPS

    def english(self) -> str:
        return PROBLEMS[self.code] % dict(self.params)


@dataclass
class AreaCounts:
    code: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)  # category -> count
    total: int | None = None  # the file's own total row, if any
    rows: dict[str, int] = field(default_factory=dict)  # category -> row number (for duplicates)

    @property
    def carers(self) -> int:
        return sum(self.counts.get(band, 0) for band in BANDS)

    @property
    def population(self) -> int:
        """Usual residents aged 5 and over."""
        return self.total if self.total is not None else self.counts.get(NO_CARE, 0) + self.carers


@dataclass
class Reading:
    areas: dict[str, AreaCounts]  # by area code, only complete areas without problems
    problems: list[Problem]
    rows: int = 0

    @property
    def blocked(self) -> bool:
        return any(p.blocking for p in self.problems)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def find_columns(headings: Sequence[str]) -> dict[str, str] | None:
    """{"area_code", "area_name", "care_code", "care_label", "count"}: the file's heading for each (name
    and care code/label may be missing, not both of care); None when the file cannot be read."""
    found: dict[str, str] = {}
    for heading in headings:
        h = _norm(heading).lstrip("\ufeff")
        is_care = h.startswith("unpaid care") or h.startswith("provision of unpaid care")
        if h in ("observation", "count", "observations"):
            found.setdefault("count", heading)
        elif is_care and h.endswith(" code"):
            found.setdefault("care_code", heading)
        elif is_care:
            found.setdefault("care_label", heading)
        elif h.endswith(" code") or h in ("area code", "geography code"):
            found.setdefault("area_code", heading)
        elif h.endswith(" label") or h in ("area name", "geography") or "authorit" in h or "district" in h:
            found.setdefault("area_name", heading)
    if "count" not in found or "area_code" not in found or not ({"care_code", "care_label"} & set(found)):
        return None
    return found


def category_of(label: str | None, code: str | None) -> str | None:
    if label and _norm(label):
        words = _norm(label).removeprefix("provision of unpaid care: ")
        return _LABELS.get(words)
    if code is not None and code.strip():
        return _CODES.get(code.strip())
    return None


def _count(text: str | None) -> tuple[int | None, str | None]:
    value = (text or "").strip().replace(",", "")
    if not value:
        return None, "count_missing"
    if not re.fullmatch(r"-?\d+(\.0+)?", value):
        return None, "count_not_number"
    number = int(value.split(".")[0])
    if number < 0:
        return None, "count_negative"
    if number > MAX_COUNT:
        return None, "count_too_large"
    return number, None


def read(headings: Sequence[str], rows: Iterable[Mapping[str, str]], *, known_areas: Iterable[str],
         first_row: int = 2) -> Reading:
    """Check every row; the areas the file gives completely and correctly, and every problem.

    ``rows`` are the file's rows as {heading: text} (``csv.DictReader``); ``first_row`` is the line
    number of the first (the heading is line 1), so problems name the row a spreadsheet shows.
    ``known_areas``: the ONS codes of the region's areas; rows of other areas are skipped and listed.
    """
    columns = find_columns(headings)
    if columns is None:
        return Reading({}, [Problem("columns")])
    known = {code.upper() for code in known_areas}
    areas: dict[str, AreaCounts] = {}
    problems: list[Problem] = []
    bad_areas: set[str] = set()
    count = 0
    for number, row in enumerate(rows, start=first_row):
        count += 1
        code = (row.get(columns["area_code"]) or "").strip().upper()
        if not code:
            problems.append(Problem("area_missing", {"row": number}))
            continue
        if not ONS_AREA_CODE.match(code):
            problems.append(Problem("area_format", {"row": number, "value": code}))
            continue
        if code not in known:
            problems.append(Problem("area_unknown", {"row": number, "value": code}))
            continue
        label = row.get(columns["care_label"]) if "care_label" in columns else None
        care_code = row.get(columns["care_code"]) if "care_code" in columns else None
        category = category_of(label, care_code)
        if category is None:
            problems.append(Problem("band_unknown", {"row": number, "value": (label or care_code or "").strip()}))
            bad_areas.add(code)
            continue
        value, problem = _count(row.get(columns["count"]))
        if problem:
            problems.append(Problem(problem, {"row": number, "value": (row.get(columns["count"]) or "").strip()}))
            bad_areas.add(code)
            continue
        name = (row.get(columns["area_name"]) or "").strip() if "area_name" in columns else ""
        area = areas.setdefault(code, AreaCounts(code, name or code))
        if category in (SUBTOTAL, NOT_APPLICABLE):
            continue
        key = category
        if key in area.rows:
            problems.append(Problem("duplicate", {"row": number, "area": area.name, "first": area.rows[key]}))
            bad_areas.add(code)
            continue
        area.rows[key] = number
        if category == TOTAL:
            area.total = value
        else:
            area.counts[category] = value
    if count == 0:
        return Reading({}, [Problem("no_rows")])
    for code, area in areas.items():
        if code in bad_areas:
            continue
        missing = [c for c in CATEGORIES if c not in area.counts]
        for category in missing:
            problems.append(Problem("incomplete", {"area": area.name, "category": CATEGORY_WORDS[category]}))
        if missing:
            bad_areas.add(code)
            continue
        added = area.counts[NO_CARE] + area.carers
        if area.total is not None and area.total != added:
            # ONS perturbs each cell on its own (cell key perturbation), but its published totals are
            # worked out from the same cells in one table; a file whose total differs was edited.
            problems.append(Problem("total_mismatch", {"area": area.name, "total": area.total, "sum": added}))
            bad_areas.add(code)
    good = {code: area for code, area in areas.items() if code not in bad_areas}
    return Reading(good, problems, rows=count)


# ---------------------------------------------------------------- shares


def percent(part: int | None, whole: int | None) -> Decimal | None:
    """part as a percentage of whole, to one decimal place (half up); None when either is unknown or whole is 0."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def band_of_carer(bands: Iterable[str | None]) -> str | None:
    """The band a known carer is counted in: the highest of the bands of the people they care for now.

    The Census asks for the hours given to everyone together; we hold hours per person cared for, as
    a band where the exact hours are not known, and bands cannot be added. The highest is the least
    the carer gives in all, so a carer is never counted above their Census band, but one caring for
    two people 20 hours each (40 in all) is counted at 20 to 34. None: no band recorded.
    """
    known = [b for b in bands if b in BANDS]
    return max(known, key=BANDS.index) if known else None
