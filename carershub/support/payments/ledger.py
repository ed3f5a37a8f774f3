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

from dataclasses import dataclass

from carershub.core import amounts

PAYMENT = "payment"
SPEND = "spend"
RECOVERY_DUE = "recovery_due"
RECOVERED = "recovered"
ADJUSTMENT = "adjustment"
KINDS = (PAYMENT, SPEND, RECOVERY_DUE, RECOVERED, ADJUSTMENT)

# Money typed into a form is read by core/amounts.py, shared with the grants fund.
MAX_PENCE = amounts.MAX_PENCE
MESSAGES = amounts.MONEY_MESSAGES
MoneyError = amounts.MoneyError
parse_pence = amounts.parse_pence


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
