"""Disclosure control on its own: which counts, percentages and medians may be shown. No database, no Django."""

import ast
import inspect
from collections import defaultdict

import pytest

from carershub.reporting import disclosure
from carershub.reporting.disclosure import Hidden
from tests.conftest import imported_packages

SMALL, WITHHELD = Hidden.SMALL, Hidden.WITHHELD


def test_the_module_does_not_import_django():
    assert "django" not in imported_packages(disclosure)
    tree = ast.parse(inspect.getsource(disclosure))
    from_imports = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert {m for m in from_imports if m.startswith("carershub")} == {"carershub.core.i18n"}  # gettext_noop only


def test_the_words_say_the_threshold():
    assert str(disclosure.THRESHOLD) in disclosure.WORDS[SMALL]


# --- primary suppression -------------------------------------------------------------------


@pytest.mark.parametrize(("count", "small"), [(0, False), (1, True), (2, True), (4, True), (5, False), (40, False)])
def test_counts_from_1_to_4_are_small_and_zero_is_not(count, small):
    assert disclosure.is_small(count) is small
    assert disclosure.primary(count) == (SMALL if small else None)


def test_without_a_total_only_small_counts_are_hidden():
    assert disclosure.column([3, 40, 0, 7], total_published=False) == [SMALL, None, None, None]


def test_with_nothing_small_nothing_is_hidden():
    assert disclosure.column([5, 40, 0, 7], total_published=True) == [None, None, None, None]


# --- secondary suppression ---------------------------------------------------------------------


def test_one_small_count_beside_a_total_hides_the_next_smallest_non_zero_count():
    # Total 80: with only the 3 hidden, 80 - 20 - 7 - 50 gives it back.
    assert disclosure.column([20, 3, 0, 7, 50], total_published=True) == [None, WITHHELD, None, WITHHELD, None]


def test_the_first_of_two_equally_small_counts_is_the_one_hidden():
    assert disclosure.column([3, 9, 9], total_published=True) == [WITHHELD, WITHHELD, None]


def test_a_yes_no_split_with_one_small_side_hides_the_other_side():
    assert disclosure.column([3, 40], total_published=True) == [WITHHELD, WITHHELD]
    assert disclosure.column([40, 3], total_published=True) == [WITHHELD, WITHHELD]


def test_small_counts_that_their_total_does_not_give_away_read_fewer_than_5():
    # 2 + 3 = 5 could be 1 + 4, 2 + 3, 3 + 2 or 4 + 1.
    assert disclosure.column([2, 3, 40], total_published=True) == [SMALL, SMALL, None]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1, 1, 50], [WITHHELD, WITHHELD, WITHHELD]),  # two hidden adding up to 2 are 1 each
        ([4, 4, 50], [WITHHELD, WITHHELD, WITHHELD]),  # two "fewer than 5" adding up to 8 are 4 each
        ([4, 4, 0], [WITHHELD, WITHHELD, None]),  # no other count to hide: "not shown" is all they say
    ],
)
def test_small_counts_pinned_down_by_their_total_are_hidden_with_another(counts, expected):
    assert disclosure.column(counts, total_published=True) == expected


def test_a_small_total_is_hidden_itself_so_nothing_more_is_needed():
    assert disclosure.column([3, 0, 0], total_published=True) == [SMALL, None, None]
    assert disclosure.column([1, 2], total_published=True) == [SMALL, SMALL]


def test_zero_is_never_hidden():
    for counts in ([3, 0, 40], [0, 3, 0, 9], [1, 1, 0, 50]):
        marks = disclosure.column(counts, total_published=True)
        assert all(mark is None for count, mark in zip(counts, marks) if count == 0)


@pytest.mark.parametrize(
    ("counts", "marks", "pinned"),
    [
        ([3, 40], [SMALL, None], True),  # alone beside its total
        ([2, 3, 40], [SMALL, SMALL, None], False),
        ([1, 1, 40], [SMALL, SMALL, None], True),  # two adding up to 2
        ([4, 4, 40], [SMALL, SMALL, None], True),  # two "fewer than 5" adding up to 8
        ([3, 40], [SMALL, WITHHELD], False),
        # 1 beside a hidden 5 that is no bigger than the 5 still shown: 6 - 5 is 1.
        ([1, 5, 5], [SMALL, WITHHELD, None], True),
        ([40, 7], [None, None], False),
    ],
)
def test_could_be_worked_out(counts, marks, pinned):
    assert disclosure.could_be_worked_out(counts, marks) is pinned


