"""Label swatches: a square that looks like a highlight on the page."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPixmap

from .span_painter import HIGHLIGHT_ALPHA, label_colour

SWATCH_SIZE = 14


def swatch(colour: str, size: int = SWATCH_SIZE, base: QColor | None = None) -> QPixmap:
    """The translucent fill over the text background, framed in the label's full colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(base or QColor("white"))
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, size, size, label_colour(colour, HIGHLIGHT_ALPHA))
    painter.setPen(label_colour(colour))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap
