"""Charts drawn with QPainter: a horizontal bar chart and (day_chart.py) a day histogram.

Why QPainter and not QtCharts: annotator depends on PySide6-Essentials only. QtCharts
lives in PySide6-Addons, an extra download several times the size of Essentials, for
two chart types that take a few hundred lines here; drawing them ourselves also keeps
their look in our hands (label colours, the widget palette in light and dark, plain-text
names elided to fit) and lets the geometry be tested as pure functions
(chart_geometry.py).

Every colour comes from the widget's palette (or a label's colour), so a chart follows
the light and dark palettes. Names are user text: QPainter.drawText never interprets
markup, and the tooltips go through plain_tooltip.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QLineF, QLocale, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QRegion
from PySide6.QtWidgets import QToolTip, QWidget

from . import chart_geometry as geometry
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip

Role = QPalette.ColorRole
PNG_SCALE = 2  # saved charts are drawn at twice their size on screen, for crisp print
GRID_ALPHA = 45
MUTED_ALPHA = 110
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Bar:
    name: str
    value: int
    colour: QColor | None = None  # None: the palette's highlight colour
    summary: bool = False  # a row that is not one name ("12 other speakers"): muted, italic


def count_text(value: int) -> str:
    return QLocale().toString(value)


def tinted(colour: QColor, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


@reported_errors
class ChartWidget(QWidget):
    """What every chart shares: title, caption, empty message, tooltips, PNG export."""

    def __init__(self, title: str, caption: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.caption = caption
        self.empty_text = empty_text

    def sizeHint(self) -> QSize:
        return QSize(680, 440)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 220)

    # -- what each kind of chart provides (bar and day charts override all three; a chart
    # -- with nothing of its own is an empty one, showing its empty text) --------------
    def is_empty(self) -> bool:
        return True

    def paint_chart(self, painter: QPainter) -> None:
        """Draw the chart itself; only called when ``is_empty()`` is False."""

    def tooltip_at(self, x: float, y: float) -> str | None:
        """The plain text to show for the bar under the point, or None."""
        return None

    # -- colours ----------------------------------------------------------------------
    def text_colour(self) -> QColor:
        return self.palette().color(Role.Text)

    def grid_colour(self) -> QColor:
        return tinted(self.text_colour(), GRID_ALPHA)

    def muted_colour(self) -> QColor:
        return tinted(self.text_colour(), MUTED_ALPHA)

    # -- painting ---------------------------------------------------------------------
    def line_height(self) -> float:
        return float(self.fontMetrics().height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(Role.Base))
        painter.setPen(self.text_colour())
        if self.is_empty():
            line = self.line_height()
            self.draw_title(painter, QRectF(line, line / 2, self.width() - 2 * line, line * 1.5))
            painter.setPen(self.muted_colour())
            painter.drawText(QRectF(self.rect()), CENTRE, self.empty_text)
        else:
            self.paint_chart(painter)
        painter.end()

    def draw_title(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(self.text_colour())
        painter.drawText(rect, LEFT_MIDDLE, self.title)
        painter.restore()

    def draw_caption(self, painter: QPainter, rect: QRectF, text: str | None = None) -> None:
        painter.setPen(self.muted_colour())
        painter.drawText(rect, CENTRE, text or self.caption)

    # -- tooltips and saving ----------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = None if self.is_empty() else self.tooltip_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def content_height(self) -> float:
        """How much of the widget's height the chart uses (a short chart leaves air below)."""
        return self.height()

    def render_image(self, scale: int = PNG_SCALE) -> QImage:
        """The chart as it looks now, drawn at ``scale`` times its size, without the
        empty space under a short chart."""
        height = self.height() if self.is_empty() else min(self.height(),
                                                            math.ceil(self.content_height()))
        image = QImage(QSize(self.width(), height) * scale, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(scale)
        image.fill(self.palette().color(Role.Base))
        self.render(image, QPoint(), QRegion(0, 0, self.width(), height))
        return image

    def save_png(self, path: str | Path) -> bool:
        return self.render_image().save(str(path), "PNG")


@reported_errors
class HorizontalBarChart(ChartWidget):
    """One row per bar: the name, the bar, its value; a value axis below."""

    def __init__(self, title: str, caption: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(title, caption, empty_text, parent)
        self.bars: list[Bar] = []

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.updateGeometry()  # its minimum height follows the number of rows
        self.update()

    def minimumSizeHint(self) -> QSize:
        """Tall enough for every row at its smallest (a scroll area shows the rest)."""
        hint = super().minimumSizeHint()
        rows_at_smallest = self._layout_for(hint.width(), 0)
        needed = rows_at_smallest.caption.bottom() + self.line_height() / 2
        return QSize(hint.width(), max(hint.height(), math.ceil(needed)))

    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    def ticks(self) -> list[int]:
        return geometry.nice_ticks(max((bar.value for bar in self.bars), default=0))

    def chart_layout(self) -> geometry.BarChartLayout:
        return self._layout_for(self.width(), self.height())

    def _layout_for(self, width: int, height: int) -> geometry.BarChartLayout:
        # rounded up, with a pixel to spare: elidedText cuts a name that only just fits
        name_width = max((math.ceil(QFontMetricsF(self.name_font(bar)).horizontalAdvance(
            one_line(bar.name))) + 1 for bar in self.bars), default=0)
        value_width = max(self.fontMetrics().horizontalAdvance(count_text(v)) for v in self.ticks())
        return geometry.bar_chart_layout(width, height, len(self.bars), self.line_height(),
                                         name_width, value_width)

    def name_font(self, bar: Bar) -> QFont:
        font = QFont(self.font())
        font.setItalic(bar.summary)
        return font

    def content_height(self) -> float:
        return self.chart_layout().caption.bottom() + self.line_height() / 2

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is painted at the widget's current size, in order."""
        return geometry.bar_rects([bar.value for bar in self.bars], self.chart_layout(),
                                  self.ticks()[-1])

    def paint_chart(self, painter: QPainter) -> None:
        layout, ticks = self.chart_layout(), self.ticks()
        self.draw_title(painter, layout.title)
        self._draw_value_axis(painter, layout, ticks)
        for bar, rect in zip(self.bars, self.bar_rects()):
            self._draw_row(painter, layout, bar, rect)
        self.draw_caption(painter, layout.caption)

    def _draw_value_axis(self, painter: QPainter, layout, ticks: list[int]) -> None:
        plot = layout.plot
        for value in ticks:
            x = plot.left() + geometry.tick_offset(value, ticks[-1], plot.width())
            painter.setPen(self.grid_colour())
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            painter.setPen(self.text_colour())
            label = QRectF(x - layout.axis.height() * 3, layout.axis.top(),
                           layout.axis.height() * 6, layout.axis.height())
            painter.drawText(label, CENTRE, count_text(value))

    def _draw_row(self, painter: QPainter, layout, bar: Bar, rect: QRectF) -> None:
        row = QRectF(layout.names.left(), rect.center().y() - layout.pitch / 2,
                     layout.names.width(), layout.pitch)
        painter.save()
        painter.setFont(self.name_font(bar))
        name = painter.fontMetrics().elidedText(one_line(bar.name), Qt.TextElideMode.ElideRight,
                                                math.ceil(row.width()))
        painter.setPen(self.muted_colour() if bar.summary else self.text_colour())
        painter.drawText(row, RIGHT_MIDDLE, name)
        painter.restore()
        fill = self.muted_colour() if bar.summary else (
            bar.colour or self.palette().color(Role.Highlight))
        painter.fillRect(rect, fill)
        painter.setPen(self.text_colour())
        value_at = QRectF(rect.right() + self.line_height() / 4, row.top(),
                          self.width(), row.height())
        painter.drawText(value_at, LEFT_MIDDLE, count_text(bar.value))

    def tooltip_at(self, x: float, y: float) -> str | None:
        layout = self.chart_layout()
        row = geometry.slot_at(y, layout.plot.top(), layout.pitch, len(self.bars))
        if row is None:
            return None
        bar = self.bars[row]
        return f"{bar.name}\n{count_text(bar.value)} {self.caption}"
