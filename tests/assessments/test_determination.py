"""What a practitioner's determination must contain (assessments/determination.py): pure, no database."""

from carershub.assessments.determination import Determination, problems


def test_confirming_the_proposal_needs_no_reasons():
    d = Determination(framework="adult_carer", proposed=True, decided=True)
    assert not d.departs
    assert problems(d, nation="england", national_criteria=True) == {}


def test_departing_from_the_proposal_needs_reasons_and_is_recorded_with_both():
    d = Determination(framework="adult_carer", proposed=False, decided=True)
    assert d.departs
    assert problems(d, nation="england", national_criteria=True) == {"reasons": "reasons_for_departing"}
    with_reasons = Determination(framework="adult_carer", proposed=False, decided=True, reasons="Caring 90 hours a week")
    assert problems(with_reasons, nation="england", national_criteria=True) == {}
    assert with_reasons.to_dict()["proposed"] is False and with_reasons.to_dict()["decided"] is True
    assert with_reasons.to_dict()["departs"] is True


def test_significant_impact_with_no_impact_recorded_needs_a_reason():
    d = Determination(framework="adult_carer", proposed=True, decided=True)
    assert problems(d, nation="england", national_criteria=True, wellbeing_contradiction=True) == {
        "wellbeing_reason": "wellbeing_reason"
    }


def test_wales_not_eligible_must_answer_the_section_32_question():
    d = Determination(framework="adult_carer", proposed=False, decided=False)
    assert problems(d, nation="wales", national_criteria=True) == {"must_meet": "must_meet_required"}
    must = Determination(framework="adult_carer", proposed=False, decided=False, must_meet=True)
    assert problems(must, nation="wales", national_criteria=True) == {"must_meet_reasons": "must_meet_reasons"}
    assert problems(Determination(framework="adult_carer", proposed=False, decided=False, must_meet=False),
                    nation="wales", national_criteria=True) == {}


def test_a_welsh_young_carer_needs_the_other_functions_answer():
    d = Determination(framework="young_carer", proposed=True, decided=True)
    assert problems(d, nation="wales", national_criteria=True, carer_is_child=True) == {
        "other_functions": "other_functions_required"
    }
    assert problems(d, nation="wales", national_criteria=True, carer_is_child=False) == {}


def test_without_national_criteria_the_council_determines_needs_and_services_with_reasons():
    empty = Determination(framework="young_carer")
    assert problems(empty, nation="england", national_criteria=False) == {
        "needs_for_support": "needs_for_support_required",
        "reasons": "reasons_required",
    }
    needs = Determination(framework="young_carer", needs_for_support=True, reasons="Misses school twice a week")
    assert problems(needs, nation="england", national_criteria=False) == {"services_to_be_provided": "services_required"}
    none_needed = Determination(framework="parent_carer", needs_for_support=False, reasons="Managing well")
    assert problems(none_needed, nation="england", national_criteria=False) == {}


def test_a_transition_assessment_indicates_whether_needs_are_likely_to_be_eligible_after_18():
    d = Determination(framework="young_carer_transition", needs_for_support=False, reasons="Coping now")
    assert problems(d, nation="england", national_criteria=False) == {
        "likely_eligible_after_18": "likely_eligible_required"
    }
    likely = Determination(
        framework="young_carer_transition", needs_for_support=False, reasons="Coping now", likely_eligible_after_18=True
    )
    assert problems(likely, nation="england", national_criteria=False) == {}
