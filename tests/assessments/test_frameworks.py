"""Which law a carer is assessed under (assessments/frameworks.py): pure, no database."""

import pytest

from carershub.assessments.frameworks import (
    CaredForPerson,
    Framework,
    choose,
    has_national_criteria,
    law_for,
)

ADULT = CaredForPerson(age=80)
DISABLED_OWN_CHILD = CaredForPerson(age=9, disabled=True, parental_responsibility=True)
DISABLED_GRANDCHILD = CaredForPerson(age=9, disabled=True, parental_responsibility=False)
CHILD_APPROACHING_18 = CaredForPerson(age=17, disabled=True, parental_responsibility=True)


@pytest.mark.parametrize(
    "nation, carer_age, cared_for, transition, expected",
    [
        # England: the Care Act's adult carer rules only for an adult caring for an adult.
        ("england", 45, [ADULT], False, Framework.ADULT_CARER),
        ("england", 14, [ADULT], False, Framework.YOUNG_CARER),
        ("england", 17, [ADULT], True, Framework.YOUNG_CARER_TRANSITION),
        ("england", 40, [DISABLED_OWN_CHILD], False, Framework.PARENT_CARER),
        ("england", 40, [CHILD_APPROACHING_18], True, Framework.CHILDS_CARER_TRANSITION),
        # Caring for an adult as well as their disabled child: the adult carer's assessment.
        ("england", 40, [ADULT, DISABLED_OWN_CHILD], False, Framework.ADULT_CARER),
        # A grandparent of a disabled child has no parental responsibility: not a parent carer.
        ("england", 66, [DISABLED_GRANDCHILD], False, Framework.ADULT_CARER),
        # Wales: every carer under section 24, young carers and carers of disabled children included.
        ("wales", 14, [ADULT], False, Framework.YOUNG_CARER),
        ("wales", 17, [ADULT], True, Framework.YOUNG_CARER),
        ("wales", 40, [DISABLED_GRANDCHILD], False, Framework.PARENT_CARER),
        ("wales", 45, [ADULT], False, Framework.ADULT_CARER),
    ],
)
def test_the_framework_follows_age_cared_for_and_nation(nation, carer_age, cared_for, transition, expected):
    assert choose(nation=nation, carer_age=carer_age, cared_for=cared_for, transition=transition).framework is expected


def test_the_eighteenth_birthday_moves_a_carer_to_the_adult_rules():
    assert choose(nation="england", carer_age=17, cared_for=[ADULT]).framework is Framework.YOUNG_CARER
    assert choose(nation="england", carer_age=18, cared_for=[ADULT]).framework is Framework.ADULT_CARER


def test_no_framework_without_an_age_or_a_nation():
    assert choose(nation="england", carer_age=None, cared_for=[ADULT]).framework is None
    assert choose(nation="england", carer_age=None, cared_for=[ADULT]).reason == "age_unknown"
    assert choose(nation="scotland", carer_age=40, cared_for=[ADULT]).reason == "nation_unknown"


@pytest.mark.parametrize(
    "nation, framework, expected",
    [
        ("england", Framework.ADULT_CARER, True),
        ("england", Framework.YOUNG_CARER, False),
        ("england", Framework.PARENT_CARER, False),
        ("england", Framework.YOUNG_CARER_TRANSITION, False),
        ("england", Framework.CHILDS_CARER_TRANSITION, False),
        ("wales", Framework.ADULT_CARER, True),
        ("wales", Framework.YOUNG_CARER, True),
        ("wales", Framework.PARENT_CARER, True),
    ],
)
def test_only_the_adult_rules_in_england_and_every_welsh_carer_have_national_criteria(nation, framework, expected):
    assert has_national_criteria(nation, framework) is expected


def test_each_framework_names_its_law():
    assert law_for("england", Framework.YOUNG_CARER).startswith("Children Act 1989, sections 17ZA")
    assert law_for("england", Framework.PARENT_CARER).startswith("Children Act 1989, sections 17ZD")
    assert "24(4)(d)" in law_for("wales", Framework.YOUNG_CARER)
