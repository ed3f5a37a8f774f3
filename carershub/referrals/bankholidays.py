"""England and Wales bank holidays, from the pinned ``holidays`` package (requirements.txt).

Banking and Financial Dealings Act 1971 s1 and Sch 1, with the dates proclaimed each year; England
and Wales share the list (Scotland and Northern Ireland differ). The package's ``UK(subdiv="ENG")``
and ``UK(subdiv="WLS")`` are used for the receiving organisation's nation. No Django here.
"""

import functools

import holidays as _holidays

SUBDIVISION = {"england": "ENG", "wales": "WLS"}


@functools.lru_cache(maxsize=32)
def _for(subdivision: str, years: tuple[int, ...]) -> frozenset:
    return frozenset(_holidays.UK(subdiv=subdivision, years=list(years)).keys())


def bank_holidays(nation: str | None, *years: int) -> frozenset:
    """The bank holidays of ``nation`` ("england" or "wales"; England when not known) in ``years``."""
    subdivision = SUBDIVISION.get(nation or "england", "ENG")
    return _for(subdivision, tuple(sorted(set(years))))


def around(nation: str | None, day) -> frozenset:
    """Enough years of bank holidays to count working days from ``day`` (this year and the next)."""
    return bank_holidays(nation, day.year, day.year + 1)
