"""Find people fast: every condition below is served by an index on Person.

Results come best match first: the full name as typed ("ann smith", either way round), then
anybody whose first or last name is exactly a name typed ("Dafydd" before the Davids its
sound-alike key also finds), then everybody else the search matched; within each, name order.
Names are compared in their search form (people/matching.py normalise_name: case and accents
folded, apostrophes dropped), the form search_terms gives what was typed.

Cost: the general query already sorted every match to take a page; it now sorts by the rank
first, worked out on those same rows, so it reads and sorts the same rows as before. The lone
name across the region (decision 23) still reads a page from each name-ordered index, with two
more branches for the exact names (see _LONE_NAME_SQL).
"""

from django.db import connections
from django.db.models import Case, IntegerField, Q, Value, When

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


FULL_NAME, EXACT_NAME, OTHER_MATCH = 0, 1, 2
# A full name typed in more words than this is not looked for as a whole (each name still ranks).
MAX_FULL_NAME_WORDS = 8


def _rank(names: list[str]):
    """How well a person matches the names typed, as an expression: FULL_NAME, EXACT_NAME or OTHER_MATCH.

    Worked out only for the rows the search matched, in the same statement that sorts them (no
    Python sort): the database sorted every match by name before; it now sorts by this first.
    A full name has a space in it, so it can equal only what was typed with a space (two names,
    or one written "Smith-Jones"); _lone_name_ids relies on that. Case and accents need no
    folding here: the columns and the terms are both in normalise_name's form.
    """
    if not names:
        return None
    whens = []
    words = " ".join(names).split(" ")
    if 1 < len(words) <= MAX_FULL_NAME_WORDS:
        # "first last" equals what was typed when some split of the words gives each name: plain
        # comparisons of the two columns (building "first last" for every match cost twice as much).
        full_name = Q()
        for i in range(1, len(words)):
            before, after = " ".join(words[:i]), " ".join(words[i:])
            full_name |= Q(search_given=before, search_family=after) | Q(search_family=before, search_given=after)
        whens.append(When(full_name, then=Value(FULL_NAME)))
    whens.append(When(Q(search_given__in=names) | Q(search_family__in=names), then=Value(EXACT_NAME)))
    return Case(*whens, default=Value(OTHER_MATCH), output_field=IntegerField()).asc()


def search_people(terms: SearchTerms, *, visible):
    """People matching every recognised term, best match first, then in name order. ``visible`` is the user's scope."""
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
    rank = _rank(terms.names)
    order = ([rank] if rank is not None else []) + ["search_family", "search_given", "pk"]
    results = visible.filter(query).select_related("carer", "area").order_by(*order)
    # For first_page's short way with a lone name (below): only on this very queryset (a further
    # filter or slice makes a copy without it), and only when the scope is everybody.
    results._carershub_terms = terms if not visible.query.where and not visible.query.is_sliced else None
    return results


