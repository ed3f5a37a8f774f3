"""people/name_branches.py: which name-ordered reads answer a search by one or two names.

The branches must hold every match, and the rank-0 and rank-1 branches only people of that rank
(the module's docstring says why). Checked here against a brute-force reading of the same rules
over invented names, without a database; tests/people/test_search.py checks the SQL against the
general query on both databases.
"""

import random
from itertools import product

import pytest

from carershub.people.matching import first_key_letter, name_key, normalise_name
from carershub.people.name_branches import EQUAL, PREFIX, Branch, both, branches, parts, read_by_first_name, read_by_last_name

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
    # Nobody's name begins "jones" with the key of "ann", nor begins "ann" with the key of "jones".
    assert Branch(given=(PREFIX, "jones"), given_key="AN") not in found
    assert Branch(family=(PREFIX, "ann"), family_key="JNS") not in found
    assert not [b for b in found if (b.given and b.given_key) or (b.family and b.family_key)]
    # Nobody's last name starts with both "ann" and "jones", nor has both keys, nor a name that
    # begins with one and the other's key: 8 of the 16 products, and 2 for each exact first name.
    assert len(found) == len(set(found)) == 12


def test_a_name_beginning_that_may_have_the_key_keeps_its_branch():
    # "c" sounds "S" or "K" by what follows, so "cath" decides nothing of "SR" (Sara); "jo" may
    # be "JN" (Jon) or not (Jo), a question for the database.
    assert Branch(given=(PREFIX, "cath"), given_key="SR") in branches(["cath", "sara"], [name_key("cath"), "SR"])
    assert Branch(given=(PREFIX, "jo"), given_key="JN") in branches(["jo", "jon"], [name_key("jo"), "JN"])


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


# ---------------------------------------------------------------------------
# The first letter of a key, from a name's first letters (matching.first_key_letter)
# ---------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _decided_beginnings():
    """The shortest beginnings first_key_letter decides: one letter, two, or "tc" and a third."""
    found = []
    for a in _LETTERS:
        if first_key_letter(a) is not None:
            found.append(a)
            continue
        for b in _LETTERS:
            if first_key_letter(a + b) is not None:
                found.append(a + b)
                continue
            found += [a + b + c for c in _LETTERS if first_key_letter(a + b + c) is not None]
    return found


def test_the_first_letter_of_a_key_is_decided_by_the_names_beginning_whatever_follows():
    """Every name that begins with a decided beginning has a key starting with its letter: followed
    by every letter and pair of letters, and by a few thousand longer endings, spaces, hyphens and
    apostrophes among them (a second name, "Smith-Jones", "O'Brien"), and by real names."""
    beginnings = _decided_beginnings()
    assert len(beginnings) > 100
    rng = random.Random(7)
    endings = ["", *_LETTERS, *("".join(pair) for pair in product(_LETTERS, repeat=2))]
    endings += ["".join(rng.choice(_LETTERS + "  -'hgh") for _ in range(rng.randint(3, 9))) for _ in range(600)]
    endings += [" " + name for name in NAMES] + ["ghe", "ghghe", "chr", "tch", "sch", "x"]
    for beginning in beginnings:
        letter = first_key_letter(beginning)
        for ending in endings:
            name = beginning + ending
            assert name_key(name)[:1] == letter, (beginning, name, name_key(name))
            assert first_key_letter(normalise_name(name)) == letter, "a longer beginning says the same"


@pytest.mark.parametrize("beginning", ["c", "ce", "cg", "cgh", "g", "gh", "p", "ps", "x", "y", "yv", "d", "k", "s", "t", "tc", "w", "", "'", "ø", "1"])
def test_beginnings_that_decide_nothing_say_none(beginning):
    assert first_key_letter(beginning) is None


def test_why_c_and_g_decide_nothing():
    # A silent "gh" brings what follows it next to the first letter, however far away.
    assert name_key("cghe")[:1] != name_key("cgha")[:1]
    assert name_key("gghghi")[:1] != name_key("gghgha")[:1]


# ---------------------------------------------------------------------------
# Which branches are read one last name at a time (name_branches.read_by_last_name)
# ---------------------------------------------------------------------------


def test_a_first_name_condition_after_a_last_name_beginning_or_key_is_read_by_last_name():
    by_last_name = {b: read_by_last_name(b) for b in branches(["ann", "jones"], ["AN", "JNS"])}

    assert by_last_name[Branch(family=(PREFIX, "jones"), given=(PREFIX, "ann"))]
    assert by_last_name[Branch(given=(PREFIX, "jones"), family_key="AN")]
    assert by_last_name[Branch(given=(EQUAL, "jones"), family_key="AN")]
    # Already one narrow range of an index: the exact first name's own, the keys', a key then a last name.
    assert not by_last_name[Branch(family=(PREFIX, "jones"), given=(EQUAL, "ann"))]
    assert not by_last_name[Branch(family_key="JNS", given_key="AN")]
    assert not by_last_name[Branch(family=(PREFIX, "jones"), given_key="AN")]


def test_a_lone_name_and_a_first_name_key_are_left_to_the_database():
    assert not [b for b in branches(["jon"], ["JN"]) if read_by_last_name(b)]
    # Every last name among the people of one first-name key is most last names.
    assert not read_by_last_name(Branch(given=(PREFIX, "cath"), given_key="SR"))
    assert not read_by_last_name(Branch(family=(PREFIX, "cath"), given=(PREFIX, "s"), given_key="SR"))


def test_a_first_name_beginning_with_the_other_names_key_is_read_by_first_name():
    # "jones" and "jon" both begin "J": the key's first letter does not leave the branch out.
    found = branches(["jon", "jones"], ["JN", "JNS"])
    by_first_name = [b for b in found if read_by_first_name(b)]

    assert by_first_name == [Branch(given=(PREFIX, "jon"), given_key="JNS"), Branch(given=(PREFIX, "jones"), given_key="JN")]
    assert not [b for b in by_first_name if read_by_last_name(b)]
    assert not [b for b in branches(["jon"], ["JN"]) if read_by_first_name(b)]


def test_a_letter_that_is_not_a_to_z_after_the_first_decides_nothing():
    # The key is made of a-z letters only, so "søh" is keyed as "sh" ("X"), "dλg" as "dg" ("J"):
    # a beginning whose second or third letter is anything else tells nothing of what follows it.
    for beginning in ("sø", "dλ", "k1", "wé", "tcø", "tλ"):
        assert first_key_letter(beginning) is None, beginning
    for first, second in product(_LETTERS, "øλ1"):
        for rest in ("", *_LETTERS, "ch", "gh"):
            name = first + second + rest
            assert first_key_letter(name) in (None, name_key(name)[:1]), name
