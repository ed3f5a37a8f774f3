"""The pure rules of comparing options (carershub/reporting/appraisal/scoring.py), worked by hand."""

from decimal import Decimal as D

import pytest

from carershub.reporting.appraisal import scoring
from carershub.reporting.appraisal.scoring import Criterion, OptionInput


def _compare(method, criteria, rows, scale_max=5, groups=None):
    options = [OptionInput(key, (groups or {}).get(key, ""), i, cells) for i, (key, cells) in enumerate(rows.items())]
    return {r.key: r for r in scoring.compare(method, scale_max, criteria, options)}


def test_a_score_counts_times_its_weight():
    criteria = [Criterion("a", D(2)), Criterion("b", D("0.5"))]

    results = _compare(scoring.SCORE, criteria, {"x": {"a": 4, "b": 3}, "y": {"a": 5, "b": 0}})

    assert results["x"].total == D("9.5")  # 4×2 + 3×0.5
    assert results["y"].total == D(10)  # 5×2
    assert results["x"].possible == D("12.5")  # (2 + 0.5) × 5
    assert results["y"].share == D("80.0")
    assert (results["y"].rank, results["x"].rank) == (1, 2)


def test_rag_counts_green_2_amber_1_red_0_and_counts_the_colours():
    criteria = [Criterion(k, D(1)) for k in "abcd"]

    results = _compare(scoring.RAG, criteria, {"x": {"a": "G", "b": "G", "c": "A", "d": "R"}})

    assert results["x"].total == D(5)
    assert results["x"].possible == D(8)
    assert results["x"].rag_counts == {"G": 2, "A": 1, "R": 1}


def test_equal_totals_share_a_rank_and_the_next_is_skipped():
    criteria = [Criterion("a", D(1))]

    results = _compare(scoring.SCORE, criteria, {"w": {"a": 5}, "x": {"a": 3}, "y": {"a": 3}, "z": {"a": 1}})

    assert [results[k].rank for k in "wxyz"] == [1, 2, 2, 4]
    assert results["x"].tied and results["y"].tied and not results["w"].tied


def test_a_missing_cell_counts_nothing_and_is_said():
    criteria = [Criterion("a", D(1)), Criterion("b", D(1))]

    results = _compare(scoring.SCORE, criteria, {"x": {"a": 3}, "y": {"a": 2, "b": None}})

    assert (results["x"].total, results["x"].missing, results["x"].complete) == (D(3), 1, False)
    assert results["y"].missing == 1


def test_options_are_ranked_within_their_group():
    criteria = [Criterion("a", D(1))]

    results = _compare(scoring.SCORE, criteria, {"x": {"a": 1}, "y": {"a": 5}, "z": {"a": 2}},
                       groups={"x": "one", "y": "two", "z": "one"})

    assert (results["x"].rank, results["y"].rank, results["z"].rank) == (2, 1, 1)
    assert [r.key for r in scoring.ranking(list(results.values()))] == ["z", "x", "y"]


@pytest.mark.parametrize(("value", "problem"), [(0, False), (5, False), (6, True), (-1, True), (None, False)])
def test_a_score_must_be_on_the_scale(value, problem):
    assert bool(scoring.score_problem(value, 0, 5)) is problem


@pytest.mark.parametrize(("low", "high", "problem"), [(0, 5, None), (1, 1, "more than"), (-1, 5, "negative"),
                                                      (0, 101, "100")])
def test_the_scale_must_go_up(low, high, problem):
    found = scoring.scale_problem(low, high)
    assert (found is None) if problem is None else problem in found
