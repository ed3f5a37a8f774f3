"""Which law an assessment is made under: chosen from the carer, the people they care for and the
assessing council's nation on the assessment date. No Django import.

The Care Act 2014 s10 (and SI 2015/313 reg. 3 for eligibility) is for *adult* carers of *adults*.
Other carers in England are assessed under other provisions, with no national eligibility criteria:

* a young carer (under 18) under the Children Act 1989 s17ZA, with what s17ZB requires it to
  consider; the council then decides whether the young carer has needs for support and whether to
  provide services (s17ZB and s17);
* a parent carer (18 or over, caring for a disabled child they have parental responsibility for)
  under the Children Act 1989 s17ZD, with what s17ZE requires;
* before 18: a young carer's assessment (Care Act 2014 s63-64) of whether they are likely to have
  needs for support after becoming 18, and a child's carer's assessment (s60-61) for a carer of a
  child approaching 18. The issue that asked for this cites "s58-66" and "s60-62"; s58-59 are the
  child's own assessment, s60-62 the child's carer's, s63-64 the young carer's, and s65-66 how they
  carry on after 18. Section numbers checked against the Act's table of contents; the full text of
  s60-64 was read from legislation.gov.uk extracts, not the revised text.

In Wales every carer, of any age, caring for an adult or a disabled child, is a carer under the
Social Services and Well-being (Wales) Act 2014 s3 and is assessed under s24, with the eligibility
criteria of SI 2015/1578 reg. 5 for all of them. For a carer under 18, s24(4)(d) adds the outcomes
of those with parental responsibility for them (checked against the section's published text).

``choose`` is the one place this is decided. The assessment stores the framework it chose, the
decision stores it again, and letters and the API read it from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from carershub.core.i18n import gettext_noop

ADULT_AGE: Final = 18


class Framework(StrEnum):
    """The kind of carer's assessment. Stored on assessments and decisions: never rename a value."""

    ADULT_CARER = "adult_carer"
    YOUNG_CARER = "young_carer"
    PARENT_CARER = "parent_carer"
    YOUNG_CARER_TRANSITION = "young_carer_transition"
    CHILDS_CARER_TRANSITION = "childs_carer_transition"


@dataclass(frozen=True)
class CaredForPerson:
    """What the choice needs to know about one person cared for on the assessment date."""

    age: int | None
    disabled: bool = False
    parental_responsibility: bool = False

    @property
    def is_child(self) -> bool:
        return self.age is not None and self.age < ADULT_AGE


@dataclass(frozen=True)
class Choice:
    """The framework chosen (None where none can be chosen yet) and why, as a message code."""

    framework: Framework | None
    reason: str


# Where each framework comes from, by nation, as a page or a letter names it ("under the %(law)s").
LAW: Final[dict[tuple[str, Framework], str]] = {
    ("england", Framework.ADULT_CARER): gettext_noop("Care Act 2014, section 10"),
    ("england", Framework.YOUNG_CARER): gettext_noop("Children Act 1989, sections 17ZA and 17ZB"),
    ("england", Framework.PARENT_CARER): gettext_noop("Children Act 1989, sections 17ZD and 17ZE"),
    ("england", Framework.YOUNG_CARER_TRANSITION): gettext_noop("Care Act 2014, sections 63 and 64"),
    ("england", Framework.CHILDS_CARER_TRANSITION): gettext_noop("Care Act 2014, sections 60 and 61"),
    ("wales", Framework.ADULT_CARER): gettext_noop("Social Services and Well-being (Wales) Act 2014, section 24"),
    ("wales", Framework.YOUNG_CARER): gettext_noop(
        "Social Services and Well-being (Wales) Act 2014, section 24, including section 24(4)(d)"
    ),
    ("wales", Framework.PARENT_CARER): gettext_noop("Social Services and Well-being (Wales) Act 2014, section 24"),
}

LABELS: Final[dict[Framework, str]] = {
    Framework.ADULT_CARER: gettext_noop("Adult carer's assessment"),
    Framework.YOUNG_CARER: gettext_noop("Young carer's needs assessment"),
    Framework.PARENT_CARER: gettext_noop("Parent carer's needs assessment"),
    Framework.YOUNG_CARER_TRANSITION: gettext_noop("Young carer's transition assessment (before 18)"),
    Framework.CHILDS_CARER_TRANSITION: gettext_noop("Transition assessment for the carer of a child approaching 18"),
}

