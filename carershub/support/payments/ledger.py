"""The direct payments ledger's arithmetic and money in pence: pure rules, no Django (decision 2).

Every movement of money is an entry of one kind, in whole pence (never floats):

- ``payment``: the council paid the carer (from a payment due);
- ``spend``: a monitoring return reported money spent on what the agreement is for;
- ``recovery_due``: a return found money unspent, which the council may ask back
  (Care Act 2014 s33(5) in England; in Wales the Care and Support (Direct Payments) (Wales)
  Regulations 2015, made under SSWA 2014 s53, provide for repayment - the regulation number
  was not checked against the made text);
- ``recovered``: money the carer paid back;
- ``adjustment``: a correction by a manager to the amount to recover (signed: a write-off is
  negative), with its reason.

The position of an agreement, a carer or a council is the sum of its entries, nothing kept beside.
"""

import re
from dataclasses import dataclass

from carershub.core import amounts
from carershub.core.i18n import gettext_noop

PAYMENT = "payment"
SPEND = "spend"
RECOVERY_DUE = "recovery_due"
RECOVERED = "recovered"
ADJUSTMENT = "adjustment"
KINDS = (PAYMENT, SPEND, RECOVERY_DUE, RECOVERED, ADJUSTMENT)

# Money typed into a form: "12", "12.5", "12.50", "£1,250.00". At most £9,999,999.99.
MAX_PENCE = 999_999_999
_MONEY = re.compile(r"^(\d{1,7})(?:\.(\d{1,2}))?$")

MESSAGES = {
    "money_invalid": gettext_noop("%(label)s must be an amount of money, like 25 or 25.50"),
    "money_too_many_pence": gettext_noop("%(label)s must be in pounds and pence, like 25.50"),
    "money_not_positive": gettext_noop("%(label)s must be more than £0"),
    "money_negative": gettext_noop("%(label)s must be £0 or more"),
    "money_too_large": gettext_noop("%(label)s must be £9,999,999.99 or less"),
}


class MoneyError(ValueError):
    """What was typed is not an amount of money; ``code`` is a key of MESSAGES."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_pence(text: str, *, allow_zero: bool = False) -> int:
    """Pounds typed as a person types them, as whole pence: '£1,250.5' -> 125050."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "").replace(" ", "")
    if cleaned.startswith("-"):
        raise MoneyError("money_negative" if allow_zero else "money_not_positive")
    if re.fullmatch(r"\d+\.\d{3,}", cleaned):
        raise MoneyError("money_too_many_pence")
    if re.fullmatch(r"\d{8,}(\.\d{0,2})?", cleaned):
        raise MoneyError("money_too_large")
    match = _MONEY.match(cleaned)
    if not match:
        raise MoneyError("money_invalid")
    pounds, pence = match.group(1), (match.group(2) or "0").ljust(2, "0")
    amount = int(pounds) * 100 + int(pence)
    if amount == 0 and not allow_zero:
        raise MoneyError("money_not_positive")
    return amount


def pounds(pence: int | None) -> str:
    """£1,234.56 (negative amounts as -£1,234.56); blank for None."""
    return "" if pence is None else amounts.pounds(pence)


def plain_pounds(pence: int) -> str:
    """1234.56: pounds with two decimals and no sign or separators, for a finance system's CSV."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{sign}{whole}.{part:02d}"


@dataclass(frozen=True)
class Position:
    """Where the money stands, all in pence: each figure a sum of entries."""

    paid: int = 0
    spent: int = 0
    recovery_due: int = 0
    recovered: int = 0
    adjusted: int = 0

    @property
    def to_recover(self) -> int:
        """Asked back and not yet repaid, after any adjustment."""
        return self.recovery_due + self.adjusted - self.recovered

    @property
    def unspent_held(self) -> int:
        """Paid, not yet reported spent and not yet found unspent by a return."""
        return self.paid - self.spent - self.recovery_due

    def __add__(self, other: "Position") -> "Position":
        return Position(
            self.paid + other.paid,
            self.spent + other.spent,
            self.recovery_due + other.recovery_due,
            self.recovered + other.recovered,
            self.adjusted + other.adjusted,
        )


_FIELD = {PAYMENT: "paid", SPEND: "spent", RECOVERY_DUE: "recovery_due", RECOVERED: "recovered", ADJUSTMENT: "adjusted"}


def position(entries) -> Position:
    """The position from ``(kind, pence)`` pairs (or from sums by kind: ``{kind: pence}``)."""
    if isinstance(entries, dict):
        entries = entries.items()
    totals = dict.fromkeys(_FIELD.values(), 0)
    for kind, pence in entries:
        totals[_FIELD[kind]] += int(pence or 0)
    return Position(**totals)


def unspent(paid_for_period: int, spent: int) -> int:
    """What a monitoring return leaves unspent; spending more than was paid is refused by the caller."""
    return max(paid_for_period - spent, 0)


# Cells a spreadsheet would read as a formula (CSV injection): prefixed with an apostrophe.



def carer_reference(person_pk: int) -> str:
    """The carer's record number as the finance system knows it (never the NHS number)."""
    return f"CH{person_pk:07d}"


def agreement_reference(agreement_pk: int) -> str:
    return f"DP{agreement_pk:06d}"
