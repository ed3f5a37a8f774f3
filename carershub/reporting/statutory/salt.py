"""SALT LTS003 from Client Level Data rows: carers supported in the period by the support provided and age. No Django.

SALT (Short and Long Term support) table LTS003, "Carer support provided during the year, broken
down by the age of the carer and the type of support provided", is now derived from CLD. The method
is NHS England's, as published in "Reproducing SALT metrics from CLD: LTS003" and its SQL
(GitHub NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations, "SALT LTS003"), read in stored
copies, and applied here to the Release 2 values of ``cld``:

1. The cohort: unpaid carers' events active in the period (``cld.build`` has already kept only
   those) that are a carer-support service; or a request, assessment or review with no service
   type whose outcome is information and advice; or an assessment or review with no service type.
2. Each event is put in a "support provided" category (``category``): a direct-to-carer service by
   its delivery mechanism (direct payment; council-managed personal budget; council-commissioned;
   mechanism unknown); support involving the cared-for person -> no direct support to the carer;
   an assessment or review -> information and advice if that was its outcome, else no direct
   support; a request -> information and advice.
3. Each carer is counted once per council, in the highest category of the hierarchy (``CATEGORIES``
   in order): the person is the NHS number where known, else the council's person identifier.
4. Age at the end of the period, in the bands under 18, 18-25, 26-64, 65-84, 85 and over, unknown.
   NHS England works age out from the month and year of birth; we hold the date, which its notes
   say may replace them.

Counts are of carers we hold, so they are published through ``reporting.disclosure`` (counts of 1 to 4
withheld, and others withheld so that none can be worked out from the totals, by row and by column).
Where the published SALT tables themselves suppress, we did not check.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from carershub.core import ukdata
from carershub.core.i18n import gettext_noop
from carershub.reporting import disclosure
from carershub.reporting.statutory import cld

DIRECT_PAYMENT_ONLY = "direct_payment"
MANAGED_BUDGET = "managed_budget"
COMMISSIONED_ONLY = "commissioned"
UNKNOWN_MECHANISM = "unknown_mechanism"
INFORMATION = "information"
NO_DIRECT_SUPPORT = "no_direct_support"

# In the order of the published hierarchy: a carer is counted in the first that applies to them.
CATEGORIES = (
    (DIRECT_PAYMENT_ONLY, gettext_noop("Direct payment only")),
    (MANAGED_BUDGET, gettext_noop("Council-managed personal budget")),
    (COMMISSIONED_ONLY, gettext_noop("Council-commissioned support only")),
    (UNKNOWN_MECHANISM, gettext_noop("Support direct to the carer: delivery not known")),
    (INFORMATION, gettext_noop("Information, advice and other universal services or signposting")),
    (NO_DIRECT_SUPPORT, gettext_noop("No direct support provided to the carer")),
)
RANK = {code: rank for rank, (code, _label) in enumerate(CATEGORIES)}

UNDER_18, AGED_18_25, AGED_26_64, AGED_65_84, AGED_85_PLUS, AGE_UNKNOWN = (
    "under_18", "18_25", "26_64", "65_84", "85_plus", "unknown")
AGE_BANDS = (
    (UNDER_18, gettext_noop("Under 18")),
    (AGED_18_25, gettext_noop("18 to 25")),
    (AGED_26_64, gettext_noop("26 to 64")),
    (AGED_65_84, gettext_noop("65 to 84")),
    (AGED_85_PLUS, gettext_noop("85 and over")),
    (AGE_UNKNOWN, gettext_noop("Age not known")),
)


def category(row: dict) -> str | None:
    """The support-provided category of one CLD row, or None when the row is not in the LTS003 cohort."""
    service, outcome, event = row["Service_Type"], row["Event_Outcome"], row["Event_Type"]
    if service == cld.DIRECT_TO_CARER:
        return {
            cld.DIRECT_PAYMENT: DIRECT_PAYMENT_ONLY,
            cld.MANAGED_BUDGET: MANAGED_BUDGET,
            cld.COMMISSIONED: COMMISSIONED_ONLY,
        }.get(row["Delivery_Mechanism"], UNKNOWN_MECHANISM)
    if service == cld.INVOLVING_CARED_FOR:
        return NO_DIRECT_SUPPORT
    if service:
        return None
    if event in (cld.ASSESSMENT, cld.REVIEW):
        return INFORMATION if outcome == cld.NFA_INFORMATION else NO_DIRECT_SUPPORT
    if event == cld.REQUEST and outcome == cld.NFA_INFORMATION:
        return INFORMATION
    return None


def age_band(date_of_birth: str, on: datetime.date) -> str:
    if not date_of_birth:
        return AGE_UNKNOWN
    born = datetime.date.fromisoformat(date_of_birth)
    if born > on:
        return AGE_UNKNOWN
    age = ukdata.age_on(born, on)
    if age < 18:
        return UNDER_18
    if age <= 25:
        return AGED_18_25
    if age <= 64:
        return AGED_26_64
    if age <= 84:
        return AGED_65_84
    return AGED_85_PLUS


def person_key(row: dict) -> str:
    return f"nhs:{row['NHS_Number']}" if row["NHS_Number"] else f"la:{row['LA_Person_Unique_Identifier']}"


@dataclass
class Lts003:
    """Carers by category and age band: ``counts[category][band]``, each carer once per council."""

    counts: dict[str, dict[str, int]]
    carers: int

    def row_total(self, code: str) -> int:
        return sum(self.counts[code].values())

    def band_total(self, band: str) -> int:
        return sum(self.counts[code][band] for code, _label in CATEGORIES)


def lts003(rows, *, period_end: datetime.date) -> Lts003:
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for row in rows:
        code = category(row)
        if code is None:
            continue
        key = (row["LA_Code"], person_key(row))
        band = age_band(row["Date_of_Birth"], period_end)
        if key not in best or RANK[code] < best[key][0]:
            best[key] = (RANK[code], band)
    counts = {code: {band: 0 for band, _l in AGE_BANDS} for code, _label in CATEGORIES}
    for rank, band in best.values():
        counts[CATEGORIES[rank][0]][band] += 1
    return Lts003(counts=counts, carers=len(best))


def suppressed(table: Lts003) -> dict[tuple[str, str], disclosure.Hidden | None]:
    """How each cell, row total (band "total"), column total (category "total") and the grand total is shown.

    Counts of 1 to 4 are withheld; then, line by line (each category across the bands with its
    total, each band down the categories with its total), more are withheld until no hidden count
    can be worked out, and a line holding any withheld count reads "not shown" throughout.
    """
    codes = [code for code, _l in CATEGORIES]
    bands = [band for band, _l in AGE_BANDS]
    value = {(c, b): table.counts[c][b] for c in codes for b in bands}
    value.update({(c, "total"): table.row_total(c) for c in codes})
    value.update({("total", b): table.band_total(b) for b in bands})
    value[("total", "total")] = table.carers
    marks = {key: disclosure.primary(count) for key, count in value.items()}
    lines = [[(c, b) for b in bands] + [(c, "total")] for c in [*codes, "total"]]
    lines += [[(c, b) for c in codes] + [("total", b)] for b in [*bands, "total"]]
    changed = True
    while changed:
        changed = False
        for line in lines:
            parts, total = line[:-1], line[-1]
            if marks[total] is not None:
                continue  # a hidden total gives nothing away
            counts = [value[key] for key in parts]
            line_marks = [marks[key] for key in parts]
            while disclosure.could_be_worked_out(counts, line_marks):
                shown = [i for i, (count, mark) in enumerate(zip(counts, line_marks)) if mark is None and count > 0]
                if not shown:
                    break
                chosen = min(shown, key=lambda i: counts[i])
                line_marks[chosen] = disclosure.Hidden.WITHHELD
                marks[parts[chosen]] = disclosure.Hidden.WITHHELD
                changed = True
    # "fewer than 5" beside "not shown" in one line would tell the reader which is which.
    changed = True
    while changed:
        changed = False
        for line in lines:
            if any(marks[key] is disclosure.Hidden.WITHHELD for key in line):
                for key in line:
                    if marks[key] is disclosure.Hidden.SMALL:
                        marks[key] = disclosure.Hidden.WITHHELD
                        changed = True
    return marks
