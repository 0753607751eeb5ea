"""The underline dashes of another annotator's span (span_painter.dashes)."""
from annotator.ui.span_painter import DASH, GAP, UNDERLINE_WIDTH, dashes


def test_dashes_start_at_the_left_and_repeat_every_dash_and_gap():
    rects = dashes(10.5, 10.5 + 3 * (DASH + GAP), 20.0)
    assert [(r.left(), r.width()) for r in rects] == [
        (10.5, DASH), (10.5 + DASH + GAP, DASH), (10.5 + 2 * (DASH + GAP), DASH)]
    assert {(r.top(), r.height()) for r in rects} == {(20.0, UNDERLINE_WIDTH)}


def test_the_last_dash_stops_at_the_right_end():
    rects = dashes(0.0, DASH + GAP + 2.0, 0.0)
    assert [(r.left(), r.width()) for r in rects] == [(0.0, DASH), (DASH + GAP, 2.0)]


def test_a_line_shorter_than_a_dash_gets_one_short_dash_and_an_empty_one_none():
    assert [r.width() for r in dashes(4.0, 7.0, 0.0)] == [3.0]
    assert dashes(4.0, 4.0, 0.0) == []
