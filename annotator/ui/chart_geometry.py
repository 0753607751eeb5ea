"""Where the parts of a chart go: pure functions of sizes and values, no painting.

Kept apart from the widgets so that proportions, ticks and hit-testing are tested with
plain numbers. Every length is in device-independent pixels; ``line`` is the height
of one line of the chart's text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCore import QRectF

BAR_FILL = 0.7  # share of a row (or a column) that its bar covers; the rest is air
NAME_SHARE = 0.35  # the name column takes at most this much of the width
DAY_LABEL_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364)  # days between date labels


def nice_ticks(maximum: int, most: int = 6) -> list[int]:
    """Ticks 0, s, 2s, … up to the first at or above ``maximum``, s a round step
    (1, 2 or 5 × 10^k), at most ``most`` of them. The last tick is the scale's end."""
    if maximum <= 0:
        return [0, 1]
    rough = maximum / (most - 1)
    power = 10 ** max(0, math.floor(math.log10(rough)))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return list(range(0, math.ceil(maximum / step) * step + 1, step))


@dataclass(frozen=True)
class BarChartLayout:
    """A horizontal bar chart: a title, then one row per bar (name | bar, value),
    then the value axis and its caption under the rows."""

    title: QRectF
    names: QRectF  # the column the names are drawn in, right-aligned
    plot: QRectF  # bars grow rightwards from plot.left(); one row is ``pitch`` high
    axis: QRectF  # tick values
    caption: QRectF
    pitch: float


def bar_chart_layout(width: float, height: float, rows: int, line: float,
                     name_width: float, value_width: float) -> BarChartLayout:
    margin = line
    title = QRectF(margin, margin / 2, max(0.0, width - 2 * margin), line * 1.5)
    names_width = min(name_width, NAME_SHARE * max(0.0, width - 2 * margin))
    left = margin + names_width + line / 2
    right = max(left, width - margin - value_width - line / 2)
    top = title.bottom() + line / 2
    room = height - top - 3 * line - margin / 2  # axis values and caption below
    pitch = min(max(room / max(rows, 1), line * 1.2), line * 2.4)
    plot = QRectF(left, top, right - left, pitch * rows)
    return BarChartLayout(
        title=title, names=QRectF(margin, top, names_width, plot.height()), plot=plot,
        axis=QRectF(left, plot.bottom() + line / 4, right - left, line),
        caption=QRectF(left, plot.bottom() + line * 1.5, right - left, line), pitch=pitch)


def bar_rects(values: Sequence[int], layout: BarChartLayout, scale: int) -> list[QRectF]:
    """Each value's bar: as long as value / scale of the plot's width, centred in its row."""
    plot, pitch = layout.plot, layout.pitch
    thickness = pitch * BAR_FILL
    return [QRectF(plot.left(), plot.top() + row * pitch + (pitch - thickness) / 2,
                   plot.width() * value / scale, thickness)
            for row, value in enumerate(values)]


@dataclass(frozen=True)
class ColumnChartLayout:
    """A vertical histogram: a title, the value ticks at the left, one column per value
    growing up from the plot's bottom, the date labels and a caption below."""

    title: QRectF
    ticks: QRectF  # the column the tick values are drawn in, right-aligned
    plot: QRectF
    axis: QRectF  # date labels
    caption: QRectF
    pitch: float  # width of one column, gap included


def column_chart_layout(width: float, height: float, columns: int, line: float,
                        tick_width: float) -> ColumnChartLayout:
    margin = line
    title = QRectF(margin, margin / 2, max(0.0, width - 2 * margin), line * 1.5)
    left = margin + tick_width + line / 2
    right = max(left, width - margin)
    top = title.bottom() + line * 1.25  # room for the value over the tallest column
    bottom = max(top, height - margin / 2 - 3 * line)
    plot = QRectF(left, top, right - left, bottom - top)
    return ColumnChartLayout(
        title=title, ticks=QRectF(margin, top, tick_width, plot.height()), plot=plot,
        axis=QRectF(left, bottom + line / 4, right - left, line),
        caption=QRectF(left, bottom + line * 1.5, right - left, line),
        pitch=plot.width() / max(columns, 1))


def column_rects(values: Sequence[int], layout: ColumnChartLayout, scale: int) -> list[QRectF]:
    """Each value's column: value / scale of the plot's height, centred in its slot."""
    plot, pitch = layout.plot, layout.pitch
    thickness = max(1.0, pitch * BAR_FILL) if pitch >= 2 else pitch
    columns = []
    for index, value in enumerate(values):
        height = plot.height() * value / scale
        columns.append(QRectF(plot.left() + index * pitch + (pitch - thickness) / 2,
                              plot.bottom() - height, thickness, height))
    return columns


def tick_offset(value: int, scale: int, length: float) -> float:
    """How far along an axis of ``length`` the tick for ``value`` lies."""
    return length * value / scale


def slot_at(position: float, start: float, pitch: float, count: int) -> int | None:
    """The row (or column) under ``position`` along the axis, or None outside them."""
    if pitch <= 0 or position < start:
        return None
    index = int((position - start) // pitch)
    return index if index < count else None


def label_every(pitch: float, label_width: float) -> int:
    """Days between two date labels so that labels never touch: 1, 2, a week, …"""
    return next((step for step in DAY_LABEL_STEPS if step * pitch >= label_width),
                DAY_LABEL_STEPS[-1])
