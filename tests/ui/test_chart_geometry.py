"""Chart geometry as plain numbers: ticks, proportional bars, hit-testing, date labels."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.ui import chart_geometry as geometry

LINE = 16.0


@pytest.mark.parametrize("maximum, ticks", [
    (0, [0, 1]),
    (1, [0, 1]),
    (4, [0, 1, 2, 3, 4]),
    (7, [0, 2, 4, 6, 8]),
    (10, [0, 2, 4, 6, 8, 10]),
    (523, [0, 200, 400, 600]),
    (1234, [0, 500, 1000, 1500]),
])
def test_nice_ticks(maximum, ticks):
    assert geometry.nice_ticks(maximum) == ticks


@given(st.integers(1, 10**7), st.integers(3, 8))
def test_ticks_are_round_even_steps_that_reach_the_maximum(maximum, most):
    ticks = geometry.nice_ticks(maximum, most)
    step = ticks[1]
    assert ticks[0] == 0 and ticks[-1] >= maximum and len(ticks) <= most
    assert all(b - a == step for a, b in zip(ticks, ticks[1:]))
    assert str(step).rstrip("0") in ("1", "2", "5")


def test_bars_are_as_long_as_their_share_of_the_scale():
    layout = geometry.bar_chart_layout(600, 400, rows=3, line=LINE, name_width=80,
                                       value_width=30)
    rects = geometry.bar_rects([50, 100, 0], layout, scale=200)
    assert [r.width() for r in rects] == [layout.plot.width() / 4, layout.plot.width() / 2, 0]
    assert all(r.left() == layout.plot.left() for r in rects)
    tops = [r.top() for r in rects]
    assert tops == sorted(tops) and tops[1] - tops[0] == pytest.approx(layout.pitch)


def test_bars_leave_room_for_names_and_values():
    layout = geometry.bar_chart_layout(600, 400, rows=4, line=LINE, name_width=80,
                                       value_width=30)
    assert layout.names.width() == 80
    assert layout.names.right() < layout.plot.left()
    assert layout.plot.right() + 30 < 600
    assert layout.title.bottom() <= layout.plot.top()
    assert layout.plot.bottom() <= layout.axis.top() < layout.caption.top() <= 400


def test_a_long_name_gets_at_most_a_third_of_the_width():
    layout = geometry.bar_chart_layout(600, 400, rows=1, line=LINE, name_width=5000,
                                       value_width=30)
    assert layout.names.width() == pytest.approx(geometry.NAME_SHARE * (600 - 2 * LINE))


def test_rows_keep_a_readable_pitch_however_many_or_few():
    few = geometry.bar_chart_layout(600, 1000, rows=2, line=LINE, name_width=80, value_width=30)
    many = geometry.bar_chart_layout(600, 200, rows=50, line=LINE, name_width=80, value_width=30)
    assert few.pitch == LINE * 2.4 and many.pitch == LINE * 1.2


def test_columns_grow_up_from_the_bottom_in_proportion():
    layout = geometry.column_chart_layout(700, 400, columns=4, line=LINE, tick_width=20)
    rects = geometry.column_rects([0, 5, 10, 20], layout, scale=20)
    assert [r.height() for r in rects] == [0, layout.plot.height() / 4,
                                           layout.plot.height() / 2, layout.plot.height()]
    assert all(r.bottom() == layout.plot.bottom() for r in rects)
    assert layout.pitch == layout.plot.width() / 4
    assert rects[3].left() - rects[2].left() == layout.pitch


def test_slot_at():
    assert geometry.slot_at(105, start=100, pitch=10, count=3) == 0
    assert geometry.slot_at(129.9, start=100, pitch=10, count=3) == 2
    assert geometry.slot_at(130, start=100, pitch=10, count=3) is None
    assert geometry.slot_at(99, start=100, pitch=10, count=3) is None


@pytest.mark.parametrize("pitch, every",
                         [(60, 1), (30, 2), (11, 7), (4, 14), (0.5, 182), (0.1, 364)])
def test_date_labels_are_spaced_so_that_they_never_touch(pitch, every):
    assert geometry.label_every(pitch, label_width=50) == every
