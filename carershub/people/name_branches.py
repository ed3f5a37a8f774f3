"""Which index reads answer a search by one or two names, each stopping after a page: pure Python.

people/search.py lists people best match first: the full name as typed, then people with one of
the names exactly, then the other matches; each group in name order. A person matches a name
when their family or given name starts with it, or their family or given sound-alike key is the
name's key; with two names they must match both. Read that way, every match is read and sorted
to show 25 of them: at five million people, "ann jones" read 12,000 rows scattered over the
table.

Instead the search is a union of *branches*. A branch is a few conditions that can all be
answered from one index kept in name order (people/0005, 0007), so the database reads the
branch's rows already in page order and stops after enough of them. This module says which
branches, as data; search.py writes them as SQL.

Why the page is always among the branches' rows. The result is ordered by (rank, name), with
rank 0 for the full name, 1 for an exact name, 2 for the rest, and the name order is last name,
first name, id. Take the person at place p <= n of the result, of rank r. If some branch holds
them, and everyone before them in that branch has rank r or better, then everyone before them
in the branch is before them in the result too; so their place in the branch is at most p, and
a branch cut after n rows still holds them. So it is enough that:

- every match is in some branch: every match meets one of the four parts of each name, so the
  products of the names' parts hold them all. Those of rank 2 are then covered (everybody is
  of rank 2 or better).
- someone whose *last* name is exactly one of the names (rank 1, or 0 for the full name) is in
  the branch "last name starts with it" and the other name's part they meet. Before them there
  come only people whose last name is that name too (a longer name sorts after its own
  beginning), so of rank 1 or better; and for the full name, only people of the same full name
  (their first name starts with the other name and sorts no later than it, so it is that name).
  The products cover them already.
- someone whose *first* name is exactly one of the names (rank 1) can come after many others
  in a product branch, since the order is by last name first. A branch "first name is that
  name", with the other name's parts, holds them and only people of rank 1 or better.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import product

from carershub.people.matching import first_key_letter, name_key

EQUAL, PREFIX = "equal", "prefix"
# Two names at most: a full name of three or more words splits more ways (search._rank), and
# the branches would multiply by four for each name. Longer searches use the general query.
MAX_NAMES = 2


@dataclass(frozen=True)
class Branch:
    """Conditions that must all hold. A name column holds (EQUAL or PREFIX, text); a key column its key."""

    family: tuple[str, str] | None = None
    given: tuple[str, str] | None = None
    family_key: str | None = None
    given_key: str | None = None


def _both_names(one, other):
    """The condition on one name column that means both ``one`` and ``other``; False if none can."""
    if one is None or other is None:
        return one or other
    (kind_a, a), (kind_b, b) = one, other
    if kind_a == EQUAL and kind_b == EQUAL:
        return one if a == b else False
    if kind_a == EQUAL:
        return one if a.startswith(b) else False
    if kind_b == EQUAL:
        return other if b.startswith(a) else False
    if a.startswith(b):
        return one
    if b.startswith(a):
        return other
    return False


def _both_keys(one, other):
    if one is None or other is None:
        return one or other
    return one if one == other else False


def both(a: Branch, b: Branch) -> Branch | None:
    """A branch of the rows that meet ``a`` and ``b``; None when no row can (two different keys, say)."""
    family, given = _both_names(a.family, b.family), _both_names(a.given, b.given)
    family_key, given_key = _both_keys(a.family_key, b.family_key), _both_keys(a.given_key, b.given_key)
    if False in (family, given, family_key, given_key):
        return None
    return Branch(family, given, family_key, given_key)


def parts(name: str, key: str) -> list[Branch]:
    """The four ways a person matches one name: either name starts with it, or either key is its key."""
    found = [Branch(family=(PREFIX, name)), Branch(given=(PREFIX, name))]
    if key:
        found += [Branch(family_key=key), Branch(given_key=key)]
    return found


def _settled(branch: Branch) -> Branch | None:
    """The branch without a key its exact name already decides; None if its name cannot have its key.

    A person's keys are worked out from their names on every save (Person.refresh_search_keys),
    so someone whose first name is exactly "jones" has the key of "jones". "First name is 'jones'
    and first-name key 'AN'" holds nobody, and the database would have looked for them through
    every "AN" (a fifth of a million people at five million).

    Nor does "first name begins 'jones' and first-name key 'AN'": every such key begins "J"
    (matching.first_key_letter). The database cannot know that when it plans the search once for
    every search of its shape (a prepared statement's generic plan), so it read every "AN" in name
    order to find nobody: 2.2 ms of a search for "ann jones" at a million people, and five times
    that at five million.
    """
    for name_field, key_field in (("family", "family_key"), ("given", "given_key")):
        condition, key = getattr(branch, name_field), getattr(branch, key_field)
        if condition is None or key is None:
            continue
        kind, text = condition
        if kind == EQUAL:
            if name_key(text) != key:
                return None
            branch = replace(branch, **{key_field: None})
        elif first_key_letter(text) not in (None, key[:1]):
            return None
    return branch


def _all_of(groups: list[list[Branch]]) -> list[Branch]:
    """A branch for each way of taking one branch from every group, those that can hold a row."""
    found = []
    for chosen in product(*groups):
        combined = Branch()
        for branch in chosen:
            combined = both(combined, branch)
            if combined is None:
                break
        if combined is not None:
            combined = _settled(combined)
        if combined is not None:
            found.append(combined)
    return found


def branches(names: list[str], keys: list[str]) -> list[Branch]:
    """The branches for a search of these names (one or two, in normalise_name's form, no spaces).

    In a fixed order, each once. ``keys`` are the names' sound-alike keys ("" for none).
    """
    if not 1 <= len(names) <= MAX_NAMES or len(keys) != len(names):
        raise ValueError("one or two names, each with its key")
    if any(not name or " " in name for name in names):
        raise ValueError("a name with a space can equal a whole name: the general query answers it")
    each = [parts(name, key) for name, key in zip(names, keys)]
    found = _all_of(each)  # every match, and those whose last name is a name exactly
    for i, name in enumerate(names):  # a first name exactly, and the other names matched
        found += _all_of([[Branch(given=(EQUAL, name))], *each[:i], *each[i + 1 :]])
    return list(dict.fromkeys(found))


def read_by_last_name(branch: Branch) -> bool:
    """Whether to read the branch one last name at a time, each a narrow range of an index.

    A branch is read from an index in name order (last name, first name, id), after any keys it
    fixes (people/0005, 0007). A condition on the first name narrows nothing there, since the first
    name comes after the last name: the database reads every row of the last names, or of the key,
    and tests the first name in each. "Last name begins 'jones', first name begins 'zeb'" read every
    Jones to find no Zebedee (4.5 ms at a million people, growing with the region); "last name
    sounds like 'ann', first name is 'jones'" read every last name that sounds like "ann". Read one
    last name at a time (people/search.py _by_last_name_sql), each last name that begins so, or has
    the key, is one step down the index, and the first-name condition is then a narrow range
    within it: the cost is the number of last names read, not of people.

    So: a condition on the first name, with a last name that begins with a name (not a first name
    exactly: that is already one range of the first-name index, people/0005), or with a last-name
    key and no last-name condition. Never with a first-name key: the last names among the people
    of one first-name key are most last names. A first name that begins with a name alone is left
    to the database: it plans that search for its own words, and read it faster than by first names.
    """
    if branch.given is None or branch.given_key is not None:
        return False
    if branch.family is not None:
        return branch.family[0] == PREFIX and branch.given[0] == PREFIX
    return branch.family_key is not None


def read_by_first_name(branch: Branch) -> bool:
    """Whether to read the branch one first name at a time: a first name that begins with one name
    and has the other name's key, the branch _settled cannot leave out ("jon jones": first name
    begins "jones", with the key of "jon", "JN").

    Read as one range, the database read every person of the key in name order ("JN" is every Jon,
    John, Jane, Joan and Jean) to find the few whose first name begins so: 18 ms for "Joan Jones" at
    five million people. A person's key is worked out from their name (Person.refresh_search_keys),
    so every person of one first name has the same key: each first name that begins so is found
    with one step down the first-name index, and its people are read only if its key is the
    branch's. The cost is the number of first names that begin so, not the people of the key.
    """
    if branch.given is None or branch.given_key is None:
        return False
    return branch == Branch(given=branch.given, given_key=branch.given_key) and branch.given[0] == PREFIX
