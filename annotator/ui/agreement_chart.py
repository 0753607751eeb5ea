"""Agreement per label as a chart: for each label (and overall) two bars, overlap F1 and
unitizing alpha, on a scale that ends at 1 and starts at 0, or below 0 when a figure
is negative (alpha is, when annotators agree less than chance would).

It is a ChartWidget (charts.py: title, palette colours, tooltips, PNG export) laid out by
chart_geometry.bar_chart_layout, one row per label; the bars' places are pure functions
below, tested with plain numbers.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from . import chart_geometry as geometry
from .charts import CENTRE, LEFT_MIDDLE, RIGHT_MIDDLE, ChartWidget, tinted
from .overrides import reported_errors
from .plain_text import one_line

SERIES = (("overlap_f1", "overlap F1"), ("unitizing_alpha", "α_u chars"))
PALE_ALPHA = 95  # the second series: the label's colour, paler, outlined
SWATCH = 0.7  # a legend swatch's side, in lines
NOT_DEFINED = "n/a"


class ScoreRow(NamedTuple):
    name: str
    values: tuple[float | None, ...]  # one per series
    colour: QColor | None = None  # None: muted (the overall row)


def score_ticks(values: Sequence[float | None]) -> list[float]:
    """Ticks every 0.2 from 0 (or from below the lowest negative value) up to 1; every
    0.5 when a value lies below -1, so the axis never holds more than a dozen ticks."""
    defined = [v for v in values if v is not None]
    low = min([0.0, *defined])
    tenths = 2 if low >= -1 else 5  # the step, in tenths; both divide 10, so 1 is a tick
    first = math.floor(round(low * 10 / tenths, 9)) * tenths  # rounded: -0.4 stays -0.4
    return [step / 10 for step in range(first, 11, tenths)]


def value_x(value: float, plot: QRectF, low: float, high: float) -> float:
    """Where ``value`` lies along the plot, ``low`` at its left and ``high`` at its right."""
    return plot.left() + plot.width() * (value - low) / (high - low)


def score_rects(rows: Sequence[Sequence[float | None]], layout: geometry.BarChartLayout,
                low: float, high: float) -> list[list[QRectF | None]]:
    """Each row's bars, one under the other within the row, from 0 to the value (leftwards
    for a negative one); None where the value is not defined."""
    plot, pitch = layout.plot, layout.pitch
    zero = value_x(0.0, plot, low, high)
    out = []
    for number, values in enumerate(rows):
        thickness = pitch * geometry.BAR_FILL / max(len(values), 1)
        top = plot.top() + number * pitch + (pitch - thickness * len(values)) / 2
        bars: list[QRectF | None] = []
        for series, value in enumerate(values):
            if value is None:
                bars.append(None)
                continue
            end = value_x(value, plot, low, high)
            bars.append(QRectF(min(zero, end), top + series * thickness, abs(end - zero),
                               thickness))
        out.append(bars)
    return out


def score_text(value: float | None) -> str:
    return NOT_DEFINED if value is None else f"{value:.2f}"


@reported_errors
class ScoreChart(ChartWidget):
    """Rows of grouped bars for scores between (about) -1 and 1."""

    def __init__(self, title: str, caption: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(title, caption, empty_text, parent)
        self.rows: list[ScoreRow] = []

    def set_rows(self, rows: list[ScoreRow]) -> None:
        self.rows = list(rows)
        self.updateGeometry()  # its minimum height follows the number of rows
        self.update()

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.update()

    def is_empty(self) -> bool:
        return not any(value is not None for row in self.rows for value in row.values)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        needed = self._layout_for(hint.width(), 0).caption.bottom() + self.line_height() / 2
        return QSize(hint.width(), max(hint.height(), math.ceil(needed)))

    def ticks(self) -> list[float]:
        return score_ticks([value for row in self.rows for value in row.values])

    def chart_layout(self) -> geometry.BarChartLayout:
        return self._layout_for(self.width(), self.height())

    def _layout_for(self, width: int, height: int) -> geometry.BarChartLayout:
        # rounded up, with a pixel to spare: elidedText cuts a name that only just fits
        name_width = max((math.ceil(QFontMetricsF(self._name_font(row)).horizontalAdvance(
            one_line(row.name))) + 1 for row in self.rows), default=0)
        value_width = self.fontMetrics().horizontalAdvance("-0.00")
        return geometry.bar_chart_layout(width, height, len(self.rows), self.line_height(),
                                         name_width, value_width)

    def content_height(self) -> float:
        return self.chart_layout().caption.bottom() + self.line_height() / 2

    def bar_rects(self) -> list[list[QRectF | None]]:
        ticks = self.ticks()
        return score_rects([row.values for row in self.rows], self.chart_layout(),
                           ticks[0], ticks[-1])

    # -- painting ---------------------------------------------------------------------
    def _name_font(self, row: ScoreRow) -> QFont:
        font = QFont(self.font())
        font.setItalic(row.colour is None)
        return font

    def paint_chart(self, painter: QPainter) -> None:
        layout, ticks = self.chart_layout(), self.ticks()
        self.draw_title(painter, layout.title)
        self._draw_axis(painter, layout, ticks)
        for number, (row, rects) in enumerate(zip(self.rows, self.bar_rects())):
            self._draw_row(painter, layout, number, rects, ticks)
        self._draw_legend(painter, layout.caption)

    def _draw_axis(self, painter: QPainter, layout, ticks: list[float]) -> None:
        plot = layout.plot
        for value in ticks:
            x = value_x(value, plot, ticks[0], ticks[-1])
            pen = QPen(self.text_colour() if value == 0 else self.grid_colour())
            painter.setPen(pen)
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            painter.setPen(self.text_colour())
            label = QRectF(x - layout.axis.height() * 2, layout.axis.top(),
                           layout.axis.height() * 4, layout.axis.height())
            painter.drawText(label, CENTRE, f"{value:g}")

    def series_colours(self, row: ScoreRow) -> tuple[QColor, QColor]:
        solid = row.colour if row.colour is not None else self.muted_colour()
        return solid, tinted(solid, PALE_ALPHA)

    def _draw_row(self, painter: QPainter, layout, number: int, rects, ticks) -> None:
        line, row = self.line_height(), self.rows[number]
        band = QRectF(layout.names.left(), layout.plot.top() + number * layout.pitch,
                      layout.names.width(), layout.pitch)
        painter.save()
        painter.setFont(self._name_font(row))
        name = painter.fontMetrics().elidedText(one_line(row.name), Qt.TextElideMode.ElideRight,
                                                math.ceil(band.width()))
        painter.setPen(self.muted_colour() if row.colour is None else self.text_colour())
        painter.drawText(band, RIGHT_MIDDLE, name)
        painter.restore()
        zero = value_x(0.0, layout.plot, ticks[0], ticks[-1])
        colours = self.series_colours(row)
        thickness = layout.pitch * geometry.BAR_FILL / len(SERIES)
        top = band.top() + (layout.pitch - thickness * len(SERIES)) / 2
        for series, (rect, value) in enumerate(zip(rects, row.values)):
            slot = QRectF(0, top + series * thickness, 0, thickness)
            if rect is not None:
                painter.fillRect(rect, colours[series])
                if series:
                    painter.setPen(colours[0])
                    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
            text_from = max(zero, rect.right()) if rect is not None else zero
            painter.setPen(self.muted_colour() if value is None else self.text_colour())
            painter.drawText(QRectF(text_from + line / 4, slot.top(), line * 4, slot.height()),
                             LEFT_MIDDLE, score_text(value))

    def _draw_legend(self, painter: QPainter, caption: QRectF) -> None:
        """A swatch and a name per series, centred under the axis (muted: the colours
        of each row are its label's)."""
        line = self.line_height()
        metrics = painter.fontMetrics()
        colours = self.series_colours(ScoreRow("", ()))
        gap = line * 1.5
        widths = [line * SWATCH + line / 3 + metrics.horizontalAdvance(name) for _, name in SERIES]
        x = caption.center().x() - (sum(widths) + gap * (len(widths) - 1)) / 2
        for (_, name), width, colour in zip(SERIES, widths, colours):
            swatch = QRectF(x, caption.center().y() - line * SWATCH / 2, line * SWATCH,
                            line * SWATCH)
            painter.fillRect(swatch, colour)
            painter.setPen(colours[0])
            painter.drawRect(swatch.adjusted(0.5, 0.5, -0.5, -0.5))
            painter.setPen(self.text_colour())
            painter.drawText(QRectF(swatch.right() + line / 3, caption.top(), width,
                                    caption.height()), LEFT_MIDDLE, name)
            x += width + gap

    def tooltip_at(self, x: float, y: float) -> str | None:
        layout = self.chart_layout()
        number = geometry.slot_at(y, layout.plot.top(), layout.pitch, len(self.rows))
        if number is None:
            return None
        row = self.rows[number]
        return "\n".join([row.name, *(f"{name}: {score_text(value)}"
                                      for (_, name), value in zip(SERIES, row.values))])

