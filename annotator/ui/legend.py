"""Label swatches: a square that looks like a highlight on the page."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QPainter, QPixmap

from .span_painter import HIGHLIGHT_ALPHA, label_colour

SWATCH_SIZE = 14
WHITE = 0xFFFFFFFF


def swatch(colour: str, size: int = SWATCH_SIZE, base: QColor | None = None) -> QPixmap:
    """The translucent fill over the text background, framed in the label's full colour."""
    # Drawn once per colour, size and background: the label bar, the span list, the
    # document list and the panels all show the same few swatches (a QPixmap is shared,
    # not copied, when handed out twice).
    return _drawn(colour, size, base.rgba() if base is not None else WHITE)


@lru_cache(maxsize=256)
def _drawn(colour: str, size: int, base_rgba: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor.fromRgba(base_rgba))
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, size, size, label_colour(colour, HIGHLIGHT_ALPHA))
    painter.setPen(label_colour(colour))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap


def forget_swatches() -> None:
    _drawn.cache_clear()
