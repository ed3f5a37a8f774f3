"""Disclosure control: which of the figures' numbers may be shown, so that no carer can be picked out. No Django.

The figures are counted for an area and a period, often a quarter in one council area, where
a count of 1 or 2 can point at a family the reader knows. These rules decide, for published
counts, percentages and medians, which are shown and which are replaced by words:

- **Primary suppression.** A count from 1 to 4 is not shown; it reads "fewer than 5". A zero
  is shown: it says nothing about anybody.
- **Secondary suppression.** Where a total is published, a hidden count must not be worked
  out from the total and the other counts. If it could be, the next smallest non-zero count
  of the same column (or the other side of a yes/no split) is hidden too, and every hidden
  count of that column then reads "not shown", so the reader cannot tell the small one from
  the other.
- **Percentages** are not shown when their numerator, denominator or complement is hidden.
- **Medians** are not shown when they rest on fewer than 5 values.

Guidance followed (read in stored copies of the pages, not on the live sites):

- ONS, *Review of the Dissemination of Health Statistics: Confidentiality Guidance*, as
  summarised in "Maintaining confidentiality in disseminated data: dealing with small
  numbers and the risk of disclosure" (Cambridgeshire County Council public health
  intelligence, May 2013): cells of 1 or 2 are potentially unsafe, and for small areas and
  sensitive data so are 3 and 4; care is needed where rows or columns hold many zeros.
  Carers' assessments for one council area are both, hence the threshold of 5.
- NHS Digital, "Disclosure control methodology for Hospital Episode Statistics (HES) and
  Emergency Care Data Set (ECDS)" (September 2018): the method it replaced hid values from
  1 to 5 and then applied secondary suppression, checking that the other values could not
  be used to work the small ones out again (the rule here). For its current method we read
  only an unofficial copy of one part: no mean or median is worked out from 1 to 7 values
  below national level. We keep 5 for medians and counts, as the service asked (issue 14);
  a stricter setting is a change to ``THRESHOLD``.

What we could not check: the rest of NHS Digital's current method (we understand it also
rounds counts to the nearest 5, but did not read that), and the text of the Anonymisation
Standard for Publishing Health and Social Care Data (ISB 1523, later SCCI 1523) itself,
which NHS bodies must follow: we read only its summary page (the National Archives copy of
the ISB site, 2014), not its thresholds or worked examples. An information governance lead
should confirm the threshold against it.

Known limits: suppression alone cannot hide everything, and rounding every count to the
nearest 5 would, at the price of every figure on the page. A column whose non-zero counts are
all 1 still gives each away: five hidden counts adding up to a published 5, or four "fewer
than 5" under a total of "fewer than 5", can only be 1 each, and there is no larger count
left to hide. And a reader who knows exactly how the second count is chosen (the smallest,
the first of equals) can in a few columns of four counts or more narrow a hidden count to
one value; from the table and the meaning of its words alone, they cannot. The tests check
both claims against every column up to a size.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from carershub.core.i18n import gettext_noop

THRESHOLD = 5  # counts from 1 to THRESHOLD - 1 are small; ONS health statistics guidance (see above)
LARGEST_SMALL = THRESHOLD - 1


class Hidden(enum.Enum):
    """Why a count is not shown."""

    SMALL = "small"  # from 1 to 4 (primary suppression)
    WITHHELD = "withheld"  # hidden so that a small count cannot be worked out (secondary suppression)


WORDS = {
    Hidden.SMALL: gettext_noop("fewer than 5"),  # says THRESHOLD in words: change both together
    Hidden.WITHHELD: gettext_noop("not shown"),
}
NOT_SHOWN = WORDS[Hidden.WITHHELD]  # also what a hidden percentage or median reads


def is_small(count: int) -> bool:
    """A count from 1 to 4: too few to show. Zero is not small."""
    return 0 < count < THRESHOLD


def primary(count: int) -> Hidden | None:
    """How a count with nothing published beside it to work it out from is shown: None means as it is."""
    return Hidden.SMALL if is_small(count) else None


def could_be_worked_out(counts: Sequence[int], marks: Sequence[Hidden | None]) -> bool:
    """Whether a reader who knows these rules could work out a hidden count from the column and its total.

    What the reader knows: the counts shown; what the hidden ones add up to (the total less
    the shown ones); that a small count is from 1 to 4; and that a count hidden beside it is
    5 or more, yet no bigger than the smallest count still shown, since the smallest is hidden
    first. We even grant them which hidden count is which, so the test errs on the safe side.
    A hidden count is given away when the rest, at their largest and smallest, leave it one value.
    """
    hidden = [count for count, mark in zip(counts, marks) if mark]
    together = sum(hidden)
    still_shown = [count for count, mark in zip(counts, marks) if not mark and count > 0]
    ceiling = min([together, *still_shown])
    ranges = [
        (1, LARGEST_SMALL) if mark is Hidden.SMALL else (THRESHOLD, ceiling) for mark in marks if mark is not None
    ]
    lows, highs = sum(low for low, _high in ranges), sum(high for _low, high in ranges)
    return any(
        max(low, together - (highs - high)) == min(high, together - (lows - low)) for low, high in ranges
    )


def column(counts: Sequence[int], *, total_published: bool) -> list[Hidden | None]:
    """How each count of a column (or each side of a split) is shown; None means as it is.

    ``total_published`` says whether the reader is also shown what the counts add up to (a
    Total row, or the same total in another table), the case secondary suppression is for.
    """
    marks = [primary(count) for count in counts]
    # With no total, or a total small enough to be hidden itself, nothing can be worked out.
    if not total_published or is_small(sum(counts)) or not could_be_worked_out(counts, marks):
        return marks
    # Secondary suppression (NHS Digital's HES method before 2018, above): hide the smallest
    # non-zero count still shown (the first, on a tie), and the next, until the total no
    # longer gives any hidden count away or there is nothing left to hide.
    while could_be_worked_out(counts, marks):
        shown = [i for i, (count, mark) in enumerate(zip(counts, marks)) if mark is None and count > 0]
        if not shown:
            break
        marks[min(shown, key=lambda i: counts[i])] = Hidden.WITHHELD
    # All hidden counts of the column read the same, or "fewer than 5" beside "not shown"
    # would tell the reader which is which and, from the total, how big each is.
    return [Hidden.WITHHELD if mark else None for mark in marks]


def percent_shown(numerator: Hidden | None, denominator: Hidden | None, complement: Hidden | None = None) -> bool:
    """A percentage is shown only when its numerator, denominator and complement all are.

    A percentage beside its shown denominator gives its numerator back (33.3% of 3 is 1),
    and the percentage of the other side gives the complement.
    """
    return numerator is None and denominator is None and complement is None


def median_shown(based_on: int) -> bool:
    """A median resting on fewer than 5 values is close to one person's own figure (of 3 values, it is one).

    NHS Digital's HES method, as we read it (above), withholds a median of fewer than 8 values below national
    level; we use the same threshold as for counts.
    """
    return based_on >= THRESHOLD
