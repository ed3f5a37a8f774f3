"""The arithmetic of a break allowance's ledger (pure: no Django).

An allowance is granted in one unit, minutes for an hours allowance or pence for a money one,
and every movement is an entry of a signed whole number in that unit:

    GRANT       +  the hours or money granted
    HOLD        -  a booking confirmed: its hours or cost set aside
    RELEASE     +  a hold given back: the booking was cancelled or not attended, or its delivery
                   replaces the hold
    DELIVERY    -  what a delivered break actually took
    EXPIRY      -  what was left when the period ended
    ADJUSTMENT  +/- a manager's correction, with a reason

The balance is the sum of the entries, always: nothing else is stored. It may go below zero only
through an entry a manager flagged as an override, with a reason.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from carershub.core import amounts

GRANT, HOLD, RELEASE, DELIVERY, EXPIRY, ADJUSTMENT = "grant", "hold", "release", "delivery", "expiry", "adjustment"
KINDS = (GRANT, HOLD, RELEASE, DELIVERY, EXPIRY, ADJUSTMENT)

MINUTES, PENCE = "minutes", "pence"

# The sign each kind's amount must have (0: either, but never zero).
SIGN = {GRANT: 1, HOLD: -1, RELEASE: 1, DELIVERY: -1, EXPIRY: -1, ADJUSTMENT: 0}


def sign_is_right(kind: str, amount: int) -> bool:
    if amount == 0:
        return False
    sign = SIGN[kind]
    return sign == 0 or (amount > 0) == (sign > 0)


def balance(amounts) -> int:
    """The balance is the sum of the entries' amounts."""
    return sum(amounts)


def running(amounts) -> list[int]:
    """The balance after each entry, in the order given (the ledger's own order)."""
    total, found = 0, []
    for amount in amounts:
        total += amount
        found.append(total)
    return found


@dataclass(frozen=True)
class Position:
    """Where an allowance stands: granted (grants and adjustments), held for confirmed bookings,
    used by delivered breaks, expired, and the balance (what is left to book)."""

    granted: int
    held: int
    used: int
    expired: int
    balance: int


def position(entries) -> Position:
    """From (kind, amount) pairs. held = holds not yet released; balance = the sum of all."""
    totals = dict.fromkeys(KINDS, 0)
    for kind, amount in entries:
        totals[kind] += amount
    return Position(
        granted=totals[GRANT] + totals[ADJUSTMENT],
        held=-(totals[HOLD] + totals[RELEASE]),
        used=-totals[DELIVERY],
        expired=-totals[EXPIRY],
        balance=sum(totals.values()),
    )


def available(balance_now: int, requested: int) -> int:
    """What a new request may still take: the balance less requests not yet confirmed (not held yet)."""
    return balance_now - requested


def fits(room: int, charge: int, *, override: bool = False) -> bool:
    """A charge fits if it leaves nothing below zero, or a manager overrides with a reason."""
    return override or charge <= room


def expiry_amount(balance_at_end: int) -> int:
    """What an expiry entry takes: all that is left, or nothing if nothing is (never gives back)."""
    return -balance_at_end if balance_at_end > 0 else 0


# ---------------------------------------------------------------- units, periods, reading and writing amounts


def minutes_between(start, end) -> int:
    """Whole minutes from ``start`` to ``end`` (datetimes); 0 or less if end is not after start."""
    return int((end - start).total_seconds() // 60)


def financial_year(day: date) -> tuple[date, date]:
    """1 April to 31 March of the UK public-sector financial year ``day`` falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return date(first, 4, 1), date(first + 1, 3, 31)


class AmountError(ValueError):
    """An amount that cannot be read; ``code`` says why: "invalid", "not_positive", "too_precise", "too_big"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


MAX_MINUTES = 10_000 * 60  # more hours than a year has: a typing mistake
MAX_PENCE = 10_000_000_00  # £10 million


def _decimal(text: str, *, strip: str = "") -> Decimal:
    cleaned = (text or "").strip().replace(",", "").replace(" ", "")
    for ch in strip:
        cleaned = cleaned.removeprefix(ch)
    if not cleaned or cleaned.lower() in {"nan", "inf", "infinity", "-inf", "+inf", "snan"}:
        raise AmountError("invalid")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError("invalid") from None
    if not value.is_finite():
        raise AmountError("invalid")
    return value


def parse_hours(text: str) -> int:
    """"3.5", "3", "0.25" hours as whole minutes; more precise than a minute is refused."""
    value = _decimal(text)
    if value <= 0:
        raise AmountError("not_positive")
    minutes = value * 60
    if minutes != minutes.to_integral_value():
        raise AmountError("too_precise")
    if minutes > MAX_MINUTES:
        raise AmountError("too_big")
    return int(minutes)


def parse_money(text: str) -> int:
    """"£12.50", "12.50", "1,200" as whole pence; fractions of a penny are refused."""
    value = _decimal(text, strip="£")
    if value <= 0:
        raise AmountError("not_positive")
    pence = value * 100
    if pence != pence.to_integral_value():
        raise AmountError("too_precise")
    if pence > MAX_PENCE:
        raise AmountError("too_big")
    return int(pence)


hours_text = amounts.hours  # minutes as hours, as people write them: 2400 -> "40", 210 -> "3.5"
money_text = amounts.pounds  # pence as pounds: 123456 -> "£1,234.56"


def amount_text(unit: str, amount: int) -> str:
    """An amount in its unit as a number people read (hours as a number, money with the pound sign)."""
    return hours_text(amount) if unit == MINUTES else money_text(amount)
