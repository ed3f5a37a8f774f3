"""Spend per head: pure rules, no Django (decision 2).

Cwm Taf's per-capita tables (Cwm Taf carers' services options appraisal, "Financial information
regarding carers - for RCT and MT") divide an area's discrete spend on carers by a count of people and
give the result in pounds and pence: "RCT spend per capita (based on number in Census) £130.22" is
£3,859,773 / 29,640 Census carers; "RCT actual spend per capita on known carers £1,244.69" is
£3,859,773 / 3,101 carers registered with the project. We work the same way for three counts: the
population (usual residents), the carers counted by the Census, and the carers known here. The
quotient is exact until one rounding, to the penny, half up. A count that is missing or zero gives no
figure (None), never a division by zero.
"""

from fractions import Fraction

from carershub.reporting.money.contractvalue import round_pence


def per_head(spend_pence: int | None, people: int | None) -> int | None:
    """Pence per person, rounded once to the penny (half up); None without spend or people."""
    if spend_pence is None or not people or people < 0:
        return None
    return round_pence(Fraction(spend_pence, people))
