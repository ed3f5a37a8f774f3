"""Money in whole pence and time in whole minutes, as pages, letters and CSVs say them. No Django.

Every amount of money the service keeps is a whole number of pence and every length of time a whole
number of minutes (decision 30), so nothing is ever rounded on the way; these are the one place they
are turned into words, and the one place money typed into a form is read (``parse_pence``).
"""

import re

from carershub.core.i18n import gettext_noop

# Money typed into a form: "12", "12.5", "12.50", "£1,250.00". At most £9,999,999.99.
MAX_PENCE = 999_999_999
_MONEY = re.compile(r"^(\d{1,7})(?:\.(\d{1,2}))?$")

# What a form says of money it cannot read; %(label)s is the field's label.
MONEY_MESSAGES = {
    "money_invalid": gettext_noop("%(label)s must be an amount of money, like 25 or 25.50"),
    "money_too_many_pence": gettext_noop("%(label)s must be in pounds and pence, like 25.50"),
    "money_not_positive": gettext_noop("%(label)s must be more than £0"),
    "money_negative": gettext_noop("%(label)s must be £0 or more"),
    "money_too_large": gettext_noop("%(label)s must be £9,999,999.99 or less"),
}


class MoneyError(ValueError):
    """What was typed is not an amount of money; ``code`` is a key of MONEY_MESSAGES."""

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
    pounds_part, pence = match.group(1), (match.group(2) or "0").ljust(2, "0")
    amount = int(pounds_part) * 100 + int(pence)
    if amount == 0 and not allow_zero:
        raise MoneyError("money_not_positive")
    return amount


def pounds(pence: int) -> str:
    """'£1,234.56' from 123456, '-£5.00' from -500; exact, never through a float."""
    sign = "-" if pence < 0 else ""
    whole, rest = divmod(abs(int(pence)), 100)
    return f"{sign}£{whole:,}.{rest:02d}"


def hours(minutes: int) -> str:
    """Hours as people write them: 2400 -> '40', 210 -> '3.5', 20 -> '0.33', 75045 -> '1,250.75'."""
    sign = "-" if minutes < 0 else ""
    whole, rest = divmod(abs(int(minutes)), 60)
    if not rest:
        return f"{sign}{whole:,}"
    return sign + f"{abs(int(minutes)) / 60:,.2f}".rstrip("0").rstrip(".")
