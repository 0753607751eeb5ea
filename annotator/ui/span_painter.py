"""Paints spans under the text, only for the blocks on screen.

Building one ExtraSelection per span costs ~350 ms for 10,000 spans
(QT_TEXT_FACTS.md); here each paint asks the span index for what is visible and
fills the rectangles those spans cover, line by line (piece by piece where
right-to-left and left-to-right runs mix). The text itself is drawn afterwards
by QPlainTextEdit.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextLayout, QTextLine

from ..core.direction import is_right_to_left
from ..core.layers import GOLD
from ..core.offsets import OffsetMap, as_utf16_units
from ..core.span_index import SpanIndex

HIGHLIGHT_ALPHA = 80
# another annotator's span, where everyone's are shown: a paler wash, a dashed underline;
# a gold (adjudicated) span there: the full wash and a double underline
OTHERS_ALPHA = 40
DASH, GAP = 5.0, 3.0
UNDERLINE_WIDTH = 2.0
UNDERLINE_STEP = 3.0  # nested spans stack their underlines this far apart
MAX_STACK = 3
UNKNOWN_LABEL_COLOUR = "#9AA0A6"
# find-in-document matches: a yellow wash that tints, not hides, the span colours under
# it, and for the current match a stronger orange wash with an outline
FIND_WASH = QColor(255, 214, 0, 120)
CURRENT_FIND_WASH = QColor(255, 140, 0, 140)
CURRENT_FIND_OUTLINE = QColor(220, 100, 0)
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
    """A paragraph (text block) on screen, where it is and which Qt positions it holds."""
    block: object  # QTextBlock
    top_left: QPointF
    qt_start: int  # Qt position of the block's first character
    qt_end: int  # Qt position just past its last character (separator excluded)
    mixed: bool | None = None  # whether it mixes directions; found once, on first use
    right_to_left: bool | None = None  # which way it reads; found once, where needed
    _units: str | None = None

    def text_in_units(self) -> str:
        """The block's text indexed by Qt positions (an emoji as two placeholders);
        copied once per block and paint, not once per highlight."""
        if self._units is None:
            self._units = as_utf16_units(self.block.text())
        return self._units

    def mixes_directions(self) -> bool:
        if self.mixed is None:  # one search per block and paint, not one per highlight
            self.mixed = _MIXED_DIRECTION.search(self.text_in_units()) is not None
        return self.mixed

    def reads_right_to_left(self) -> bool:
        if self.right_to_left is None:  # placeholders are neutral, as emoji are
            self.right_to_left = is_right_to_left(self.text_in_units())
        return self.right_to_left


class SpanPainter:
    def __init__(self):
        self.colours: dict[str, str] = {}
        self.selected_id: int | None = None
        self.flash_id: int | None = None
        self.preview: tuple[int, int] | None = None  # code points of an edge being dragged
        self.outline_colour = QColor("black")
        self.find_matches: list[tuple[int, int]] = []  # code points, in order, not overlapping
        self.me: str | None = None  # set: spans of other annotators are drawn apart
        self.current_find: int | None = None  # which of them is the current one
        self._find_starts: list[int] = []

    def set_find_matches(self, matches: list[tuple[int, int]], current: int | None) -> None:
        self.find_matches = matches
        self._find_starts = [start for start, _ in matches]
        self.current_find = current

    def _visible_finds(self, visible, positions, height: float) -> list[int]:
        # only the lines on screen: a long paragraph may hold thousands of matches
        if not self.find_matches:
            return []
        qt_start, qt_end = on_screen(visible, height)
        start, end = positions.to_index(qt_start), positions.to_index(qt_end)
        return self._finds_in(start, max(end, start + 1))

    def _finds_in(self, start: int, end: int) -> list[int]:
        """Numbers of the find matches that overlap [start, end)."""
        number = max(0, bisect_right(self._find_starts, start) - 1)
        found = []
        while number < len(self.find_matches) and self.find_matches[number][0] < end:
            if self.find_matches[number][1] > start:
                found.append(number)
            number += 1
        return found

    def paint(self, painter: QPainter, blocks: list[VisibleBlock], index: SpanIndex,
              positions: OffsetMap) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)  # for fill(); _outline puts it back after its pen
        for visible in blocks:
            start, end = positions.to_index(visible.qt_start), positions.to_index(visible.qt_end)
            spans = index.overlapping(start, max(end, start + 1))
            finds = self._visible_finds(visible, positions, painter.device().height())
            if spans or finds or self.preview:
                self._paint_block(painter, visible, spans, finds, positions, index)
        painter.restore()

    def _paint_block(self, painter, visible, spans, finds, positions, index):
        painted = []
        for span in spans:
            local = self._local_range(visible, positions, span.start, span.end)
            if local:
                painted.append((span, line_rects(visible, *local)))
        for span, rects in painted:  # all backgrounds first: underlines stay on top
            alpha = OTHERS_ALPHA if self.underline_style(span) == "dashed" else HIGHLIGHT_ALPHA
            colour = label_colour(self.colours.get(span.label, ""), alpha)
            for rect in rects:
                fill(painter, rect, colour)
        current_find_rects = self._paint_finds(painter, visible, finds, positions)
        for span, rects in painted:
            depth = min(index.depth(span), MAX_STACK - 1)
            self._underline(painter, rects, label_colour(self.colours.get(span.label, "")), depth,
                            self.underline_style(span))
            if span.id in (self.selected_id, self.flash_id):
                self._outline(painter, rects, span.id == self.flash_id)
        if self.preview:
            local = self._local_range(visible, positions, *self.preview)
            if local:
                self._outline(painter, line_rects(visible, *local), True)
        if current_find_rects:
            self._outline(painter, current_find_rects, True, CURRENT_FIND_OUTLINE)

    def _paint_finds(self, painter, visible, finds, positions) -> list[QRectF]:
        """Wash the find matches in this block; the current one's rectangles, to outline last."""
        current_rects = []
        for number in finds:
            local = self._local_range(visible, positions, *self.find_matches[number])
            if not local:
                continue
            rects = line_rects(visible, *local)
            current = number == self.current_find
            for rect in rects:
                fill(painter, rect, CURRENT_FIND_WASH if current else FIND_WASH)
            if current:
                current_rects = rects
        return current_rects

    @staticmethod
    def _local_range(visible, positions, start, end):
        qt_start = max(positions.to_units(start), visible.qt_start)
        qt_end = min(positions.to_units(end), visible.qt_end)
        if qt_end <= qt_start:
            return None
        return qt_start - visible.qt_start, qt_end - visible.qt_start

    def underline_style(self, span) -> str:
        """"solid" for one's own spans (and every span where only one layer is shown),
        "double" for gold, "dashed" for another annotator's, where everyone's are shown."""
        if self.me is None or span.annotator == self.me:
            return "solid"
        return "double" if span.annotator == GOLD else "dashed"

    def _underline(self, painter, rects, colour: QColor, depth: int, style: str = "solid") -> None:
        for rect in rects:
            y = rect.bottom() - 1 - depth * UNDERLINE_STEP
            top = y - UNDERLINE_WIDTH + 1
            if style == "double":  # two thin lines in the space of one thick one and a gap
                for line_top in (top, top - UNDERLINE_WIDTH):
                    fill(painter, QRectF(rect.left(), line_top, rect.width(), 1.0), colour)
                continue
            if style == "solid":
                fill(painter, QRectF(rect.left(), top, rect.width(), UNDERLINE_WIDTH), colour)
                continue
            painter.setBrush(colour)
            painter.drawRects(dashes(rect.left(), rect.right(), top))  # one call, not one a dash

    def _outline(self, painter, rects, strong: bool, colour: QColor | None = None) -> None:
        pen = QPen(colour or self.outline_colour)
        pen.setWidthF(2.0 if strong else 1.5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRect(rect.adjusted(-1, 0, 1, -1))
        painter.setPen(Qt.PenStyle.NoPen)


def fill(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """painter.fillRect(rect, colour) where the painter has no pen (SpanPainter.paint).

    The same pixels (brush-filled rectangles without antialiasing cover the same
    pixels), about a fifth of the time: PySide tries fillRect's eleven overloads in
    turn, and the first time makes QGradient ready for one of them (2 ms).
    """
    painter.setBrush(colour)
    painter.drawRect(rect)


def dashes(left: float, right: float, top: float) -> list[QRectF]:
    """The dashes of an underline from ``left`` to ``right``, the last one cut short."""
    rects = []
    x = left
    while x < right:
        rects.append(QRectF(x, top, min(DASH, right - x), UNDERLINE_WIDTH))
        x += DASH + GAP
    return rects


def line_rects(visible: VisibleBlock, start: int, end: int) -> list[QRectF]:
    """Rectangles covering [start, end) of a block: one per wrapped line it touches, or,
    where right-to-left and left-to-right runs mix, one per visual piece."""
    layout: QTextLayout = visible.block.layout()
    mixed = visible.mixes_directions()
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
        spans = _bidi_extents(visible, line, a, b) if mixed else [_extent(line, a, b)]
        top = visible.top_left.y() + line.y()
        for left, right in spans:
            rects.append(QRectF(visible.top_left.x() + left, top, right - left, line.height()))
    return rects


def on_screen(visible: VisibleBlock, height: float) -> tuple[int, int]:
    """Qt positions [start, end) of the lines of a block that lie within the viewport."""
    layout: QTextLayout = visible.block.layout()
    lines = range(layout.lineCount())
    if not lines:
        return visible.qt_start, visible.qt_end
    top = -visible.top_left.y()  # the viewport's top, in the block's coordinates

    def line_top(number: int) -> float:
        return layout.lineAt(number).y()

    first = max(0, bisect_right(lines, top, key=line_top) - 1)
    after = bisect_left(lines, top + height, key=line_top)
    start = visible.qt_start + layout.lineAt(first).textStart()
    end = visible.qt_start + layout.lineAt(after).textStart() if after < len(lines) else visible.qt_end
    return start, min(end, visible.qt_end)


def _extent(line, a: int, b: int) -> tuple[float, float]:
    x1, x2 = line.cursorToX(a)[0], line.cursorToX(b)[0]
    return min(x1, x2), max(x1, x2)


def _bidi_extents(visible: VisibleBlock, line, a: int, b: int) -> list[tuple[float, float]]:
    """Visual pieces of [a, b) in a line that may mix directions, merged where they touch.

    They are the x-ranges Qt fills when it draws a selection of [a, b): the bounding
    rectangle of each glyph run QTextLine.glyphRuns(a, b - a) returns spans exactly the
    part of one run of one direction that lies in [a, b) (Qt takes it from the iterator
    QTextLayout::draw fills selections with). cursorToX per character cannot tell: for
    the first character of a left-to-right run inside a right-to-left line both its
    edges answer the boundary with the run before. Qt gives no glyph run to a tab (its
    two sides, from cursorToX, hold) nor to the whitespace a line ends with.
    """
    text = visible.text_in_units()
    drawn_end = min(b, line.textStart() + _drawn_length(text, line))
    pieces = _run_extents(line, a, drawn_end)
    pieces += [_extent(line, tab, tab + 1) for tab in _tabs(text, a, drawn_end)]
    if drawn_end < b:
        pieces += _trailing_extent(visible, line, max(a, drawn_end), b)
    return _merged(pieces)


def _drawn_length(text: str, line) -> int:
    """Units of a line before the whitespace it ends with (QScriptLine.length: Qt does
    not draw that whitespace, nor give it a glyph run); ``text`` is the block's, in
    units. Python's whitespace is Qt's (QChar::isSpace) but for four control characters
    (U+001C-U+001F) that a document does not hold."""
    start = line.textStart()
    return len(text[start:start + line.textLength()].rstrip())


def _run_extents(line, a: int, b: int) -> list[tuple[float, float]]:
    """The x-ranges of the glyph runs of [a, b), one per run (and per fallback font)."""
    if a >= b:
        return []
    extents = []
    for run in line.glyphRuns(a, b - a):
        rect = run.boundingRect()
        extents.append((rect.left(), rect.right()))
    return extents


def _tabs(text: str, a: int, b: int):
    """Positions of the tabs in [a, b): a tab is no glyph, and Qt gives it no run."""
    tab = text.find("\t", a, b)
    while tab >= 0:
        yield tab
        tab = text.find("\t", tab + 1, b)


def _trailing_extent(visible: VisibleBlock, line, a: int, b: int) -> list[tuple[float, float]]:
    """Where [a, b) of the whitespace a line ends with lies: past the line's text, at
    its end in the paragraph's direction (its left end, right to left), as in a line of
    one direction; nowhere if the line's last character is drawn elsewhere."""
    text_end = line.textStart() + _drawn_length(visible.text_in_units(), line)
    edge = _end_of_text(visible, line, text_end)
    if edge is None:
        return []
    before = sum(_advance(line, i) for i in range(text_end, a))
    width = sum(_advance(line, i) for i in range(a, b))
    if visible.reads_right_to_left():
        return [(edge - before - width, edge - before)]
    return [(edge + before, edge + before + width)]


def _end_of_text(visible: VisibleBlock, line, text_end: int) -> float | None:
    """The x where a line's text ends in its paragraph's direction, if its last character
    is drawn there. None where it is not (English ending a line of Persian): Qt draws
    nothing for the whitespace after it, and a piece at the line's end would stand apart
    from the rest of the highlight."""
    drawn = _run_extents(line, line.textStart(), text_end)
    if not drawn:  # a line of whitespace only
        return line.cursorToX(line.textStart())[0]
    last = _run_extents(line, text_end - 1, text_end)
    if visible.reads_right_to_left():
        edge = min(left for left, _ in drawn)
        return edge if any(left == edge for left, _ in last) else None
    edge = max(right for _, right in drawn)
    return edge if any(right == edge for _, right in last) else None


def _advance(line, i: int) -> float:
    """How wide character i is; cursorToX may put it in the wrong place, not at the wrong width."""
    leading = line.cursorToX(i, QTextLine.Edge.Leading)[0]
    return abs(line.cursorToX(i, QTextLine.Edge.Trailing)[0] - leading)


def _merged(pieces: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """x-ranges joined where they touch or overlap, left to right. Empty ones (a
    zero-width joiner, say) are dropped, as Qt draws nothing for them, unless nothing
    else is left: a span of invisible characters still gets its outline."""
    pieces = sorted(pieces)
    wide = [piece for piece in pieces if piece[1] > piece[0]]
    if not wide:
        return pieces[:1]
    joined = [wide[0]]
    for left, right in wide[1:]:
        if left <= joined[-1][1] + 0.5:
            joined[-1] = (joined[-1][0], max(joined[-1][1], right))
        else:
            joined.append((left, right))
    return joined