REASONS: Final[dict[str, str]] = {
    "age_unknown": gettext_noop(
        "The carer's date of birth is not recorded, so the law to assess them under cannot be chosen. "
        "Record it on their record first."
    ),
    "nation_unknown": gettext_noop("The assessing council's nation is not known, so the law cannot be chosen."),
    "young_carer": gettext_noop("The carer is under 18."),
    "young_carer_transition": gettext_noop(
        "The carer is under 18 and this is a transition assessment of their likely needs after 18."
    ),
    "childs_carer_transition": gettext_noop(
        "This is a transition assessment for the carer of a child who is approaching 18."
    ),
    "parent_carer": gettext_noop(
        "The carer is 18 or over and cares only for a disabled child they have parental responsibility for."
    ),
    "adult_carer": gettext_noop("The carer is 18 or over and cares for an adult."),
    "adult_carer_no_cared_for": gettext_noop(
        "The carer is 18 or over. No person cared for is named on this assessment, so the adult carer's "
        "assessment applies; name the people they care for if any is a child."
    ),
    "adult_carer_of_child": gettext_noop(
        "The carer is 18 or over and cares for a child without parental responsibility for them. The "
        "adult carer's rules apply, and they cover care for adults only."
    ),
    "wales_young_carer": gettext_noop(
        "The carer is under 18. In Wales they are assessed as a carer under section 24, which adds the "
        "outcomes of those with parental responsibility for them."
    ),
    "decided_before_frameworks": gettext_noop(
        "Decided before the product chose the law from the carer's age, under the adult carer's rules."
    ),
    "wales_adult_carer": gettext_noop("The carer is 18 or over. In Wales every carer is assessed under section 24."),
    "wales_parent_carer": gettext_noop(
        "The carer is 18 or over and cares for a disabled child. In Wales they are assessed as a carer under "
        "section 24."
    ),
}

# Frameworks with national eligibility criteria, by nation: an eligibility decision is only made under
# these (SI 2015/313 reg. 3 for adult carers in England; SI 2015/1578 reg. 5 for every carer in Wales).
# Under the Children Act frameworks and the Care Act transition assessments the council determines
# whether there are needs for support (and, after a transition assessment, whether they are likely to
# be eligible at 18), without national criteria.
WITH_NATIONAL_CRITERIA: Final[frozenset[tuple[str, Framework]]] = frozenset(
    {
        ("england", Framework.ADULT_CARER),
        ("wales", Framework.ADULT_CARER),
        ("wales", Framework.YOUNG_CARER),
        ("wales", Framework.PARENT_CARER),
    }
)

FRAMEWORKS_BY_NATION: Final[dict[str, tuple[Framework, ...]]] = {
    "england": tuple(Framework),
    "wales": (Framework.ADULT_CARER, Framework.YOUNG_CARER, Framework.PARENT_CARER),
}


def has_national_criteria(nation: str, framework: Framework | str | None) -> bool:
    return framework is not None and (nation, Framework(framework)) in WITH_NATIONAL_CRITERIA


def law_for(nation: str, framework: Framework | str) -> str:
    return LAW[(nation, Framework(framework))]


def choose(
    *,
    nation: str | None,
    carer_age: int | None,
    cared_for: Iterable[CaredForPerson] = (),
    transition: bool = False,
) -> Choice:
    """The framework for a carer of ``carer_age`` caring for ``cared_for``, on the assessment date.

    ``transition`` is the practitioner's choice of a transition assessment (the assessment's type).
    """
    people = list(cared_for)
    if nation not in FRAMEWORKS_BY_NATION:
        return Choice(None, "nation_unknown")
    if carer_age is None:
        return Choice(None, "age_unknown")
    young = carer_age < ADULT_AGE
    if nation == "wales":
        if young:
            return Choice(Framework.YOUNG_CARER, "wales_young_carer")
        if people and all(p.is_child and p.disabled for p in people):
            return Choice(Framework.PARENT_CARER, "wales_parent_carer")
        return Choice(Framework.ADULT_CARER, "wales_adult_carer")
    # England
    if young:
        if transition:
            return Choice(Framework.YOUNG_CARER_TRANSITION, "young_carer_transition")
        return Choice(Framework.YOUNG_CARER, "young_carer")
    if transition and any(p.is_child for p in people):
        return Choice(Framework.CHILDS_CARER_TRANSITION, "childs_carer_transition")
    if not people:
        return Choice(Framework.ADULT_CARER, "adult_carer_no_cared_for")
    if all(p.is_child and p.disabled and p.parental_responsibility for p in people):
        return Choice(Framework.PARENT_CARER, "parent_carer")
    if any(not p.is_child for p in people):
        return Choice(Framework.ADULT_CARER, "adult_carer")
    return Choice(Framework.ADULT_CARER, "adult_carer_of_child")
