"""When two breaks clash (pure: no Django).

Times are half-open intervals [start, end): a break that ends at 14:00 and one that starts at
14:00 do not overlap, so a sitting service may hand over to a day opportunity.
"""


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    """Whether [a_start, a_end) and [b_start, b_end) share any moment."""
    return a_start < b_end and b_start < a_end


def first_clash(start, end, others):
    """The first of ``others`` (objects with ``starts_at`` and ``ends_at``, in the order given)
    that overlaps [start, end), or None."""
    for other in others:
        if overlaps(start, end, other.starts_at, other.ends_at):
            return other
    return None
