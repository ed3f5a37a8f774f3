"""Emergency card numbers: random, twelve digits, the last a check digit; read out in groups of four.

Pure Python (no Django), so forms, views and tests share it. A number is eleven random digits from
``secrets`` (never sequential, so one card's number says nothing about another's) and a Damm check
digit. The Damm algorithm (H. Michael Damm, 2004) catches every single wrong digit and every swap of
two neighbouring digits - the two commonest mistakes when a number is read over the phone - so a
mistyped number is told apart from a well-formed number that no card has, without asking the database.
"""

import secrets

from carershub.core.i18n import gettext_noop


LENGTH = 12
GROUP = 4

# The Damm algorithm's quasigroup of order 10 (totally anti-symmetric, zero diagonal).
_TABLE = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

OK, MALFORMED, MISTYPED = "ok", "malformed", "mistyped"
MESSAGES = {
    MALFORMED: gettext_noop("Enter the 12-digit number on the card, like 1234 5678 9012"),
    MISTYPED: gettext_noop(
        "This is not a card number: a digit may have been typed wrongly. Check the number on the card"
    ),
}
_SEPARATORS = " -\u00a0\t."


def check_digit(digits: str) -> str:
    """The Damm check digit of a string of digits."""
    interim = 0
    for digit in digits:
        interim = _TABLE[interim][int(digit)]
    return str(interim)


def is_valid(number: str) -> bool:
    """A number whose last digit checks the rest (Damm: the whole number reduces to 0)."""
    return len(number) == LENGTH and number.isascii() and number.isdigit() and check_digit(number) == "0"


def new_number(randbelow=secrets.randbelow) -> str:
    """A fresh random card number (not yet known to be unused: the database's unique index decides)."""
    body = "".join(str(randbelow(10)) for _ in range(LENGTH - 1))
    return body + check_digit(body)


def normalise(typed: str) -> str:
    """What was typed, less spaces, dashes and dots between the groups."""
    return "".join(ch for ch in (typed or "") if ch not in _SEPARATORS)


def read(typed: str) -> tuple[str, str]:
    """(status, number): OK with the number, MALFORMED (not 12 digits) or MISTYPED (the check fails)."""
    number = normalise(typed)
    if len(number) != LENGTH or not (number.isascii() and number.isdigit()):
        return MALFORMED, number
    if not is_valid(number):
        return MISTYPED, number
    return OK, number


def grouped(number: str) -> str:
    """ "1234 5678 9012": easy to read over a phone."""
    return " ".join(number[i : i + GROUP] for i in range(0, len(number), GROUP))


def lookup_wait(wrong: int, *, free: int, cap: int) -> int:
    """Seconds to wait before the next look-up after ``wrong`` unknown numbers: 0 for the first
    ``free``, then 2, 4, 8 ... seconds, never more than ``cap``."""
    if wrong < free:
        return 0
    return min(2 ** (wrong - free + 1), cap)
