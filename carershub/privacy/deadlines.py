"""When a data-rights request must be answered: pure date rules, no Django.

UK GDPR Article 12(3): the controller acts on a request under Articles 15 to 22 "without undue
delay and in any event within one month of receipt of the request", and "that period may be
extended by two further months where necessary, taking into account the complexity and number
of the requests"; the person must be told of the extension, with reasons, within the first
month. The text of Art 12(3) is quoted from memory of the regulation as retained in UK law; it
was not re-read from legislation.gov.uk for this change.

How a month is counted follows the ICO's guidance on the right of access ("How long do we have
to comply?"), checked through copies of it quoted by the ICO's SAR checklist and by law firms
in 2019: the day the request is received is day one, the time limit ends on the corresponding
calendar date of the next month, and where that month is shorter (no corresponding date) on its
last day, so a request received on 31 January is due on 28 February (29 in a leap year).

The ICO also allows the next working day when the date falls on a weekend or public holiday.
We do not move the date: the service aims to answer by the calendar date, which is never later
than the law allows, and needs no list of bank holidays.
"""

import calendar
from datetime import date

RESPONSE_MONTHS = 1  # Art 12(3): one month
EXTENSION_MONTHS = 2  # Art 12(3): "by two further months"


def add_months(day: date, months: int) -> date:
    """The corresponding calendar date ``months`` later, or the last day of that month if it has none."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def response_due(received_on: date) -> date:
    """The last day to answer a request received on ``received_on``: one calendar month."""
    return add_months(received_on, RESPONSE_MONTHS)


def extended_due(received_on: date) -> date:
    """The last day when the time is extended by two further months: three months from receipt."""
    return add_months(received_on, RESPONSE_MONTHS + EXTENSION_MONTHS)
