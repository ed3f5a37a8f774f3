"""Find people fast: every condition below is served by an index on Person."""

from django.db.models import Q

from carershub.people.models import Person
from carershub.people.search_terms import SearchTerms

PAGE_SIZE = 25


def _name_condition(name: str, key: str) -> Q:
    condition = Q(search_family__startswith=name) | Q(search_given__startswith=name)
    if key:
        condition |= Q(family_key=key) | Q(given_key=key)
    return condition


def search_people(terms: SearchTerms, *, visible):
    """People matching every recognised term, in name order. ``visible`` is the user's scope."""
    query = Q()
    if terms.nhs_number:
        query &= Q(nhs_number=terms.nhs_number)
    if terms.date_of_birth:
        query &= Q(date_of_birth=terms.date_of_birth)
    if terms.postcode:
        query &= Q(postcode=terms.postcode)
    elif terms.postcode_outward:
        query &= Q(postcode__startswith=terms.postcode_outward + " ")
    for name, key in zip(terms.names, terms.name_keys):
        query &= _name_condition(name, key)
    return (
        visible.filter(query)
        .select_related("carer", "area")
        .order_by("search_family", "search_given", "pk")
    )


def first_page(queryset, page: int = 1):
    """One page of results without counting every match (a count is slow at national scale)."""
    start = (page - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
