"""Read what a worker typed in the one search box. Pure Python, no Django.

"Jones CF37 1DL", "943 476 5919", "ann jones 27/3/1961", "cf37" all work: each piece
is recognised as an NHS number, a date of birth, a postcode (full or first half) or a name.

Dates of birth are read the way the service writes them and the ways people type them:
"14 March 1968", "14 Mar 1968", "14 Mawrth 1968" (the Welsh pages' own form), "14/3/68",
"14-03-1968", "14.3.1968", "14 3 1968" and "1968-03-14".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from carershub.people.matching import name_key, normalise_name
from carershub.core.ukdata import ValidationProblem, normalise_nhs_number, normalise_postcode

# Month names as the date filter writes them in English and in Welsh (Django's own Welsh month
# names), and the usual English abbreviations. Longest first, so "March" is not read as "Mar".
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7,
    "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# "14 March 1968", "14th Mar. 68", "14-Mar-1968": day, month name, year of four or two digits.
_WORDED_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[ \-/.]*({_MONTH_NAMES})\b\.?[ \-/.,]*(\d{{4}}|\d{{2}})\b", re.IGNORECASE
)
# "14/3/68", "14-03-1968", "14.3.1968", "14 3 1968": the same separator twice.
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.\- ])(\d{1,2})\2(\d{4}|\d{2})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NHS = re.compile(r"\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b")
_FULL_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b", re.IGNORECASE)
_OUTWARD = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$", re.IGNORECASE)
MAX_QUERY_LENGTH = 200


@dataclass
class SearchTerms:
    nhs_number: str | None = None
    date_of_birth: date | None = None
    postcode: str | None = None
    postcode_outward: str | None = None
    names: list[str] = field(default_factory=list)
    name_keys: list[str] = field(default_factory=list)
    # Problem codes, each once however often it arose ("Smith 12 34" is one problem, not two).
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.nhs_number or self.date_of_birth or self.postcode or self.postcode_outward or self.names)

    def add_problem(self, code: str) -> None:
        if code not in self.problems:
            self.problems.append(code)


def date_of_birth_year(typed: str, month: int, day: int, today: date) -> int:
    """The year of a date of birth typed with two digits or four.

    A two-digit year is in this century unless that would put the birth in the future: a
    date of birth cannot be, so it is in the last one. On 15 June 2025, "14/3/25" is 2025,
    "16/6/25" is 1925 and "14/3/68" is 1968. (Someone over 100 typed with two digits is read
    as a baby born this century, so they are found by a four-digit year.) An impossible
    date raises ValueError.
    """
    if len(typed) == 4:
        return int(typed)
    this_century = today.year // 100 * 100 + int(typed)
    if date(this_century, month, day) > today:
        return this_century - 100
    return this_century


def parse(text: str, today: date | None = None) -> SearchTerms:
    """The terms in what was typed. ``today`` decides the century of a two-digit year (the view passes the local date)."""
    today = today or date.today()
    terms = SearchTerms()
    rest = (text or "")[:MAX_QUERY_LENGTH]

    def take(pattern, handler) -> bool:
        nonlocal rest
        match = pattern.search(rest)
        if match:
            handler(match)
            rest = rest[: match.start()] + " " + rest[match.end() :]
        return bool(match)

    def set_date(day: str, month: int | str, year: str):
        try:
            month, day = int(month), int(day)
            terms.date_of_birth = date(date_of_birth_year(year, month, day, today), month, day)
        except ValueError:
            terms.add_problem("date_invalid")

    def on_nhs(m):
        try:
            terms.nhs_number = normalise_nhs_number("".join(m.groups()))
        except ValidationProblem:
            terms.add_problem("nhs_number_invalid")

    def on_postcode(m):
        try:
            terms.postcode = normalise_postcode(m.group(0))
        except ValidationProblem:
            terms.add_problem("postcode_invalid")

    (
        take(_WORDED_DATE, lambda m: set_date(m.group(1), MONTHS[m.group(2).lower()], m.group(3)))
        or take(_ISO_DATE, lambda m: set_date(m.group(3), m.group(2), m.group(1)))
        or take(_NUMERIC_DATE, lambda m: set_date(m.group(1), m.group(3), m.group(4)))
    )
    take(_NHS, on_nhs)
    take(_FULL_POSTCODE, on_postcode)
    for word in rest.split():
        if _OUTWARD.match(word) and any(ch.isdigit() for ch in word):
            terms.postcode_outward = word.upper()
            continue
        if any(ch.isdigit() for ch in word):
            terms.add_problem("unrecognised")
            continue
        normalised = normalise_name(word)
        if normalised:
            terms.names.append(normalised)
            terms.name_keys.append(name_key(word))
    return terms