def _compositions(total: int, parts: int):
    """Every column of ``parts`` counts adding up to ``total``."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def _columns(parts: int, largest_total: int):
    for total in range(largest_total + 1):
        yield from _compositions(total, parts)


def _as_read(counts) -> tuple:
    """What a reader sees of a column and its total: numbers, or why they are hidden."""
    marks = disclosure.column(list(counts), total_published=True)
    total = sum(counts)
    return (
        tuple(count if mark is None else mark for count, mark in zip(counts, marks)),
        SMALL if disclosure.is_small(total) else total,
    )


def _values_a_reader_allows(seen: tuple, total, position: int) -> set[int]:
    """What a hidden count could be, to a reader who knows only what the words mean.

    "fewer than 5" is 1 to 4, "not shown" is at least 1, and the counts add up to the total
    (1 to 4 when the total reads "fewer than 5"). Counts in ranges adding up to a fixed sum
    can each take every value between the bounds the others leave it.
    """
    hidden = [i for i, cell in enumerate(seen) if isinstance(cell, Hidden)]
    allowed = set()
    for together in range(1, 5) if total is SMALL else [total]:
        rest = together - sum(cell for cell in seen if not isinstance(cell, Hidden))
        ranges = {i: (1, 4) if seen[i] is SMALL else (1, max(rest, 1)) for i in hidden}
        others = [ranges[i] for i in hidden if i != position]
        low, high = ranges[position]
        allowed.update(
            range(max(low, rest - sum(h for _l, h in others)), min(high, rest - sum(lo for lo, _h in others)) + 1)
        )
    return allowed


@pytest.mark.parametrize(("parts", "largest_total"), [(1, 30), (2, 40), (3, 24), (4, 16), (5, 12), (6, 9)])
def test_from_the_table_alone_no_hidden_count_can_be_worked_out(parts, largest_total):
    given_away = [
        counts
        for counts in _columns(parts, largest_total)
        for seen, total in [_as_read(counts)]
        for position, cell in enumerate(seen)
        if isinstance(cell, Hidden) and len(_values_a_reader_allows(seen, total, position)) == 1
    ]
    # The known limit (see the module): columns whose non-zero counts are all 1.
    assert all(set(counts) <= {0, 1} for counts in given_away), given_away


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_even_a_reader_who_knows_these_rules_cannot_work_out_a_hidden_count_of_a_short_column(parts):
    # Every column adding up to at most 24, grouped by what a reader sees. A reader who knows
    # the rules knows the column is one of its group; a hidden count is safe only if the
    # group holds more than one value for it. (Splits and waits have two counts; areas, often three.)
    looks_the_same = defaultdict(list)
    for counts in _columns(parts, 24):
        looks_the_same[_as_read(counts)].append(counts)

    for (seen, total), columns in looks_the_same.items():
        for position, cell in enumerate(seen):
            if isinstance(cell, Hidden):
                assert len({column[position] for column in columns}) > 1, (seen, total, columns)


def test_the_known_limit_columns_of_ones():
    # Documented in the module: all are hidden, but five hidden counts adding up to 5 can only
    # be 1 each. There is no larger count to hide; only rounding would help.
    assert disclosure.column([1, 1, 1, 1, 1, 0], total_published=True) == [WITHHELD] * 5 + [None]
    assert disclosure.column([1, 1, 1, 1], total_published=True) == [SMALL] * 4


# --- percentages and medians ------------------------------------------------------------------


def test_a_percentage_is_shown_only_when_its_numerator_denominator_and_complement_are():
    assert disclosure.percent_shown(None, None, None)
    assert not disclosure.percent_shown(SMALL, None, None)
    assert not disclosure.percent_shown(None, SMALL, None)
    assert not disclosure.percent_shown(None, None, WITHHELD)
    assert not disclosure.percent_shown(WITHHELD, None)


@pytest.mark.parametrize(("based_on", "shown"), [(1, False), (4, False), (5, True), (100, True)])
def test_a_median_of_fewer_than_5_values_is_not_shown(based_on, shown):
    assert disclosure.median_shown(based_on) is shown
