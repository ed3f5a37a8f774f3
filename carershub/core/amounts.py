"""Money in whole pence and time in whole minutes, as pages, letters and CSVs say them. No Django.

Every amount of money the service keeps is a whole number of pence and every length of time a whole
number of minutes (decision 30), so nothing is ever rounded on the way; these are the one place they
are turned into words.
"""


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
