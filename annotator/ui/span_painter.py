"""Paints spans under the text, only for the blocks on screen.

Building one ExtraSelection per span costs ~350 ms for 10,000 spans
(QT_TEXT_FACTS.md); here each paint asks the span index for what is visible and
fills the rectangles those spans cover, line by line (piece by piece where
right-to-left and left-to-right runs mix). The text itself is drawn afterwards
by QPlainTextEdit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextLayout, QTextLine

from ..core.offsets import OffsetMap
from ..core.span_index import SpanIndex

HIGHLIGHT_ALPHA = 80
UNDERLINE_WIDTH = 2.0
UNDERLINE_STEP = 3.0  # nested spans stack their underlines this far apart
MAX_STACK = 3
UNKNOWN_LABEL_COLOUR = "#9AA0A6"
# a block holding right-to-left script may mix directions within a line
_MIXED_DIRECTION = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def label_colour(colour: str, alpha: int = 255) -> QColor:
    result = QColor(colour)
    if not result.isValid():
        result = QColor(UNKNOWN_LABEL_COLOUR)
    result.setAlpha(alpha)
    return result


@dataclass
class VisibleBlock:
    block: object  # QTextBlock
    top_left: QPointF
    qt_start: int  # Qt position of the block's first character
    qt_end: int  # Qt position just past its last character (separator excluded)


class SpanPainter:
    def __init__(self):
        self.colours: dict[str, str] = {}
        self.selected_id: int | None = None
        self.flash_id: int | None = None
        self.preview: tuple[int, int] | None = None  # code points of an edge being dragged
        self.outline_colour = QColor("black")

    def paint(self, painter: QPainter, blocks: list[VisibleBlock], index: SpanIndex,
              positions: OffsetMap) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for visible in blocks:
            start, end = positions.to_index(visible.qt_start), positions.to_index(visible.qt_end)
            spans = index.overlapping(start, max(end, start + 1))
            if spans or self.preview:
                self._paint_block(painter, visible, spans, positions, index)
        painter.restore()

    def _paint_block(self, painter, visible, spans, positions, index):
        painted = []
        for span in spans:
            local = self._local_range(visible, positions, span.start, span.end)
            if local:
                painted.append((span, line_rects(visible, *local)))
        for span, rects in painted:  # all backgrounds first: underlines stay on top
            colour = label_colour(self.colours.get(span.label, ""), HIGHLIGHT_ALPHA)
            for rect in rects:
                painter.fillRect(rect, colour)
        for span, rects in painted:
            depth = min(index.depth(span), MAX_STACK - 1)
            self._underline(painter, rects, label_colour(self.colours.get(span.label, "")), depth)
            if span.id in (self.selected_id, self.flash_id):
                self._outline(painter, rects, span.id == self.flash_id)
        if self.preview:
            local = self._local_range(visible, positions, *self.preview)
            if local:
                self._outline(painter, line_rects(visible, *local), True)

    @staticmethod
    def _local_range(visible, positions, start, end):
        qt_start = max(positions.to_units(start), visible.qt_start)
        qt_end = min(positions.to_units(end), visible.qt_end)
        if qt_end <= qt_start:
            return None
        return qt_start - visible.qt_start, qt_end - visible.qt_start

    def _underline(self, painter, rects, colour: QColor, depth: int) -> None:
        for rect in rects:
            y = rect.bottom() - 1 - depth * UNDERLINE_STEP
            painter.fillRect(QRectF(rect.left(), y - UNDERLINE_WIDTH + 1, rect.width(), UNDERLINE_WIDTH),
                             colour)

    def _outline(self, painter, rects, strong: bool) -> None:
        pen = QPen(self.outline_colour)
        pen.setWidthF(2.0 if strong else 1.5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRect(rect.adjusted(-1, 0, 1, -1))


def line_rects(visible: VisibleBlock, start: int, end: int) -> list[QRectF]:
    """Rectangles covering [start, end) of a block: one per wrapped line it touches, or,
    where right-to-left and left-to-right runs mix, one per visual piece."""
    layout: QTextLayout = visible.block.layout()
    mixed = _MIXED_DIRECTION.search(visible.block.text()) is not None
    rects = []
    first = max(0, layout.lineForTextPosition(start).lineNumber())
    for number in range(first, layout.lineCount()):
        line = layout.lineAt(number)
        if line.textStart() >= end:
            break
        a = max(start, line.textStart())
        b = min(end, line.textStart() + line.textLength())
        if a >= b:
            continue
        spans = _character_extents(line, a, b) if mixed else [_extent(line, a, b)]
        top = visible.top_left.y() + line.y()
        for left, right in spans:
            rects.append(QRectF(visible.top_left.x() + left, top, right - left, line.height()))
    return rects


def _extent(line, a: int, b: int) -> tuple[float, float]:
    x1, x2 = line.cursorToX(a)[0], line.cursorToX(b)[0]
    return min(x1, x2), max(x1, x2)


def _character_extents(line, a: int, b: int) -> list[tuple[float, float]]:
    """Visual pieces of a logical range in a bidirectional line, merged where they touch."""
    pieces = []
    for i in range(a, b):
        lead = line.cursorToX(i, QTextLine.Edge.Leading)[0]
        trail = line.cursorToX(i, QTextLine.Edge.Trailing)[0]
        pieces.append((min(lead, trail), max(lead, trail)))
    pieces.sort()
    merged = [pieces[0]]
    for left, right in pieces[1:]:
        if left <= merged[-1][1] + 0.5:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged
