"""Find people fast: every condition below is served by an index on Person.

Results come best match first: the full name as typed ("ann smith", either way round), then
anybody whose first or last name is exactly a name typed ("Dafydd" before the Davids its
sound-alike key also finds), then everybody else the search matched; within each, name order.
Names are compared in their search form (people/matching.py normalise_name: case and accents
folded, apostrophes dropped), the form search_terms gives what was typed.

Cost: the general query reads and sorts every match to take a page, so it costs what the
number of matches costs. One or two names across the region instead read a page from each of
a few name-ordered indexes (decision 23, extended to two names by decision 57; see
_name_order_ids and people/name_branches.py), at a cost that does not grow with the region.
"""

from django.db import connections
from django.db.models import Case, CharField, F, Func, IntegerField, Q, Value, When
from django.db.models.lookups import Exact

from carershub.core.queries import Prepared
from carershub.people import name_branches
from carershub.people.models import CarerProfile, Person
from carershub.people.search_terms import SearchTerms

PAGE_SIZE = 25
# A postcode's district, "MR4" of "MR4 6HX", as the district index (people/0008) is written.
_DISTRICT = Func(F("postcode"), Value(" "), Value(1), function="split_part", output_field=CharField())


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
    or one written "Smith-Jones"); _name_order_ids relies on that. Case and accents need no
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
        if vendor == "postgresql":
            # Implied by the line above; said again in the words of the district index (people/0008)
            # so a narrower scope's search (a partner's, a contact's link) reads the district from it.
            query &= Q(Exact(_DISTRICT, terms.postcode_outward))
    for name, key in zip(terms.names, terms.name_keys):
        query &= _name_condition(name, key, vendor)
    rank = _rank(terms.names)
    order = ([rank] if rank is not None else []) + ["search_family", "search_given", "pk"]
    results = visible.filter(query).order_by(*order)
    results._carershub_searched = True  # first_page then reads the page's rows by id, as SearchResults (below)
    # For first_page's short way with one or two names (below): only on this very queryset (a further
    # filter or slice makes a copy without it), and only when the scope is everybody.
    results._carershub_terms = terms if not visible.query.where and not visible.query.is_sliced else None
    return results


# One or two names across the region ("jon", "ann jones") are answered as a union of branches,
# each read from an index in name order (people/0005, 0007) and cut after enough rows for the
# page (people/name_branches.py says which branches, and why the page is always among them).
# The indexes and this query compare by code point ("C"); the general query sorts by the
# database's collation, so this is used only where the two agree (_sorts_by_code_point).
_NAME_ORDER = 'search_family COLLATE "C", search_given COLLATE "C", id'
_COLUMNS = {"family": "search_family", "given": "search_given"}


def _branch_sql(branch: name_branches.Branch, params: list, enough: int) -> str:
    """The branch's first ``enough`` rows in name order, as a parenthesised SELECT."""
    if name_branches.read_by_last_name(branch):
        return _by_last_name_sql(branch, params, enough)
    if name_branches.read_by_first_name(branch):
        return _by_first_name_sql(branch, params, enough)
    where = _conditions(branch, params)
    params.append(enough)
    return (
        f"(SELECT id, search_family, search_given FROM people_person WHERE {' AND '.join(where)}"
        f" ORDER BY {_NAME_ORDER} LIMIT %s)"
    )


def _conditions(branch: name_branches.Branch, params: list) -> list[str]:
    conditions = []
    for field, column in _COLUMNS.items():
        condition = getattr(branch, field)
        if condition is None:
            continue
        kind, text = condition
        if kind == name_branches.EQUAL:
            conditions.append(f'{column} COLLATE "C" = %s')
            params.append(text)
        else:
            conditions.append(f'{column} COLLATE "C" >= %s AND {column} COLLATE "C" < %s')
            params += [text, _after(text)]
    for field in ("family_key", "given_key"):
        if getattr(branch, field) is not None:
            conditions.append(f"{field} = %s")
            params.append(getattr(branch, field))
    return conditions


def _after(beginning: str) -> str:
    """The first text after every text that begins with ``beginning`` (code point order)."""
    return beginning[:-1] + chr(ord(beginning[-1]) + 1)


def _by_last_name_sql(branch: name_branches.Branch, params: list, enough: int) -> str:
    """The branch's first ``enough`` rows, read one last name at a time (name_branches.read_by_last_name).

    Each last name is found with one step down an index: the first one, then the next after it, and
    so on, in a recursive query. The last names come in page order, so it stops when those found so
    far hold ``enough`` of the branch's people (or there is no next one). Then at most ``enough``
    people of each of those last names are read, in first-name order, and the first ``enough`` of
    all of them taken: anybody among the branch's first ``enough`` is among the first ``enough`` of
    their own last name, and that last name is no later than the one that made ``enough``.
    """
    column = 'search_family COLLATE "C"'
    keys = [key for key in ("family_key", "given_key") if getattr(branch, key) is not None]
    fixed = [f"{key} = %s" for key in keys]
    fixed_values = [getattr(branch, key) for key in keys]
    # Stepping: the keys the branch fixes, and the last name's beginning if it has one.
    first_where, first_values = list(fixed), list(fixed_values)
    next_where, next_values = list(fixed), list(fixed_values)
    if branch.family is not None:
        beginning = branch.family[1]
        first_where.append(f"{column} >= %s AND {column} < %s")
        first_values += [beginning, _after(beginning)]
        next_where.append(f"{column} < %s")
        next_values.append(_after(beginning))
    # Within one last name: the keys again, and the first-name condition.
    within_values: list = []
    first_name = _conditions(name_branches.Branch(given=branch.given), within_values)
    within = " AND ".join([*fixed, f"{column} = {{name}}", *first_name])
    of_name = fixed_values + within_values

    def found(name: str) -> str:  # how many of the last name's people the branch holds, up to enough
        return f"(SELECT count(*) FROM (SELECT FROM people_person WHERE {within.format(name=name)} LIMIT %s) AS held)"

    params += [*of_name, enough, *first_values, *of_name, enough, *next_values, enough, *of_name, enough, enough]
    return f"""(WITH RECURSIVE names(name, found) AS (
    SELECT first.name, {found("first.name")}
      FROM (SELECT {column} AS name FROM people_person WHERE {' AND '.join(first_where)}
             ORDER BY {column} LIMIT 1) AS first
    UNION ALL
    SELECT next.name, names.found + {found("next.name")}
      FROM names CROSS JOIN LATERAL (
        SELECT {column} AS name FROM people_person WHERE {' AND '.join([*next_where, f'{column} > names.name'])}
         ORDER BY {column} LIMIT 1) AS next
     WHERE names.found < %s
  )
  SELECT named.id, named.search_family, named.search_given FROM names CROSS JOIN LATERAL (
    SELECT id, search_family, search_given FROM people_person WHERE {within.format(name="names.name")}
     ORDER BY search_given COLLATE "C", id LIMIT %s
  ) AS named
  ORDER BY {_NAME_ORDER} LIMIT %s)"""


def _by_first_name_sql(branch: name_branches.Branch, params: list, enough: int) -> str:
    """People whose first name begins with one name and has a key, their first ``enough`` in name
    order, read one first name at a time (name_branches.read_by_first_name).

    The recursive query steps through the first names that begin so. For each, one of its people's
    key is compared with the branch's (every person of a first name has the same key), and only if
    it is the same are up to ``enough`` of its people read, in last-name order from the first-name
    index. The first ``enough`` of all those are the branch's: first names do not come in page
    order, so every one that begins so is stepped through.
    """
    column = 'search_given COLLATE "C"'
    beginning, key = branch.given[1], branch.given_key
    params += [beginning, _after(beginning), _after(beginning), key, key, enough, enough]
    return f"""(WITH RECURSIVE names(name) AS (
    (SELECT {column} FROM people_person WHERE {column} >= %s AND {column} < %s ORDER BY {column} LIMIT 1)
    UNION ALL
    SELECT (SELECT {column} FROM people_person WHERE {column} > names.name AND {column} < %s
             ORDER BY {column} LIMIT 1)
      FROM names WHERE names.name IS NOT NULL
  )
  SELECT named.id, named.search_family, named.search_given FROM names CROSS JOIN LATERAL (
    SELECT id, search_family, search_given FROM people_person
     WHERE {column} = names.name AND given_key = %s
       AND (SELECT one.given_key FROM people_person AS one WHERE one.{column} = names.name LIMIT 1) = %s
     ORDER BY search_family COLLATE "C", id LIMIT %s
  ) AS named
  ORDER BY {_NAME_ORDER} LIMIT %s)"""


def _rank_sql(names: list[str], params: list) -> str:
    """search._rank's order in SQL, for the branches' rows (names without spaces, one or two)."""
    in_names = ", ".join(["%s"] * len(names))
    exact = f"search_family IN ({in_names}) OR search_given IN ({in_names})"
    if len(names) == 1:
        params += names * 2
        return f"CASE WHEN {exact} THEN {EXACT_NAME} ELSE {OTHER_MATCH} END"
    first, last = names
    params += [last, first, first, last] + names * 2
    full = "(search_family = %s AND search_given = %s) OR (search_family = %s AND search_given = %s)"
    return f"CASE WHEN {full} THEN {FULL_NAME} WHEN {exact} THEN {EXACT_NAME} ELSE {OTHER_MATCH} END"


# A postcode district on its own ("MR4") from the index of districts in name order (people/0008):
# the district's people are already in page order there, so the database reads a page of it.
# The district is the postcode up to its space (postcodes are stored normalised, "MR4 6HX"); the
# LIKE is the general query's own condition, answered from the postcode the index includes.
_DISTRICT_SQL = f"""
SELECT id FROM people_person
 WHERE split_part(postcode, ' ', 1) = %s AND postcode LIKE %s
 ORDER BY {_NAME_ORDER} LIMIT %s OFFSET %s
"""


