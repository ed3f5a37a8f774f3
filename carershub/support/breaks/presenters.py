"""How an allowance, its position and its ledger read on a page."""

from django.utils.translation import gettext as _

from carershub.support.breaks import ledger
from carershub.support.breaks.models import EntryKind, Unit


def amount_words(unit: str, amount: int) -> str:
    """"40 hours" or "£250.00": an amount in its unit, as a page says it."""
    if unit == Unit.MINUTES:
        return _("%(hours)s hours") % {"hours": ledger.hours_text(amount)}
    return ledger.money_text(amount)


class AllowanceView:
    """An allowance with its position (granted, held, used, expired, balance) and ledger rows."""

    amount_words = staticmethod(amount_words)

    def __init__(self, allowance, position: ledger.Position, rows):
        self.allowance = allowance
        self.position = position
        self.rows = [
            {
                "entry": entry,
                "kind": str(EntryKind(entry.kind).label),
                "amount": self.words(entry.amount),
                "balance": self.words(balance),
            }
            for entry, balance in rows
        ]

    def words(self, amount) -> str:
        return amount_words(self.allowance.unit, amount)

    @property
    def pk(self):
        return self.allowance.pk

    @property
    def granted(self):
        return self.words(self.allowance.amount)

    @property
    def held(self):
        return self.words(self.position.held)

    @property
    def used(self):
        return self.words(self.position.used)

    @property
    def balance(self):
        return self.words(self.position.balance)

    @property
    def expired(self):
        return self.words(self.position.expired)

    @property
    def source(self) -> str:
        if self.allowance.preventative:
            return _("Preventative break, without a full assessment")
        return _("Support plan, version %(n)s") % {"n": self.allowance.plan.plan_version}
