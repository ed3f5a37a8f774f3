"""Duplicate-record matching: "tell your story once".

Before a worker creates a new person we look for records that are probably
the same person, so carers are not asked to repeat themselves and their
history is not split across records. Pure Python (no Django) so the rules are
fast to test and easy to reason about.

Intended use from the Django layer:

1. Store ``name_key(given_name)`` and ``name_key(family_name)`` in indexed
   columns when saving a person.
2. Pre-filter in the database with cheap equality tests, e.g. family key equal
   OR given key equal to the new family key (swapped names) OR same date of
   birth OR same postcode OR same NHS number. Treat an empty key as "no key":
   never match on it.
3. Build ``Candidate`` objects for those rows and call ``rank_matches``.

Results are warnings for a worker to check, never automatic merges, so the
rules lean towards showing a possible match rather than hiding one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Final, Iterable, NamedTuple

from carershub.core.ukdata import ValidationProblem, normalise_postcode

# ---------------------------------------------------------------------------
# Public constants (codes the UI translates)
# ---------------------------------------------------------------------------

CERTAIN: Final = "certain"
LIKELY: Final = "likely"
POSSIBLE: Final = "possible"
_STRENGTH_RANK: Final = {CERTAIN: 3, LIKELY: 2, POSSIBLE: 1}

SAME_NHS_NUMBER: Final = "same_nhs_number"
SIMILAR_NAME: Final = "similar_name"
# Used when only the family name is similar (e.g. twins, or a record with a
# different given name): saying "similar name" would overstate it.
SIMILAR_FAMILY_NAME: Final = "similar_family_name"
SAME_DATE_OF_BIRTH: Final = "same_date_of_birth"
SAME_POSTCODE: Final = "same_postcode"

# Jaro-Winkler thresholds, tuned on short British names: a single letter
# moves the score a lot. "John"/"Joan" (0.867) and "Mark"/"Mary" (0.883) must
# stay below the line; "Jon"/"John" (0.933) and typos such as
# "Pritchard"/"Prichard" (0.974) must stay above it. Kept separate so they
# can be tuned independently.
GIVEN_NAME_THRESHOLD: Final = 0.90
FAMILY_NAME_THRESHOLD: Final = 0.90
# Phonetic keys shorter than this ("JN" = Jon, Joan, Jean, Jane) are too
# crowded to count as evidence that two names are the same.
MIN_KEY_LENGTH: Final = 3
# "Chris" -> "Christine" counts as the same given name; "Al" -> "Alison" does not.
MIN_PREFIX_LENGTH: Final = 3


# ---------------------------------------------------------------------------
# Name normalisation
# ---------------------------------------------------------------------------

# Letters that Unicode decomposition does not split into base letter + accent.
_EXTRA_FOLDS: Final = str.maketrans(
    {"ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)
# Apostrophes join the parts ("O'Brien" -> "obrien") because people often type
# the name without one; other punctuation separates words.
_APOSTROPHES: Final = str.maketrans("", "", "'\u2019\u2018\u02bc`\u00b4")
_NON_WORD: Final = re.compile(r"[^\w]+|_+")


def normalise_name(s: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name.

    - case is folded ("ß" -> "ss") and accents removed ("Siân" -> "sian")
    - apostrophes are removed, joining the parts: "O'Brien" -> "obrien"
    - hyphens and other punctuation become spaces: "Smith-Jones" -> "smith jones"
    - runs of spaces collapse to one, with none at either end

    So "  O'Brien-Smith " -> "obrien smith". Non-Latin letters are kept as they are.
    """
    decomposed = unicodedata.normalize("NFKD", s or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = without_accents.casefold().translate(_EXTRA_FOLDS).translate(_APOSTROPHES)
    return " ".join(_NON_WORD.sub(" ", folded).split())


# ---------------------------------------------------------------------------
# Phonetic key
# ---------------------------------------------------------------------------

_VOWELS: Final = frozenset("aeiouy")
_FRONT_VOWELS: Final = frozenset("eiy")

# Spelling-to-sound rewrites, applied in order to each word. Ordering matters:
# longer patterns first ("tch" before "ch", "sch" before "ch"). Upper-case "X"
# stands for the "sh" sound; it cannot clash with letters, which are lower case.
_REWRITES: Final = (
    ("tch", "ch"),  # Hutchins / Huchins
    ("sch", "sk"),  # Schofield / Skofield
    ("ch", "X"),
    ("sh", "X"),
    ("ph", "f"),  # Stephen / Stefan, Philips / Filips
    ("dg", "j"),  # Hodge / Hoj
    ("mps", "ms"),  # Thompson / Thomson, Simpson / Simson
    ("gh", ""),  # silent in British names: Leigh, Vaughan, Hughes, Wright
)


def _word_key(word: str) -> str:
    """Key for one word of lower-case a-z letters (see name_key).

    first_key_letter says, from a name's first letters, how these rules begin its key; a search
    leaves out what that rules out. tests/people/test_name_branches.py checks the two agree, so a
    change here that it no longer describes fails there.
    """
    # Silent first letters: Knight, Gnash, Wright, Psaila.
    if word[:2] in ("kn", "gn", "pn", "wr", "ps"):
        word = word[1:]
    if word.startswith("gh"):  # protect it from the silent "gh" rule below
        word = "g" + word[2:]
    if word.startswith("chr"):  # Christopher / Kristopher
        word = "kr" + word[3:]
    if word.startswith("x"):  # Xavier
        word = "s" + word[1:]
    word = word.replace("x", "ks")
    for old, new in _REWRITES:
        word = word.replace(old, new)
    if word.endswith("mb"):  # Lamb
        word = word[:-1]

    sounds: list[str] = []
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch == "c":
            ch = "s" if nxt in _FRONT_VOWELS else "k"  # Reece / Rhys; Catherine / Katherine
        elif ch == "g" and nxt in _FRONT_VOWELS:
            ch = "j"  # Gemma / Jemma, Gillian / Jillian
        elif ch == "q":
            ch = "k"
        elif ch == "z":
            ch = "s"  # Elizabeth / Elisabeth
        elif ch == "v":
            ch = "f"  # Steven / Stephen
        elif ch == "y" and i == 0 and nxt and nxt not in _VOWELS:
            ch = "a"  # Ysabel: a leading "y" before a consonant is a vowel
        elif ch in "hw" and i > 0:
            # Not sounded after the first letter: John / Jon, Smyth / Smyt,
            # Catherine / Katrin, Lewis / Louis.
            continue
        sounds.append(ch)

    if not sounds:
        return ""
    # Keep the first sound (all leading vowels become "A": Ieuan / Iwan / Euan),
    # drop the other vowels, then collapse doubles (Phillips / Philips).
    first = "a" if sounds[0] in "aeiou" else sounds[0]
    rest = [ch for ch in sounds[1:] if ch not in _VOWELS]
    key: list[str] = []
    for ch in [first, *rest]:
        if not key or key[-1] != ch:
            key.append(ch)
    return "".join(key).upper()


def name_key(s: str) -> str:
    """A short phonetic key for pre-filtering candidates in the database.

    A "metaphone-lite" for British and Irish names: spelling rewrites (ph->f,
    c->k/s, v->f, ...), drop h and w after the first letter, keep the first
    sound, drop later vowels, collapse doubles. Each word is keyed and the keys are joined, so "Smith-Jones" and
    "Smith Jones" share a key. Examples, all verified by tests:

    - Smith, Smyth, Smithe -> "SMT"
    - Jon, John -> "JN"
    - Catherine, Katherine, Kathryn, Cathryn -> "KTRN"
    - Stephen, Steven -> "STFN"; MacDonald, McDonald -> "MKDNLD"

    Limits: it is deliberately coarse (Jon, Joan and Jane all give "JN"), so
    equal keys only mean "worth comparing". It does not catch different-sound
    spellings (Sean "SN" vs Shaun "XN"), nicknames (Bill / William), or a
    double-barrelled name against one of its parts. Names with no Latin letters
    give "" which must be treated as "no key".
    """
    words = normalise_name(s).split()
    latin_words = ("".join(ch for ch in w if "a" <= ch <= "z") for w in words)
    return "".join(_word_key(w) for w in latin_words if w)


# A key begins with the name's first sound (_word_key). For these first letters no rule of
# _word_key reads past the letter itself, so the sound is the letter's, whatever follows it:
# leading vowels are "A", q sounds "K", v "F", z "S". Letters that begin a rewrite or a silent
# pair decide their sound with the next letter or two (first_key_letter); c, g, p, x and y take
# theirs from letters that a later rule can move next to them (Cghe- sounds "S", Cgha- "K"),
# so a beginning of them decides nothing.
_OWN_FIRST_SOUND: Final = {
    **dict.fromkeys("aeiou", "A"), **{ch: ch.upper() for ch in "bfhjlmnr"}, "q": "K", "v": "F", "z": "S",
}


def first_key_letter(beginning: str) -> str | None:
    """The letter that the key of every name beginning with ``beginning`` starts with, or None
    when those first letters do not decide it. ``beginning`` is in normalise_name's form.

    So a search can tell that nobody whose first name begins "jones" has the key of "ann" ("AN"),
    without the database reading every "AN" to find out (people/name_branches.py). A name's first
    word begins with the same letters; only its first letter or three are read here. The key is
    made of the letters a to z alone, so any other character among them ("sλh" is keyed as "sh")
    leaves the letter undecided.
    """
    first, second, third = beginning[:1], beginning[1:2], beginning[2:3]
    if first in _OWN_FIRST_SOUND:
        return _OWN_FIRST_SOUND[first]
    if first not in ("d", "k", "s", "t", "w") or not "a" <= second <= "z":
        return None  # not a Latin letter, c, g, p, x or y, or the letter after it is not known yet
    if first == "d":
        return "J" if second == "g" else "D"  # Hodge / Hoj: "dg" sounds "j"
    if first == "k":
        return "N" if second == "n" else "K"  # Knight: a silent k
    if first == "w":
        return "R" if second == "r" else "W"  # Wright: a silent w
    if first == "s":
        return "X" if second == "h" else "S"  # "sh" is the sound "X"; "sch" is "sk"
    if second != "c":
        return "T"
    if not "a" <= third <= "z":
        return None
    return "X" if third == "h" else "T"  # Hutchins: "tch" sounds as "ch", "X"


# ---------------------------------------------------------------------------
# String similarity
# ---------------------------------------------------------------------------


def _jaro(a: str, b: str) -> float:
    len_a, len_b = len(a), len(b)
    if not len_a or not len_b:
        return 0.0
    window = max(0, max(len_a, len_b) // 2 - 1)
    a_matched = [False] * len_a
    b_matched = [False] * len_b
    matches = 0
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(i + window + 1, len_b)):
            if not b_matched[j] and b[j] == ch:
                a_matched[i] = b_matched[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    # Count matched characters that appear in a different order.
    out_of_order = 0
    j = 0
    for i in range(len_a):
        if a_matched[i]:
            while not b_matched[j]:
                j += 1
            if a[i] != b[j]:
                out_of_order += 1
            j += 1
    transpositions = out_of_order / 2
    return (matches / len_a + matches / len_b + (matches - transpositions) / matches) / 3


def _jaro_winkler(a: str, b: str) -> float:
    jaro = _jaro(a, b)
    # Winkler's boost for a shared start (up to 4 characters), only for
    # strings that are already fairly alike, as in the original method.
    if jaro <= 0.7:
        return jaro
    prefix = 0
    for ch_a, ch_b in zip(a[:4], b[:4]):
        if ch_a != ch_b:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def similarity(a: str, b: str) -> float:
    """Jaro-Winkler similarity in [0, 1] of two names after ``normalise_name``.

    Spaces are ignored ("Mc Donald" = "McDonald"). Empty names score 0.0: no
    name is no evidence of a match.
    """
    ca = normalise_name(a).replace(" ", "")
    cb = normalise_name(b).replace(" ", "")
    if not ca or not cb:
        return 0.0
    if ca == cb:
        return 1.0
    return _jaro_winkler(ca, cb)


# ---------------------------------------------------------------------------
# Name comparison rules
# ---------------------------------------------------------------------------

# Common British/Irish/Welsh short forms that prefix and phonetic rules miss.
# A name may be in more than one group (Alex, Sam, Pat).
_NICKNAME_GROUPS: Final = (
    {"william", "bill", "billy", "liam", "wil"},
    {"robert", "bob", "bobby", "robbie"},
    {"richard", "dick", "rick", "ricky", "rich"},
    {"margaret", "maggie", "meg", "peggy", "madge", "greta"},
    {"elizabeth", "eliza", "liz", "lizzie", "beth", "betty", "bess", "libby"},
    {"catherine", "katherine", "kathryn", "kate", "katie", "kath", "cathy", "kathy", "kitty"},
    {"james", "jim", "jimmy", "jamie"},
    {"john", "jack", "johnny", "sion", "ioan"},
    {"edward", "ted", "teddy", "ned", "eddie"},
    {"henry", "harry", "hal"},
    {"alexander", "alex", "sandy"},
    {"alexandra", "alex", "sandy", "lexi"},
    {"anthony", "tony"},
    {"patricia", "pat", "trish", "patsy"},
    {"patrick", "pat", "paddy"},
    {"michael", "mike", "mick", "micky"},
    {"david", "dave", "dai", "dafydd", "davey"},
    {"dorothy", "dot", "dotty"},
    {"charles", "charlie", "chas"},
    {"evan", "ifan", "ieuan", "iwan"},
    {"frances", "fran", "fanny"},
    {"francis", "frank"},
    {"susan", "sue", "suzy", "susie"},
    {"samuel", "sam", "sammy"},
    {"samantha", "sam", "sammy"},
)
_NICKNAME_INDEX: Final[dict[str, frozenset[int]]] = {}
for _index, _group in enumerate(_NICKNAME_GROUPS):
    for _name in _group:
        _NICKNAME_INDEX[_name] = _NICKNAME_INDEX.get(_name, frozenset()) | {_index}

# Name particles: sharing one ("de" in de Souza / de Silva) says nothing.
_PARTICLES: Final = frozenset(
    {"ap", "ab", "de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le",
     "dos", "das", "st", "bin", "bint", "ibn", "al", "el", "mc", "mac", "o", "ni", "nic", "ui"}
)


class _Name(NamedTuple):
    compact: str  # normalised, no spaces
    words: frozenset[str]  # significant words only
    key: str


@lru_cache(maxsize=4096)
def _prepare(name: str | None) -> _Name:
    normalised = normalise_name(name or "")
    words = frozenset(w for w in normalised.split() if len(w) >= 2 and w not in _PARTICLES)
    return _Name(normalised.replace(" ", ""), words, name_key(name or ""))


def _same_by_key(a: _Name, b: _Name) -> bool:
    return len(a.key) >= MIN_KEY_LENGTH and a.key == b.key


def _given_names_compatible(a: str | None, b: str | None) -> bool:
    """Could these be the same person's given name? Generous, because a
    likely match also needs a matching date of birth or postcode."""
    na, nb = _prepare(a), _prepare(b)
    if not na.compact or not nb.compact:
        return False
    if na.compact == nb.compact or _same_by_key(na, nb):
        return True
    if _jaro_winkler(na.compact, nb.compact) >= GIVEN_NAME_THRESHOLD:
        return True
    shorter, longer = sorted((na.compact, nb.compact), key=len)
    if len(shorter) >= MIN_PREFIX_LENGTH and longer.startswith(shorter):
        return True  # Chris / Christine, Mary / Mary Ann
    if na.words & nb.words:
        return True  # Anne Marie / Marie
    groups_a = set().union(*(_NICKNAME_INDEX.get(w, frozenset()) for w in na.words))
    groups_b = set().union(*(_NICKNAME_INDEX.get(w, frozenset()) for w in nb.words))
    return bool(groups_a & groups_b)


def _family_names_compatible(a: str | None, b: str | None) -> bool:
    """Could these be the same family name? Also true for a shared part, so
    Smith-Jones matches Jones (double-barrelled after marriage)."""
    na, nb = _prepare(a), _prepare(b)
    if not na.compact or not nb.compact:
        return False
    if na.compact == nb.compact or _same_by_key(na, nb):
        return True
    if _jaro_winkler(na.compact, nb.compact) >= FAMILY_NAME_THRESHOLD:
        return True
    return bool(na.words & nb.words)


# ---------------------------------------------------------------------------
# Candidates and matching
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """The facts matching uses. ``id`` is whatever the caller uses (pk, UUID)."""

    id: Any
    given_name: str
    family_name: str
    date_of_birth: date | None = None
    postcode: str | None = None
    nhs_number: str | None = None


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Why two records look like the same person.

    ``strength`` is "certain", "likely" or "possible". ``reasons`` are codes in
    a fixed order (NHS number, name, date of birth, postcode) for the UI to
    translate. ``score`` (0-1, name similarity) only orders matches of equal
    strength; it is not a probability.
    """

    strength: str
    reasons: list[str]
    score: float


def _nhs_digits(value: str | None) -> str | None:
    # Compare digits only, without checksum validation: stored legacy values
    # may be invalid but still identical.
    digits = re.sub(r"\D", "", value or "")
    return digits or None


def _postcode_key(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return normalise_postcode(value)
    except ValidationProblem:
        # Keep comparing imperfect legacy postcodes exactly, ignoring case/spaces.
        return re.sub(r"\s+", "", value).upper()


def _name_score(given_a: str, family_a: str, given_b: str, family_b: str) -> float:
    return (similarity(given_a, given_b) + similarity(family_a, family_b)) / 2


def score_match(new: Candidate, existing: Candidate) -> MatchResult | None:
    """Compare a proposed new record with an existing one; None if not a match.

    Rules, in order:

    - NHS numbers on both sides and different: never a match (None).
    - Same NHS number: "certain", whatever else differs (names get misspelt).
    - Similar full name (given and family, or the two swapped):
        - and same date of birth: "likely" (even if the postcode differs: people move)
        - and same postcode, no conflicting date of birth: "likely"
        - and same postcode but a different date of birth: "possible"
          (could be a typo, or a parent and child with the same name at home)
        - and date of birth unknown on either side: "possible"
        - and a different date of birth, different or unknown postcode: None
    - Similar family name (only) and same date of birth: "possible" (twins, or a
      given-name mistake).
    - Same date of birth and same postcode, names not similar: "possible" (name
      change, e.g. on marriage).
    """
    nhs_new, nhs_existing = _nhs_digits(new.nhs_number), _nhs_digits(existing.nhs_number)
    if nhs_new and nhs_existing and nhs_new != nhs_existing:
        return None
    same_nhs = bool(nhs_new) and nhs_new == nhs_existing

    both_dobs = new.date_of_birth is not None and existing.date_of_birth is not None
    same_dob = both_dobs and new.date_of_birth == existing.date_of_birth
    dob_conflict = both_dobs and not same_dob
    postcode_new = _postcode_key(new.postcode)
    same_postcode = postcode_new is not None and postcode_new == _postcode_key(existing.postcode)

    straight = _given_names_compatible(
        new.given_name, existing.given_name
    ) and _family_names_compatible(new.family_name, existing.family_name)
    # Given and family names get swapped on forms, especially for people whose
    # names are written family-name-first.
    swapped = _given_names_compatible(
        new.given_name, existing.family_name
    ) and _family_names_compatible(new.family_name, existing.given_name)
    full_name = straight or swapped
    family_only = not full_name and _family_names_compatible(new.family_name, existing.family_name)

    score = _name_score(new.given_name, new.family_name, existing.given_name, existing.family_name)
    if swapped and not straight:
        score = max(
            score,
            _name_score(new.given_name, new.family_name, existing.family_name, existing.given_name),
        )

    if same_nhs:
        strength = CERTAIN
    elif full_name:
        if same_dob or (same_postcode and not dob_conflict):
            strength = LIKELY
        elif same_postcode or not dob_conflict:
            strength = POSSIBLE
        else:
            return None
    elif family_only and same_dob:
        strength = POSSIBLE
    elif same_dob and same_postcode:
        strength = POSSIBLE
    else:
        return None

    reasons: list[str] = []
    if same_nhs:
        reasons.append(SAME_NHS_NUMBER)
    if full_name:
        reasons.append(SIMILAR_NAME)
    elif family_only:
        reasons.append(SIMILAR_FAMILY_NAME)
    if same_dob:
        reasons.append(SAME_DATE_OF_BIRTH)
    if same_postcode:
        reasons.append(SAME_POSTCODE)
    return MatchResult(strength=strength, reasons=reasons, score=round(score, 4))


def rank_matches(
    new: Candidate, candidates: Iterable[Candidate]
) -> list[tuple[Candidate, MatchResult]]:
    """All matches for ``new``, strongest first.

    Order: strength, then number of reasons, then name score; ties keep the
    input order. A candidate with the same (non-None) id as ``new`` is skipped,
    so editing a record does not match it against itself.
    """
    found: list[tuple[Candidate, MatchResult]] = []
    for candidate in candidates:
        if new.id is not None and candidate.id == new.id:
            continue
        result = score_match(new, candidate)
        if result is not None:
            found.append((candidate, result))
    found.sort(
        key=lambda pair: (
            -_STRENGTH_RANK[pair[1].strength],
            -len(pair[1].reasons),
            -pair[1].score,
        )
    )
    return found
