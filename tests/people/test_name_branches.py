"""people/name_branches.py: which name-ordered reads answer a search by one or two names.

The branches must hold every match, and the rank-0 and rank-1 branches only people of that rank
(the module's docstring says why). Checked here against a brute-force reading of the same rules
over invented names, without a database; tests/people/test_search.py checks the SQL against the
general query on both databases.
"""

from itertools import product

import pytest

from carershub.people.matching import name_key, normalise_name
from carershub.people.name_branches import EQUAL, PREFIX, Branch, both, branches, parts

NAMES = ["ann", "anne", "annwyl", "jones", "jonas", "jon", "john", "joan", "smith", "smyth", "sian", "sean", "j", "a"]


def _holds(branch: Branch, given: str, family: str) -> bool:
    for condition, value in ((branch.family, family), (branch.given, given)):
        if condition is not None:
            kind, text = condition
            if (kind == EQUAL and value != text) or (kind == PREFIX and not value.startswith(text)):
                return False
    if branch.family_key is not None and name_key(family) != branch.family_key:
        return False
    return branch.given_key is None or name_key(given) == branch.given_key


def _matches(names, given, family):
    return all(
        given.startswith(n) or family.startswith(n) or (name_key(n) and name_key(n) in (name_key(given), name_key(family)))
        for n in names
    )


def _rank(names, given, family):
    if len(names) == 2 and {(given, family)} & {(names[0], names[1]), (names[1], names[0])}:
        return 0
    return 1 if given in names or family in names else 2


PEOPLE = [(given, family) for given, family in product(NAMES, repeat=2)]
SEARCHES = [[a] for a in NAMES] + [[a, b] for a, b in product(["ann", "jon", "smith", "j", "anne", "sean"], NAMES)]


@pytest.mark.parametrize("names", SEARCHES, ids=" ".join)
def test_the_branches_hold_every_match_and_each_rank_has_branches_of_its_own(names):
    keys = [name_key(n) for n in names]
    found = branches(names, keys)

    for given, family in PEOPLE:
        holding = [b for b in found if _holds(b, given, family)]
        if not _matches(names, given, family):
            assert not holding, (given, family, holding)
            continue
        rank = _rank(names, given, family)
        # Some branch holds them in which everybody before them (last name, then first) is of
        # their rank or better.
        assert any(
            all(
                _rank(names, g, f) <= rank
                for g, f in PEOPLE
                if _holds(b, g, f) and _matches(names, g, f) and (f, g) < (family, given)
            )
            for b in holding
        ), (given, family, rank)


def test_one_name_reads_its_four_parts_and_the_exact_first_name():
    found = branches(["jon"], ["JN"])

    assert found == [
        Branch(family=(PREFIX, "jon")), Branch(given=(PREFIX, "jon")), Branch(family_key="JN"), Branch(given_key="JN"),
        Branch(given=(EQUAL, "jon")),
    ]


def test_two_names_leave_out_what_no_row_can_meet():
    found = branches(["ann", "jones"], ["AN", "JNS"])

    assert Branch(family_key="JNS", given_key="AN") in found
    assert Branch(family=(PREFIX, "jones"), given=(EQUAL, "ann")) in found, "an exact first name"
    assert not [b for b in found if b.family_key and b.family_key not in ("AN", "JNS")]
    # Nobody's first name is exactly "ann" with the key of "jones", nor the other way round.
    assert Branch(given=(EQUAL, "jones"), given_key="AN") not in found
    assert not [b for b in found if b.given and b.given[0] == EQUAL and b.given_key]
    # Nobody's last name starts with both "ann" and "jones", nor has both keys: 12 of the 16
    # products, and 2 for each exact first name.
    assert len(found) == len(set(found)) == 16


def test_combining_conditions():
    assert both(Branch(family=(PREFIX, "jon")), Branch(family=(PREFIX, "jones"))) == Branch(family=(PREFIX, "jones"))
    assert both(Branch(family=(PREFIX, "ann")), Branch(family=(PREFIX, "jones"))) is None
    assert both(Branch(family=(EQUAL, "jones")), Branch(family=(PREFIX, "jon"))) == Branch(family=(EQUAL, "jones"))
    assert both(Branch(family=(EQUAL, "jon")), Branch(family=(PREFIX, "jones"))) is None
    assert both(Branch(family=(EQUAL, "jon")), Branch(family=(EQUAL, "jon"))) == Branch(family=(EQUAL, "jon"))
    assert both(Branch(family_key="JN"), Branch(family_key="JNS")) is None
    assert both(Branch(family_key="JN"), Branch(given_key="JNS")) == Branch(family_key="JN", given_key="JNS")
    assert parts("x", "") == [Branch(family=(PREFIX, "x")), Branch(given=(PREFIX, "x"))], "no key, no key branches"


@pytest.mark.parametrize("names", [[], ["a", "b", "c"], ["smith jones"], [""]])
def test_what_the_branches_cannot_answer_is_refused(names):
    with pytest.raises(ValueError):
        branches(names, [normalise_name(n) for n in names])


@pytest.mark.parametrize(
    "written", ["Siân", "O'Brien", "Smith-Jones", "Straße", "ØYSTEIN", "Mc Donald", "  Jón  ", "d'Arcy", "Ŵyn", "李", "Iñigo"]
)
def test_a_name_in_its_search_form_has_the_key_of_the_name_as_written(written):
    # What _settled relies on: a person's key is name_key(the name as written), while a branch knows
    # the name in its search form. Were these ever to differ, "first name is X" would drop people.
    assert name_key(normalise_name(written)) == name_key(written)
    assert normalise_name(normalise_name(written)) == normalise_name(written)