def _name_order_ids(queryset, start: int) -> list[int] | None:
    """The page's ids for a search of one or two names, or of a postcode district alone, across
    everybody, on PostgreSQL; None otherwise.

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
        or terms.nhs_number
        or terms.date_of_birth
        or terms.postcode
        or not _sorts_by_code_point(connection)
    ):
        return None
    if terms.postcode_outward and not terms.names:
        district = terms.postcode_outward
        with connection.cursor() as cursor:
            cursor.execute(_DISTRICT_SQL, [district, district + " %", PAGE_SIZE + 1, start])
            return [row[0] for row in cursor.fetchall()]
    if terms.postcode_outward or not 1 <= len(terms.names) <= name_branches.MAX_NAMES:
        return None
    if any(" " in name or ord(name[-1]) >= 0xD7FF for name in terms.names):
        # A name with a space ("smith-jones" typed alone) can equal someone's whole name, which
        # ranks first (_rank); the branches do not read those, so the general query answers it.
        # (A prefix's end needs the next character, which must exist and not be a surrogate.)
        return None
    enough = start + PAGE_SIZE + 1
    params: list = []
    union = []
    for branch in name_branches.branches(terms.names, terms.name_keys):
        union.append(_branch_sql(branch, params, enough))
    rank = _rank_sql(terms.names, params)
    params += [PAGE_SIZE + 1, start]
    sql = (
        f"SELECT id FROM ({' UNION '.join(union)}) AS matches "
        f"ORDER BY {rank}, {_NAME_ORDER} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


_CODE_POINT_COLLATIONS = {"c", "posix", "c.utf-8", "c.utf8"}


def _sorts_by_code_point(connection) -> bool:
    """Whether the database's own text order is code point order (created with C or C.UTF-8).

    Asked once per connection. A database created with a language's collation (en_GB.UTF-8)
    sorts names a little differently ("o'brien" among the "ob"s), so the name-ordered query would
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
    before sorting costs more than the sort. Then only the page's rows are read in full: for
    ``search_people``'s own queryset, as ``SearchResult`` rows (below).
    """
    start = (page - 1) * PAGE_SIZE
    ids = _name_order_ids(queryset, start)
    if ids is None:
        ids = list(queryset.values_list("pk", flat=True)[start : start + PAGE_SIZE + 1])
    if not ids:
        rows = []
    elif getattr(queryset, "_carershub_searched", False):
        # The ids are already the user's scope and the search's matches, in page order: the rows
        # are read by id alone, in a query compiled once per number of rows (decision 71). Compiling
        # the search's own conditions and order again for them cost more than both queries' time
        # in the database. A row gone since its id was read is left out, as the filter would.
        by_id = {values[0]: SearchResult(values) for values in _RESULTS_BY_ID(len(ids), *ids)}
        rows = [by_id[pk] for pk in ids if pk in by_id]
    else:
        rows = list(queryset.filter(pk__in=ids))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


# Only what a page of results shows of each person (people/search.jinja, contacts/detail.jinja) and
# what says whether the user works with them (relationships.works_with_on_record), as values in
# SearchResult's order, with no model instance per row (decision 79). A person's row has some
# thirty columns, their case worker's a dozen more (their password's hash among them): a search
# has no business holding those of 25 people.
_RESULT_VALUES = (
    "pk", "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number", "postcode", "area",
    "carer__pk", "carer__is_parent_carer", "carer__caring_ended_on", "carer__case_worker",
    "carer__case_worker__organisation",
)

_RESULTS_BY_ID = Prepared.keyed(
    lambda count, *ids: Person.objects.filter(pk__in=ids).order_by().values_list(*_RESULT_VALUES),
    name="a page of search results",
)


class SearchResult:
    """One person on a page of search results: the part of their record the page reads (decision 79).

    A page of 25 results read as Person instances (with their carer profile and case worker) spent
    most of its time making 60-odd model instances it kept for one template. This is the same row
    as values. It answers what ``PersonPresenter``, the templates, the access log and
    ``relationships.works_with_on_record`` ask of a person, in the model's own words (its
    ``display_name``, its profile's ``carer_type``); ``carer`` is missing for someone who is not a
    carer, as on the model. Anything else it does not hold is an error, not a blank cell: add it to
    ``_RESULT_VALUES`` and here.
    """

    __slots__ = ("pk", "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number", "postcode",
                 "area_id", "carer")

    full_name = Person.full_name
    display_name = Person.display_name

    def __init__(self, values):
        (self.pk, self.given_name, self.family_name, self.preferred_name, self.date_of_birth, self.nhs_number,
         self.postcode, self.area_id, carer, *profile) = values
        if carer is not None:
            self.carer = SearchResultCarer(self, *profile)

    @property
    def id(self):
        return self.pk

    def __getattr__(self, name):
        # Reached only for what the row lacks. "carer" is missing for someone who is not a carer
        # (hasattr answers False, as for the model); Python's own questions (__html__, ...) too.
        if name == "carer" or name.startswith("__"):
            raise AttributeError(name)
        raise _not_held(name)


def _not_held(name: str) -> TypeError:
    return TypeError(f"A search result holds no {name!r}: add it to people/search.py's _RESULT_VALUES")


class SearchResultCarer:
    """A search result's carer profile: what the page and ``works_with_on_record`` read of it."""

    __slots__ = ("person", "is_parent_carer", "caring_ended_on", "case_worker_id", "case_worker")

    carer_type = CarerProfile.carer_type

    def __init__(self, person, is_parent_carer, caring_ended_on, case_worker_id, case_worker_organisation_id):
        self.person, self.is_parent_carer, self.caring_ended_on = person, is_parent_carer, caring_ended_on
        self.case_worker_id = case_worker_id
        self.case_worker = None if case_worker_id is None else _CaseWorker(case_worker_id, case_worker_organisation_id)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise _not_held(f"carer.{name}")


class _CaseWorker:
    __slots__ = ("pk", "organisation_id")

    def __init__(self, pk, organisation_id):
        self.pk, self.organisation_id = pk, organisation_id
