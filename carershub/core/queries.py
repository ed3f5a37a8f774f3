"""Small helpers for queries every app runs on every page."""


def unique_or_none(queryset):
    """The one row a primary-key (or other unique) lookup finds, or None.

    ``first()`` adds an ORDER BY (the model's ordering, or the primary key) that a unique lookup
    does not need, and Django compiles it by comparing every selected column: with a few joins,
    a noticeable part of a page that opens a record and loads the signed-in user on every request.
    """
    return next(iter(queryset.order_by()[:1]), None)
