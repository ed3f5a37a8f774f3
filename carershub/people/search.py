"""Find people fast: every condition below is served by an index on Person."""

from django.db import connections
from django.db.models import Q

from carershub.people.search_terms import SearchTerms

PAGE_SIZE = 25


def _starts_with(field: str, prefix: str, vendor: str) -> Q:
    """``field`` starts with ``prefix``, written so the database answers it from an index.

    PostgreSQL's ``LIKE 'jon%'`` uses the varchar_pattern_ops indexes. SQLite's LIKE ignores
    case, so it cannot use an ordinary index and reads every row; the columns searched hold
    normalised values (lower-case names, upper-case postcodes), so on SQLite a range of
    strings finds exactly the same rows, through the index.
    """
    last = ord(prefix[-1])
    if vendor == "sqlite" and last < 0xD7FF:  # the next character must exist and not be a surrogate
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix[:-1] + chr(last + 1)})
    return Q(**{f"{field}__startswith": prefix})


def _name_condition(name: str, key: str, vendor: str) -> Q:
    condition = _starts_with("search_family", name, vendor) | _starts_with("search_given", name, vendor)
    if key:
        condition |= Q(family_key=key) | Q(given_key=key)
    return condition


def search_people(terms: SearchTerms, *, visible):
    """People matching every recognised term, in name order. ``visible`` is the user's scope."""
    vendor = connections[visible.db].vendor
    query = Q()
    if terms.nhs_number:
        query &= Q(nhs_number=terms.nhs_number)
    if terms.date_of_birth:
        query &= Q(date_of_birth=terms.date_of_birth)
    if terms.postcode:
        query &= Q(postcode=terms.postcode)
    elif terms.postcode_outward:
        query &= _starts_with("postcode", terms.postcode_outward + " ", vendor)
    for name, key in zip(terms.names, terms.name_keys):
        query &= _name_condition(name, key, vendor)
    return (
        visible.filter(query)
        .select_related("carer", "area")
        .order_by("search_family", "search_given", "pk")
    )


def first_page(queryset, page: int = 1):
    """One page of results without counting every match (a count is slow at national scale).

    The page's ids come first, from the person table alone: a broad search ("jon") sorts
    tens of thousands of matches, and joining the related tables to every one of them
    before sorting costs more than the sort. Then only the page's rows are read in full.
    """
    start = (page - 1) * PAGE_SIZE
    ids = list(queryset.values_list("pk", flat=True)[start : start + PAGE_SIZE + 1])
    rows = list(queryset.filter(pk__in=ids)) if ids else []
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
