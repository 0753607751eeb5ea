"""Label swatches: a square that looks like a highlight on the page."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from .span_painter import HIGHLIGHT_ALPHA, fill, label_colour

SWATCH_SIZE = 14


def page_base() -> QColor:
    """The background the text is read on: the application's, the one palette switched
    between light and dark. Read from the application, not from a widget: a widget asked
    while a switch goes round may not have heard of it yet (then a swatch stayed light
    beside dark highlights)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Base)


def swatch(colour: str, size: int = SWATCH_SIZE, base: QColor | None = None) -> QPixmap:
    """The translucent fill over the page's background (``base``, by default the one
    the text is read on now), framed in the label's full colour."""
    # Drawn once per colour, size and background: the label bar, the span list, the
    # document list and the panels all show the same few swatches (a QPixmap is shared,
    # not copied, when handed out twice).
    return _drawn(colour, size, (base or page_base()).rgba(), _pixel_ratio())


def swatch_icon(colour: str, size: int = SWATCH_SIZE, base: QColor | None = None) -> QIcon:
    """The swatch as an icon for lists, tables and menus, the same in a selected row.

    Given a bare pixmap, Qt draws an icon in a selected row tinted with the selection
    colour, and a swatch tinted blue no longer tells which label it stands for.
    """
    pixmap = swatch(colour, size, base)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def _pixel_ratio() -> float:
    """The sharpest screen's device pixels per logical pixel: a swatch drawn for it is
    crisp there (at 200 % or 150 %) and scaled down smoothly on the others."""
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if app is not None else 1.0


@lru_cache(maxsize=256)
def _drawn(colour: str, size: int, base_rgba: int, ratio: float) -> QPixmap:
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(QColor.fromRgba(base_rgba))
    painter = QPainter(pixmap)  # in device pixels, so that the frame stays sharp
    painter.setPen(Qt.PenStyle.NoPen)  # for fill(), as the span marks are drawn
    fill(painter, QRectF(0, 0, pixels, pixels), label_colour(colour, HIGHLIGHT_ALPHA))
    frame, width = label_colour(colour), max(1, round(ratio))  # one logical pixel wide
    for x, y, w, h in ((0, 0, pixels, width), (0, pixels - width, pixels, width),
                       (0, 0, width, pixels), (pixels - width, 0, width, pixels)):
        fill(painter, QRectF(x, y, w, h), frame)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)  # shown at `size` logical pixels
    return pixmap


def forget_swatches() -> None:
    _drawn.cache_clear()
