"""A toolbar that names the labels: colour, name, shortcut key, spans in this document."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QWidget

from ..core.model import Label
from .highlights import highlight_colour

SWATCH_SIZE = 14


def swatch(colour: str, size: int = SWATCH_SIZE, base: QColor | None = None) -> QPixmap:
    """A square that looks like a highlight on the page: the translucent fill over
    the text background, framed in the label's full colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(base or QColor("white"))
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, size, size, highlight_colour(colour))
    frame = QColor(colour)
    painter.setPen(frame if frame.isValid() else highlight_colour(colour))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # label names are user text
    label.setText(text)
    return label


class LegendItem(QWidget):
    def __init__(self, label: Label, count: int, base: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"legend-{label.name}")
        self.setToolTip(label.description)
        self.swatch = QLabel(self)
        self.swatch.setPixmap(swatch(label.colour, base=base))
        self.name = _plain(label.name, self)
        details = [f"key {label.key}"] if label.key else []
        details.append(f"{count} {'span' if count == 1 else 'spans'}")
        self.details = _plain(" · ".join(details), self)
        self.details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 12, 2)
        layout.setSpacing(6)
        for widget in (self.swatch, self.name, self.details):
            layout.addWidget(widget)


class LegendBar(QToolBar):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Labels", parent)
        self.setObjectName("legend")
        self.setMovable(False)
        self.items: list[LegendItem] = []

    def show_labels(self, entries: list[tuple[Label, int]], base: QColor) -> None:
        """``base`` is the colour the highlights are painted on, for true-looking swatches."""
        self.clear()
        self.items = [LegendItem(label, count, base) for label, count in entries]
        for item in self.items:
            self.addWidget(item)
