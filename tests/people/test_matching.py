"""Behaviour tests for carershub.people.matching (duplicate-record warnings).

All people here are made up. NHS numbers are in the never-issued 999 range.
"""

from __future__ import annotations

from datetime import date

import pytest

from carershub.people import matching
from carershub.people.matching import (
    Candidate,
    MatchResult,
    name_key,
    normalise_name,
    rank_matches,
    score_match,
    similarity,
)
from tests.conftest import imported_packages

DOB = date(1968, 4, 3)
OTHER_DOB = date(1971, 9, 22)
NHS_A = "9990000018"
NHS_B = "9990000026"


def person(
    given: str,
    family: str,
    *,
    id: object = None,
    dob: date | None = None,
    postcode: str | None = None,
    nhs: str | None = None,
) -> Candidate:
    return Candidate(
        id=id,
        given_name=given,
        family_name=family,
        date_of_birth=dob,
        postcode=postcode,
        nhs_number=nhs,
    )


def test_module_does_not_import_django():
    assert "django" not in imported_packages(matching)


# ---------------------------------------------------------------------------
# normalise_name
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  O'Brien-Smith ", "obrien smith"),
        ("O\u2019Brien", "obrien"),  # curly apostrophe from a word processor
        ("D'Arcy", "darcy"),
        ("Siân", "sian"),
        ("Llŷr", "llyr"),
        ("Zoë", "zoe"),
        ("Øyvind", "oyvind"),
        ("STRAßE", "strasse"),
        ("Mary  Ann", "mary ann"),
        ("Smith-Jones", "smith jones"),
        ("St. John", "st john"),
        ("ap Rhys", "ap rhys"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_normalise_name(raw, expected):
    assert normalise_name(raw) == expected


# ---------------------------------------------------------------------------
# name_key
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ("Smith", "Smyth", "Smithe", "SMITH", " smith "),
        ("Jon", "John"),
        ("Catherine", "Katherine", "Kathryn", "Cathryn", "Katharine"),
        ("Stephen", "Steven"),
        ("MacDonald", "McDonald", "Mac Donald"),
        ("Thompson", "Thomson"),
        ("Phillips", "Philips"),
        ("Davies", "Davis"),
        ("Rhys", "Reece"),
        ("Christopher", "Kristopher"),
        ("Elizabeth", "Elisabeth"),
        ("Gemma", "Jemma"),
        ("Pritchard", "Prichard"),
        ("Smith-Jones", "Smith Jones", "smithjones"),
        ("O'Brien", "OBrien", "O\u2019Brien"),
        ("Siân", "Sian"),
    ],
)
def test_spelling_variants_share_a_key(names):
    keys = {name_key(n) for n in names}
    assert len(keys) == 1, dict(zip(names, map(name_key, names)))
    assert keys.pop() != ""


@pytest.mark.parametrize(
    "a, b",
    [
        ("Smith", "Jones"),
        ("Catherine", "Caroline"),
        ("Morgan", "Martin"),
        ("Evans", "Owens"),
        ("Lloyd", "Floyd"),
        ("Pritchard", "Pritchett"),
    ],
)
def test_different_names_get_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_key_is_upper_case_ascii_suitable_for_an_index():
    for name in ("Catherine", "O'Brien-Smith", "Siân", "Øyvind", "Llŷr ap Rhys"):
        key = name_key(name)
        assert key.isascii() and key.isalpha() and key.isupper(), (name, key)


@pytest.mark.parametrize("name", ["", "   ", "'-", "李", "1234"])
def test_names_without_latin_letters_have_an_empty_key(name):
    assert name_key(name) == ""


# ---------------------------------------------------------------------------
# similarity
# ---------------------------------------------------------------------------


def test_identical_names_score_one_regardless_of_case_accents_and_punctuation():
    assert similarity("Siân", "SIAN") == 1.0
    assert similarity("O'Brien", "obrien") == 1.0
    assert similarity("Mc Donald", "McDonald") == 1.0


