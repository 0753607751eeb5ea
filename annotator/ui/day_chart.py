"""A histogram of counts per day, drawn with QPainter (see charts.py for why)."""
from __future__ import annotations

from PySide6.QtCore import QDate, QLineF, QLocale, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

from . import chart_geometry as geometry
from .charts import CENTRE, RIGHT_MIDDLE, ChartWidget, count_text
from .overrides import reported_errors

SHORT_DATE = "d MMM"
SPAN_OF_DATES = "d MMM yyyy"


def qdate(day: str) -> QDate:
    return QDate.fromString(day, Qt.DateFormat.ISODate)


@reported_errors
class DayHistogram(ChartWidget):
    """One column per day, left to right; days without counts are gaps."""

    def __init__(self, title: str, caption: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(title, caption, empty_text, parent)
        self.days: list[tuple[str, int]] = []

    def set_days(self, days: list[tuple[str, int]]) -> None:
        """``days``: every day of the window as ("YYYY-MM-DD", count), in order."""
        self.days = list(days)
        self.update()

    def is_empty(self) -> bool:
        return not any(count for _, count in self.days)

    def ticks(self) -> list[int]:
        return geometry.nice_ticks(max((count for _, count in self.days), default=0), most=5)

    def chart_layout(self) -> geometry.ColumnChartLayout:
        metrics = self.fontMetrics()
        tick_width = max(metrics.horizontalAdvance(count_text(v)) for v in self.ticks())
        return geometry.column_chart_layout(self.width(), self.height(), len(self.days),
                                            self.line_height(), tick_width)

    def column_rects(self) -> list[QRectF]:
        """Where each day's column is painted at the widget's current size, in order."""
        return geometry.column_rects([count for _, count in self.days], self.chart_layout(),
                                     self.ticks()[-1])

    def paint_chart(self, painter: QPainter) -> None:
        layout = self.chart_layout()
        self.draw_title(painter, layout.title)
        self._draw_count_axis(painter, layout)
        self._draw_columns(painter, layout)
        self._draw_dates(painter, layout)
        first, last = (QLocale().toString(qdate(day), SPAN_OF_DATES)
                       for day in (self.days[0][0], self.days[-1][0]))
        # created times are stored in UTC, so a day is a UTC day
        self.draw_caption(painter, layout.caption,
                          f"{self.caption} per day (UTC), {first} – {last}")

    def _draw_count_axis(self, painter: QPainter, layout) -> None:
        plot, ticks = layout.plot, self.ticks()
        for value in ticks:
            y = plot.bottom() - geometry.tick_offset(value, ticks[-1], plot.height())
            painter.setPen(self.grid_colour())
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(self.text_colour())
            line = self.line_height()
            painter.drawText(QRectF(layout.ticks.left(), y - line / 2, layout.ticks.width(), line),
                             RIGHT_MIDDLE, count_text(value))

    def _draw_columns(self, painter: QPainter, layout) -> None:
        fill = self.palette().color(QPalette.ColorRole.Highlight)
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(count_text(count)) for _, count in self.days)
        show_values = layout.pitch >= widest + 2  # a value over each column only if it fits
        line = self.line_height()
        painter.setPen(self.text_colour())
        for (_, count), rect in zip(self.days, self.column_rects()):
            painter.fillRect(rect, fill)
            if show_values and count:
                above = QRectF(rect.center().x() - layout.pitch / 2, rect.top() - line,
                               layout.pitch, line)
                painter.drawText(above, CENTRE, count_text(count))

    def _draw_dates(self, painter: QPainter, layout) -> None:
        locale, metrics, line = QLocale(), self.fontMetrics(), self.line_height()
        labels = [locale.toString(qdate(day), SHORT_DATE) for day, _ in self.days]
        widest = max(metrics.horizontalAdvance(label) for label in labels)
        every = geometry.label_every(layout.pitch, widest + line)
        painter.setPen(self.text_colour())
        for index in range(0, len(labels), every):
            centre = layout.plot.left() + (index + 0.5) * layout.pitch
            painter.drawLine(QLineF(centre, layout.plot.bottom(), centre, layout.axis.top()))
            painter.drawText(QRectF(centre - widest, layout.axis.top(), 2 * widest, line),
                             CENTRE, labels[index])

    def tooltip_at(self, x: float, y: float) -> str | None:
        layout = self.chart_layout()
        index = geometry.slot_at(x, layout.plot.left(), layout.pitch, len(self.days))
        if index is None or not layout.plot.top() <= y <= layout.axis.bottom():
            return None
        day, count = self.days[index]
        long_date = QLocale().toString(qdate(day), QLocale.FormatType.LongFormat)
        return f"{long_date}\n{count_text(count)} {self.caption}"
