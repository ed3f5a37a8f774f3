"""The carer measures by their published method, on hand-worked returns (survey/measures.py, pure)."""

from decimal import Decimal

from carershub.reporting.survey import measures, questionnaire
from tests.survey.build import qol

M = measures.MEASURES_BY_CODE


def test_quality_of_life_scores_each_answer_2_1_or_0_and_leaves_out_returns_missing_any_of_the_six():
    returns = [
        qol("1", "1", "1", "1", "1", "1"),  # 12
        qol("1", "2", "3", "1", "2", "3"),  # 2+1+0+2+1+0 = 6
        qol("2", "2", "2", "2", "2", "2"),  # 6
        qol("1", "1", "1", None, "1", "1"),  # no answer on personal safety: left out
        qol("3", "3", "3", "3", "3", "3"),  # 0
        qol("1", "1", "1", "1", "1", "2"),  # 11
        {"satisfaction": "1"},  # none of the six: left out
    ]

    result = measures.quality_of_life(returns)

    assert [measures.qol_score(r) for r in returns] == [12, 6, 6, None, 0, 11, None]
    assert result.value == Decimal("7.0")  # (12 + 6 + 6 + 0 + 11) / 5 = 35 / 5
    assert (result.based_on, result.not_answered, result.not_applicable, result.returns) == (5, 2, 0, 7)
    assert result.shown


def test_the_mean_rounds_half_up_to_one_place():
    seven, eight = qol("1", "1", "1", "2", "3", "3"), qol("1", "1", "1", "2", "2", "3")  # 2+2+2+1+0+0, 2+2+2+1+1+0
    assert (measures.qol_score(seven), measures.qol_score(eight)) == (7, 8)
    assert measures.quality_of_life([seven] * 3 + [eight] + [seven]).value == Decimal("7.2")  # 36 / 5
    assert measures.quality_of_life([seven, seven, seven, eight]).value == Decimal("7.3")  # 29 / 4 = 7.25, up
    assert measures.quality_of_life([seven, eight, eight]).value == Decimal("7.7")  # 23 / 3 = 7.67


def test_fewer_than_5_returns_behind_a_figure_is_not_shown():
    result = measures.quality_of_life([qol("1", "1", "1", "1", "1", "1")] * 4)
    assert result.value == Decimal("12.0") and result.based_on == 4 and not result.shown
    assert measures.shown_count(4) == "fewer than 5" and measures.shown_count(0) == 0 and measures.shown_count(5) == 5
    empty = measures.quality_of_life([])
    assert empty.value is None and not empty.shown


def test_satisfaction_counts_extremely_or_very_satisfied_and_leaves_out_those_with_no_support():
    answers = ["1", "2", "3", "4", "8", "8", "", "7"]
    result = measures.percentage(M["ascof_3b"], [{"satisfaction": a} for a in answers])
    # Counted: 1, 2, 3, 4, 7 (five); satisfied: 1 and 2; left out: two "no support", one not answered.
    assert (result.value, result.numerator, result.based_on) == (Decimal("40.0"), 2, 5)
    assert (result.not_applicable, result.not_answered) == (2, 1)


def test_involvement_counts_always_or_usually_and_leaves_out_no_discussions():
    result = measures.percentage(M["ascof_3c"], [{"involvement": a} for a in ["1", "2", "2", "3", "4", "5"]])
    assert (result.value, result.based_on, result.not_applicable) == (Decimal("60.0"), 5, 1)


def test_information_counts_very_or_fairly_easy_and_leaves_out_not_tried():
    result = measures.percentage(M["ascof_3d2"], [{"information": a} for a in ["1", "3", "3", "4", "5", "5", "2"]])
    assert (result.value, result.based_on, result.not_applicable) == (Decimal("40.0"), 5, 2)
    thirds = measures.percentage(M["ascof_3d2"], [{"information": a} for a in ["1", "2", "4"] * 2])
    assert thirds.value == Decimal("66.7")  # 4 / 6


def test_the_welsh_measures_count_yes_of_yes_sometimes_or_no():
    answers = ["yes", "yes", "sometimes", "no", "dont_know", "yes", ""]
    result = measures.percentage(M["w_supported"], [{"w_supported": a} for a in answers])
    assert (result.value, result.based_on, result.not_applicable, result.not_answered) == (Decimal("60.0"), 5, 1, 1)


def test_all_measures_of_a_survey_at_once():
    sace = measures.results("sace", [qol("1", "1", "1", "1", "1", "1") | {"satisfaction": "2"}])
    assert [r.measure.code for r in sace] == ["ascof_1d", "ascof_3b", "ascof_3c", "ascof_3d2"]
    assert sace[1].value == Decimal("100.0") and sace[2].value is None and sace[2].not_answered == 1
    assert [r.measure.code for r in measures.results("wales", [])] == ["w_supported", "w_information", "w_involved",
                                                                       "w_contact"]


def test_answers_are_checked_against_their_survey():
    kept, problems = questionnaire.check_answers("sace", {"occupation": " 2 ", "control": "", "satisfaction": "9",
                                                          "w_supported": "yes"})
    assert kept == {"occupation": "2"}
    assert problems == [("answer", {"value": "9", "question": "satisfaction", "allowed": "1, 2, 3, 4, 5, 6, 7, 8"}),
                        ("other_survey", {"question": "w_supported"})]
    assert questionnaire.check_answers("wales", {"w_contact": "Don't know"}) == ({"w_contact": "dont_know"}, [])
    assert questionnaire.check_answers("wales", {"w_contact": ""}) == ({}, [("nothing", {})])


def test_survey_years():
    assert questionnaire.parse_year("2023-24") == (2023, None)
    assert questionnaire.parse_year(" 2023 ") == (2023, None)
    assert questionnaire.parse_year("23") == (None, "year")
    assert questionnaire.parse_year("1999") == (None, "year_range")
    assert questionnaire.year_label(2023) == "2023-24" and questionnaire.year_label(2099) == "2099-00"