# One name on its own ("jon") matches on four columns, each with an index in name order
# (people/0005): each branch stops after the page's rows, instead of sorting every match.
# The indexes and this query compare by code point ("C"); the general query sorts by the
# database's collation, so this is used only where the two agree (_sorts_by_code_point).
#
# Exact names come first (_rank): two more branches read the people whose last or first name
# is exactly the one typed, from the same indexes (equal on their first column, so already in
# page order), each stopping after the page too. Why the page is always among the branches'
# rows: the first n rows of the result are the exact matches in name order, then the others in
# name order. An exact match's place in its exact branch is no later than its place in the
# result (everyone before it there is an exact match, so before it in the result too); any
# other match's place in a prefix or key branch is no later than its place in the result
# (everyone before it there, exact or not, is before it in the result). So n rows of each
# branch hold the result's first n.
_LONE_NAME_SQL = """
SELECT id FROM (
    (SELECT id, search_family, search_given FROM people_person
      WHERE search_family COLLATE "C" >= %(from)s AND search_family COLLATE "C" < %(to)s
      ORDER BY search_family COLLATE "C", search_given COLLATE "C", id LIMIT %(enough)s)
    UNION
    (SELECT id, search_family, search_given FROM people_person
      WHERE search_given COLLATE "C" >= %(from)s AND search_given COLLATE "C" < %(to)s
      ORDER BY search_family COLLATE "C", search_given COLLATE "C", id LIMIT %(enough)s)
    UNION
    (SELECT id, search_family, search_given FROM people_person WHERE search_family COLLATE "C" = %(name)s
      ORDER BY search_family COLLATE "C", search_given COLLATE "C", id LIMIT %(enough)s)
    UNION
    (SELECT id, search_family, search_given FROM people_person WHERE search_given COLLATE "C" = %(name)s
      ORDER BY search_family COLLATE "C", search_given COLLATE "C", id LIMIT %(enough)s)
    {keys}
) AS matches
ORDER BY CASE WHEN search_family = %(name)s OR search_given = %(name)s THEN 1 ELSE 2 END,
    search_family COLLATE "C", search_given COLLATE "C", id
LIMIT %(limit)s OFFSET %(offset)s
"""
_KEY_BRANCHES = """
    UNION
    (SELECT id, search_family, search_given FROM people_person WHERE family_key = %(key)s
      ORDER BY search_family COLLATE "C", search_given COLLATE "C", id LIMIT %(enough)s)
    UNION
    (SELECT id, search_family, search_given FROM people_person WHERE given_key = %(key)s
      ORDER BY search_family COLLATE "C", search_given COLLATE "C", id LIMIT %(enough)s)
"""


def _lone_name_ids(queryset, start: int) -> list[int] | None:
    """The page's ids for a search of one name across everybody, on PostgreSQL; None otherwise.

    The same rows, in the same order, as the general query (tests/people/test_search.py runs
    both): it only applies when nothing else narrows the search and the user's scope is
    everybody (service workers find region-wide), so no other condition is left out; the
    queryset must be search_people's own, unchanged (copies do not carry the terms).
    """
    terms = getattr(queryset, "_carershub_terms", None)
    connection = connections[queryset.db]
    if (
        connection.vendor != "postgresql"
        or terms is None
        or len(terms.names) != 1
        or terms.nhs_number
        or terms.date_of_birth
        or terms.postcode
        or terms.postcode_outward
        or not _sorts_by_code_point(connection)
    ):
        return None
    name, key = terms.names[0], terms.name_keys[0]
    last = ord(name[-1])
    if last >= 0xD7FF or " " in name:
        # A name with a space ("smith-jones") can equal someone's whole name, which ranks first
        # (_rank); no branch here reads those, so the general query answers it.
        return None
    params = {
        "name": name,
        "from": name,
        "to": name[:-1] + chr(last + 1),
        "key": key,
        "enough": start + PAGE_SIZE + 1,
        "limit": PAGE_SIZE + 1,
        "offset": start,
    }
    with connection.cursor() as cursor:
        cursor.execute(_LONE_NAME_SQL.format(keys=_KEY_BRANCHES if key else ""), params)
        return [row[0] for row in cursor.fetchall()]


_CODE_POINT_COLLATIONS = {"c", "posix", "c.utf-8", "c.utf8"}


def _sorts_by_code_point(connection) -> bool:
    """Whether the database's own text order is code point order (created with C or C.UTF-8).

    Asked once per connection. A database created with a language's collation (en_GB.UTF-8)
    sorts names a little differently ("o'brien" among the "ob"s), so the lone-name query would
    list another page than the general one there: it is not used, and search is as it was.
    """
    known = getattr(connection, "_carershub_code_point_order", None)
    if known is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            known = cursor.fetchone()[0].lower() in _CODE_POINT_COLLATIONS
        connection._carershub_code_point_order = known
    return known


def first_page(queryset, page: int = 1):
    """One page of results without counting every match (a count is slow at national scale).

    The page's ids come first, from the person table alone: a broad search ("jon") sorts
    tens of thousands of matches, and joining the related tables to every one of them
    before sorting costs more than the sort. Then only the page's rows are read in full.
    """
    start = (page - 1) * PAGE_SIZE
    ids = _lone_name_ids(queryset, start)
    if ids is None:
        ids = list(queryset.values_list("pk", flat=True)[start : start + PAGE_SIZE + 1])
    rows = list(queryset.filter(pk__in=ids)) if ids else []
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
