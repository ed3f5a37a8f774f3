"""Who the cared-for person is to the carer, when what the caller said states it plainly. Pure Python, no Django.

A contact records in the caller's words who the carer looks after ("her husband, who has
dementia"). When a worker adds that person, the answer to "Who are they to the carer?" is filled
in from those words, to be checked, only when they name one kind of relationship and no other:
"her husband" gives husband, wife or partner; "her son and her mother", "his wife's mother" or
"a friend of her mum" give nothing, because two kinds are named. English words only (and the
Welsh words for grandparents that English speakers in Wales use): Welsh mutates the first letter
of a word after "ei" or "fy" ("ei fam", "fy nhad"), which a word list would misread, so a
summary in Welsh is shown, not read.

The codes are people.choices.Relationship's (tests/people/test_cared_for.py checks they exist).
"""

from __future__ import annotations

import re
from typing import Final

SPOUSE_PARTNER: Final = "spouse_partner"
PARENT: Final = "parent"
CHILD: Final = "child"
SIBLING: Final = "sibling"
GRANDPARENT: Final = "grandparent"
OTHER_RELATIVE: Final = "other_relative"
FRIEND_NEIGHBOUR: Final = "friend_neighbour"

WORDS: Final[dict[str, str]] = {
    **dict.fromkeys(
        ("husband", "wife", "partner", "spouse", "boyfriend", "girlfriend", "fiance", "fiancee"), SPOUSE_PARTNER
    ),
    **dict.fromkeys(
        ("mother", "father", "mum", "mom", "mam", "mummy", "dad", "daddy", "parent", "parents",
         "stepmother", "stepfather", "stepmum", "stepdad"),
        PARENT,
    ),
    **dict.fromkeys(
        ("son", "daughter", "child", "children", "stepson", "stepdaughter", "stepchild"), CHILD
    ),
    **dict.fromkeys(("brother", "sister", "sibling", "siblings", "twin"), SIBLING),
    **dict.fromkeys(
        ("grandmother", "grandfather", "grandparent", "grandparents", "gran", "granny", "grandma", "grandad",
         "granddad", "grandpa", "nan", "nana", "nanna", "nain", "taid", "mamgu", "tadcu"),
        GRANDPARENT,
    ),
    **dict.fromkeys(
        ("aunt", "auntie", "aunty", "uncle", "cousin", "niece", "nephew", "grandson", "granddaughter",
         "grandchild", "grandchildren"),
        OTHER_RELATIVE,
    ),
    **dict.fromkeys(("friend", "neighbour", "neighbor"), FRIEND_NEIGHBOUR),
}
# "Mother-in-law", "son in law": a relative by marriage, whichever relation comes first.
_IN_LAW: Final = re.compile(r"\b[a-z]+[\s\-]+in[\s\-]+laws?\b")
# "step-mum", "grand-daughter", "mam-gu", "tad-cu": read as one word.
_JOINED: Final = re.compile(r"\b(step|grand|mam(?=[\s\-]+gu\b)|tad(?=[\s\-]+cu\b))[\s\-]+(?=[a-z])")
_WORD: Final = re.compile(r"[a-z]+")


def relationship_from_words(text: str) -> str | None:
    """The one relationship code the words name, or None when they name none or more than one kind."""
    lowered = (text or "").casefold().replace("é", "e").replace("’", "'")
    found = set()
    if _IN_LAW.search(lowered):
        found.add(OTHER_RELATIVE)
        lowered = _IN_LAW.sub(" ", lowered)
    lowered = _JOINED.sub(r"\1", lowered)
    for word in _WORD.findall(lowered):
        if word in WORDS:
            found.add(WORDS[word])
    return found.pop() if len(found) == 1 else None