def test_known_jaro_winkler_values():
    # Textbook examples from Winkler's papers.
    assert similarity("MARTHA", "MARHTA") == pytest.approx(0.961, abs=0.001)
    assert similarity("DWAYNE", "DUANE") == pytest.approx(0.84, abs=0.001)
    assert similarity("DIXON", "DICKSONX") == pytest.approx(0.813, abs=0.001)


def test_similarity_is_symmetric_and_bounded():
    pairs = [("Jon", "John"), ("Catherine", "Kathryn"), ("Rhiannon", "Bethan"), ("A", "Ab")]
    for a, b in pairs:
        assert similarity(a, b) == pytest.approx(similarity(b, a))
        assert 0.0 <= similarity(a, b) <= 1.0


def test_closer_spellings_score_higher():
    assert similarity("Jon", "John") > similarity("Jon", "Jane")
    assert similarity("Pritchard", "Prichard") > similarity("Pritchard", "Richards")


def test_completely_different_names_score_zero():
    assert similarity("Ann", "Bob") == 0.0


def test_empty_names_score_zero():
    assert similarity("", "") == 0.0
    assert similarity("Alys", "") == 0.0


# ---------------------------------------------------------------------------
# score_match: NHS number
# ---------------------------------------------------------------------------


def test_same_nhs_number_is_certain_even_with_different_details():
    new = person("Alys", "Bevan", nhs="999 000 0018", dob=DOB)
    existing = person("Alice", "Griffiths", nhs=NHS_A, dob=OTHER_DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result == MatchResult(strength="certain", reasons=["same_nhs_number"], score=result.score)


def test_certain_match_lists_every_agreeing_fact_in_a_fixed_order():
    new = person("Alys", "Bevan", nhs=NHS_A, dob=DOB, postcode="cf371aa")
    existing = person("Alys", "Bevan", nhs=NHS_A, dob=DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "certain"
    assert result.reasons == [
        "same_nhs_number",
        "similar_name",
        "same_date_of_birth",
        "same_postcode",
    ]
    assert result.score == 1.0


def test_different_nhs_numbers_are_never_a_match():
    new = person("Alys", "Bevan", nhs=NHS_A, dob=DOB, postcode="CF37 1AA")
    existing = person("Alys", "Bevan", nhs=NHS_B, dob=DOB, postcode="CF37 1AA")
    assert score_match(new, existing) is None


def test_nhs_number_on_one_side_only_does_not_block_a_match():
    new = person("Alys", "Bevan", nhs=NHS_A, dob=DOB)
    existing = person("Alys", "Bevan", dob=DOB)
    assert score_match(new, existing).strength == "likely"
    assert score_match(existing, new).strength == "likely"


# ---------------------------------------------------------------------------
# score_match: likely
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "new_given, new_family, old_given, old_family",
    [
        ("Gethin", "Smith", "Gethin", "Smyth"),  # phonetic family name
        ("Jon", "Howells", "John", "Howells"),  # close given name
        ("Catherine", "Bowen", "Kathryn", "Bowen"),  # phonetic given name
        ("Chris", "Pugh", "Christine", "Pugh"),  # short form is a prefix
        ("Bill", "Rowlands", "William", "Rowlands"),  # nickname table
        ("Dave", "Rowlands", "David", "Rowlands"),
        ("Rhiannon", "Prichard", "Rhiannon", "Pritchard"),  # typo
        ("Megan", "Smith-Jones", "Megan", "Jones"),  # double-barrelled after marriage
        ("Morgan", "Rhiannon", "Rhiannon", "Morgan"),  # given and family swapped
        ("Siân", "O'Brien", "Sian", "OBrien"),  # accents and punctuation
    ],
)
def test_similar_name_and_same_date_of_birth_is_likely(new_given, new_family, old_given, old_family):
    new = person(new_given, new_family, dob=DOB, postcode="CF37 1AA")
    existing = person(old_given, old_family, dob=DOB, postcode="SA1 1AA")  # moved house
    result = score_match(new, existing)
    assert result is not None
    assert result.strength == "likely"
    assert result.reasons == ["similar_name", "same_date_of_birth"]


def test_similar_name_and_same_postcode_with_unknown_date_of_birth_is_likely():
    new = person("Gethin", "Smith", postcode="cf371aa")
    existing = person("Gethin", "Smyth", dob=DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "likely"
    assert result.reasons == ["similar_name", "same_postcode"]


def test_similar_name_date_of_birth_and_postcode_gives_all_reasons():
    new = person("Gethin", "Smith", dob=DOB, postcode="CF37 1AA")
    existing = person("Gethin", "Smith", dob=DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "likely"
    assert result.reasons == ["similar_name", "same_date_of_birth", "same_postcode"]


# ---------------------------------------------------------------------------
# score_match: possible
# ---------------------------------------------------------------------------


def test_same_name_and_address_but_different_birth_date_is_only_possible():
    # A parent and child with the same name at home, or a mistyped date.
    new = person("Gethin", "Smith", dob=DOB, postcode="CF37 1AA")
    existing = person("Gethin", "Smith", dob=OTHER_DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "possible"
    assert result.reasons == ["similar_name", "same_postcode"]


def test_similar_name_with_nothing_contradicting_is_possible():
    new = person("Gethin", "Smith")
    existing = person("Gethin", "Smyth", dob=DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "possible"
    assert result.reasons == ["similar_name"]


def test_similar_name_unknown_birth_date_different_postcode_is_possible():
    new = person("Gethin", "Smith", postcode="SA1 1AA")
    existing = person("Gethin", "Smith", dob=DOB, postcode="CF37 1AA")
    assert score_match(new, existing).strength == "possible"


def test_twins_same_family_name_and_birth_date_are_possible():
    new = person("Dylan", "Pritchard", dob=DOB, postcode="CF37 1AA")
    existing = person("Megan", "Pritchard", dob=DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "possible"
    assert result.reasons == ["similar_family_name", "same_date_of_birth", "same_postcode"]


def test_family_name_phonetic_key_and_birth_date_is_possible():
    new = person("Dylan", "Smyth", dob=DOB)
    existing = person("Megan", "Smith", dob=DOB)
    result = score_match(new, existing)
    assert result.strength == "possible"
    assert result.reasons == ["similar_family_name", "same_date_of_birth"]


def test_same_birth_date_and_postcode_after_a_name_change_is_possible():
    new = person("Alys", "Griffiths", dob=DOB, postcode="CF37 1AA")
    existing = person("Alys", "Bevan", dob=DOB, postcode="CF37 1AA")
    result = score_match(new, existing)
    assert result.strength == "possible"
    assert result.reasons == ["same_date_of_birth", "same_postcode"]


# ---------------------------------------------------------------------------
# score_match: not a match
# ---------------------------------------------------------------------------


def test_similar_name_but_different_birth_date_and_postcode_is_not_a_match():
    new = person("Gethin", "Smith", dob=DOB, postcode="SA1 1AA")
    existing = person("Gethin", "Smith", dob=OTHER_DOB, postcode="CF37 1AA")
    assert score_match(new, existing) is None


def test_couple_at_same_address_with_close_given_names_is_not_a_match():
    # John and Joan: one letter apart, but different people. Carers often
    # share an address and family name with the person they care for.
    new = person("John", "Howells", dob=DOB, postcode="CF37 1AA")
    existing = person("Joan", "Howells", dob=OTHER_DOB, postcode="CF37 1AA")
    assert score_match(new, existing) is None


def test_mark_and_mary_are_not_the_same_given_name():
    new = person("Mark", "Howells", dob=DOB, postcode="CF37 1AA")
    existing = person("Mary", "Howells", dob=OTHER_DOB, postcode="CF37 1AA")
    assert score_match(new, existing) is None


def test_shared_name_particle_is_not_a_similar_family_name():
    new = person("Ana", "de Souza", dob=DOB)
    existing = person("Tomas", "de Silva", dob=DOB)
    assert score_match(new, existing) is None


def test_two_letter_prefix_is_not_enough_for_a_given_name():
    existing = person("Alison", "Howells", dob=OTHER_DOB, postcode="CF37 1AA")
    assert score_match(person("Al", "Howells", postcode="CF37 1AA"), existing) is None
    # ...while three letters is enough.
    assert score_match(person("Ali", "Howells", postcode="CF37 1AA"), existing).strength == "likely"


@pytest.mark.parametrize(
    "new",
    [
        person("Dylan", "Pritchard", dob=DOB),  # only the birth date in common
        person("Dylan", "Pritchard", postcode="CF37 1AA"),  # only the postcode
        person("Dylan", "Pritchard", dob=DOB, postcode="SA1 1AA"),
    ],
)
def test_unrelated_people_sharing_one_detail_are_not_a_match(new):
    existing = person("Alys", "Bevan", dob=DOB, postcode="CF37 1AA")
    assert score_match(new, existing) is None


def test_empty_names_do_not_count_as_similar():
    new = person("", "", dob=DOB)
    existing = person("", "", dob=DOB)
    assert score_match(new, existing) is None


def test_invalid_legacy_postcodes_still_compare_ignoring_case_and_spaces():
    new = person("Gethin", "Smith", postcode="cf37 zzz")
    existing = person("Gethin", "Smith", postcode="CF37ZZZ")
    assert score_match(new, existing).reasons == ["similar_name", "same_postcode"]


# ---------------------------------------------------------------------------
# rank_matches
# ---------------------------------------------------------------------------


def test_rank_matches_orders_strongest_first_and_drops_non_matches():
    new = person("Gethin", "Smith", nhs=NHS_A, dob=DOB, postcode="CF37 1AA")
    possible = person("Gethin", "Smith", id="possible", dob=OTHER_DOB, postcode="CF37 1AA")
    unrelated = person("Alys", "Bevan", id="unrelated", dob=OTHER_DOB)
    likely = person("Gethin", "Smyth", id="likely", dob=DOB)
    certain = person("G", "Smith", id="certain", nhs="999 000 0018")
    ranked = rank_matches(new, [possible, unrelated, likely, certain])
    assert [(c.id, r.strength) for c, r in ranked] == [
        ("certain", "certain"),
        ("likely", "likely"),
        ("possible", "possible"),
    ]


def test_rank_matches_prefers_more_reasons_then_closer_names_within_a_strength():
    new = person("Gethin", "Smith", dob=DOB, postcode="CF37 1AA")
    dob_only = person("Gethin", "Smyth", id="dob-only-smyth", dob=DOB)
    dob_only_exact = person("Gethin", "Smith", id="dob-only-smith", dob=DOB)
    dob_and_postcode = person("Gethin", "Smyth", id="dob-and-postcode", dob=DOB, postcode="CF37 1AA")
    ranked = rank_matches(new, [dob_only, dob_only_exact, dob_and_postcode])
    assert [c.id for c, _ in ranked] == ["dob-and-postcode", "dob-only-smith", "dob-only-smyth"]
    assert all(r.strength == "likely" for _, r in ranked)


def test_rank_matches_skips_the_record_itself_when_editing():
    me = person("Gethin", "Smith", id=42, dob=DOB)
    other = person("Gethin", "Smith", id=43, dob=DOB)
    assert [c.id for c, _ in rank_matches(me, [me, other])] == [43]


def test_rank_matches_with_no_id_does_not_skip_candidates_without_id():
    new = person("Gethin", "Smith", dob=DOB)
    assert len(rank_matches(new, [person("Gethin", "Smith", dob=DOB)])) == 1


def test_rank_matches_accepts_any_iterable_and_empty_input():
    new = person("Gethin", "Smith", dob=DOB)
    assert rank_matches(new, []) == []
    assert len(rank_matches(new, (c for c in [person("Gethin", "Smith", dob=DOB)]))) == 1
