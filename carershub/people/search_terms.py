"""Read what a worker typed in the one search box. Pure Python, no Django.

"Jones CF37 1DL", "943 476 5919", "ann jones 27/3/1961", "cf37" all work: each piece
is recognised as an NHS number, a date of birth, a postcode (full or first half) or a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from carershub.people.matching import name_key, normalise_name
from carershub.core.ukdata import ValidationProblem, normalise_nhs_number, normalise_postcode

_DATE = re.compile(r"\b(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})\b")
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
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.nhs_number or self.date_of_birth or self.postcode or self.postcode_outward or self.names)


def parse(text: str) -> SearchTerms:
    terms = SearchTerms()
    rest = (text or "")[:MAX_QUERY_LENGTH]

    def take(pattern, handler):
        nonlocal rest
        match = pattern.search(rest)
        if match:
            handler(match)
            rest = rest[: match.start()] + " " + rest[match.end() :]

    def on_date(m):
        try:
            terms.date_of_birth = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            terms.problems.append("date_invalid")

    def on_nhs(m):
        try:
            terms.nhs_number = normalise_nhs_number("".join(m.groups()))
        except ValidationProblem:
            terms.problems.append("nhs_number_invalid")

    def on_postcode(m):
        try:
            terms.postcode = normalise_postcode(m.group(0))
        except ValidationProblem:
            terms.problems.append("postcode_invalid")

    take(_DATE, on_date)
    take(_NHS, on_nhs)
    take(_FULL_POSTCODE, on_postcode)
    for word in rest.split():
        if _OUTWARD.match(word) and any(ch.isdigit() for ch in word):
            terms.postcode_outward = word.upper()
            continue
        if any(ch.isdigit() for ch in word):
            terms.problems.append("unrecognised")
            continue
        normalised = normalise_name(word)
        if normalised:
            terms.names.append(normalised)
            terms.name_keys.append(name_key(word))
    return terms
