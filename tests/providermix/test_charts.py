"""core/charts.py: the geometry of stacked bar charts."""

from decimal import Decimal as D

import pytest

from carershub.core import charts

SERIES = [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]


def _chart(**kwargs):
    return charts.stacked_bars([("One", {"a": D(25), "b": D(50), "c": D(25)}), ("Two", {"a": D(10), "b": D(0)})],
                               SERIES, width=600, label_width=150, **kwargs)


def test_segment_lengths_are_proportional_to_their_values():
    chart = _chart()
    one = chart.bars[0]

    widths = [s.width for s in one.segments]
    assert widths == pytest.approx([chart.plot_width * 0.25, chart.plot_width * 0.5, chart.plot_width * 0.25])
    assert one.segments[0].x == chart.plot_left
    assert one.segments[1].x == pytest.approx(chart.plot_left + widths[0])
    assert sum(widths) == pytest.approx(chart.plot_width)


def test_zero_values_draw_nothing_and_bars_keep_their_rows():
    chart = _chart()
    two = chart.bars[1]

    assert [s.series for s in two.segments] == ["a"]
    assert two.segments[0].width == pytest.approx(chart.plot_width * 0.1)
    assert two.y == chart.bars[0].y + chart.bars[0].height + 10
    assert chart.height > two.y + two.height


def test_labels_ticks_and_legend():
    chart = _chart()

    assert [b.label for b in chart.bars] == ["One", "Two"]
    assert [t.label for t in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert chart.ticks[-1].x == pytest.approx(chart.plot_left + chart.plot_width)
    assert [(k, label) for k, label, _colour in chart.legend] == SERIES
    assert len({colour for _k, _l, colour in chart.legend}) == 3
    assert chart.bars[0].segments[1].text == "50%"


def test_values_past_the_maximum_stop_at_its_end():
    chart = charts.stacked_bars([("Over", {"a": D(60), "b": D(50)})], SERIES, maximum=100)

    assert sum(s.width for s in chart.bars[0].segments) == pytest.approx(chart.plot_width)


def test_a_category_with_a_note_has_no_bar():
    chart = charts.stacked_bars([("Hidden", {"a": D(60)})], SERIES, notes={"Hidden": "fewer than 5 people"})

    assert chart.bars[0].segments == [] and chart.bars[0].note == "fewer than 5 people"


def test_a_maximum_must_be_positive():
    with pytest.raises(ValueError):
        charts.stacked_bars([], SERIES, maximum=0)
