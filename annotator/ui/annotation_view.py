"""The article text: read, select, label, and work on spans with mouse and keyboard.

This widget only translates events. Qt positions (UTF-16 units, CRLF counted
once) are turned into code-point offsets here, at the edge, with the document's
OffsetMap; every decision about spans is the session's.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from ..core.direction import is_right_to_left as paragraph_is_right_to_left
from ..core.offsets import OffsetMap, qt_document_map
from ..core.selection import sentence_starts
from ..session import AnnotationSession, Change
from .context_menu import build_menu
from .keys import handle_key
from .overrides import reported_errors
from .plain_text import plain_tooltip
from .span_painter import SpanPainter, VisibleBlock
from .viewport import wrap_viewport

MIN_POINT_SIZE = 12.0
READING_SCALE = 1.25
PAGE_MARGIN = 18
EDGE_GRAB_PX = 5
FLASH_MS = 900
ZOOM_LIMITS = (-6, 16)


@reported_errors
class AnnotationView(QPlainTextEdit):
    # a text selection awaits a label: the pointer, and the selected lines' band (global)
    selection_finished = Signal(QPoint, QRect)
    document_painted = Signal()  # the document shown last is on screen: its first paint is done

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("annotationView")
        self.setAccessibleName("Article text")
        self.session = session
        self.positions: OffsetMap = qt_document_map("")
        self.painter = SpanPainter()
        self.whole_words = True
        self._edge_drag: str | None = None
        self._press_modifiers = Qt.KeyboardModifier.NoModifier
        self._last_double_click = None
        self._span_before_click: int | None = None  # see mouseDoubleClickEvent
        self._zoom = 0
        self._sentences: list[int] | None = None
        self._pending_whole_words = True
        self.shown_document_painted = False
        self._setup()
        session.subscribe(self._on_change)

    def _setup(self) -> None:
        wrap_viewport(self)  # before anything asks self.viewport(): see wrap_viewport
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(MIN_POINT_SIZE, font.pointSizeF() * READING_SCALE))
        self.setFont(font)
        self._base_point_size = font.pointSizeF()
        self.document().setDocumentMargin(PAGE_MARGIN)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.selectionChanged.connect(self._selection_changed)

    def _selection_changed(self) -> None:
        # a selection made with the keyboard follows the toolbar's whole-word setting;
        # a mouse selection sets its own when the button is released
        if not QApplication.mouseButtons():
            self._pending_whole_words = self.whole_words

    # -- showing the session ---------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.kind == "document":
            self._show_document()
        if change.kind in ("document", "layer"):
            self.painter.me = self._whose_spans_stand_out()
        self.painter.selected_id = self.session.selected_id
        self.viewport().update()

    def _show_document(self) -> None:
        document = self.session.document
        text = document.text if document else ""
        self.painter.colours = {label.name: label.colour for label in self.session.labels}
        # setPlainText: the article is shown as stored, never parsed as HTML
        self.setPlainText(text)
        self.shown_document_painted = False
        self.positions = qt_document_map(text)
        self.painter.set_find_matches([], None)  # they were positions in the previous text
        self._sentences = None
        self.painter.outline_colour = self.palette().color(QPalette.ColorRole.Text)

    def _whose_spans_stand_out(self) -> str | None:
        # only where everyone's spans are shown do the others' need telling apart
        return self.session.annotator if self.session.layer.kind == "all" else None

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switch
            self.painter.outline_colour = self.palette().color(QPalette.ColorRole.Text)
            self.viewport().update()
        super().changeEvent(event)

    # -- offsets at the edge ------------------------------------------------------
    def index_at_qt(self, position: int) -> int:
        return self.positions.to_index(position)

    def qt_at_index(self, index: int) -> int:
        return self.positions.to_units(index)

    def selected_range(self) -> tuple[int, int] | None:
        """The current text selection in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.index_at_qt(cursor.selectionStart()), self.index_at_qt(cursor.selectionEnd())

    def sentence_starts(self) -> list[int]:
        if self._sentences is None:
            text = self.session.document.text if self.session.document else ""
            self._sentences = sentence_starts(text)  # computed on first use: long texts
        return self._sentences

    def caret_index(self) -> int:
        return self.index_at_qt(self.textCursor().position())

    def index_at_point(self, point: QPoint) -> int:
        """The character under a viewport point (the one whose cell holds it)."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        rtl = reads_right_to_left(cursor.block())
        if cursor.position() > cursor.block().position() and ((point.x() < rect.x()) != rtl):
            # the character before the caret: a whole one (an emoji is two UTF-16
            # units, a flag four, an accented letter may be two characters)
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        return self.index_at_qt(cursor.position())

    def is_right_to_left(self, index: int) -> bool:
        """Whether the paragraph holding ``index`` is laid out right to left."""
        return reads_right_to_left(self.document().findBlock(self.qt_at_index(index)))

    def set_selection(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.qt_at_index(start))
        cursor.setPosition(self.qt_at_index(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def show_range(self, start: int, end: int) -> None:
        """Select [start, end) and scroll it to the middle (a find match, a search hit)."""
        self.set_selection(start, end)
        self.centerCursor()

    def set_find_matches(self, matches: list[tuple[int, int]], current: int | None = None) -> None:
        """Highlight find-in-document matches (code points, in order); ``current`` stands out."""
        self.painter.set_find_matches(matches, current)
        self.viewport().update()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    # -- painting -----------------------------------------------------------------
    def paintEvent(self, event) -> None:
        visible = list(self._visible_blocks())
        align_by_direction(visible)  # before the spans are measured and the text drawn
        painter = QPainter(self.viewport())
        self.painter.paint(painter, visible, self.session.index, self.positions)
        painter.end()
        super().paintEvent(event)
        if not self.shown_document_painted:
            self.shown_document_painted = True
            self.document_painted.emit()

    def _visible_blocks(self):
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible() and geometry.bottom() >= 0:
                start = block.position()
                yield VisibleBlock(block, geometry.topLeft(), start, start + block.length() - 1)
            block = block.next()

    def scroll_to_span(self, span_id: int, flash: bool = True) -> None:
        span = self.session.index.get(span_id)
        if span is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.qt_at_index(span.end))
        self.setTextCursor(cursor)
        cursor.setPosition(self.qt_at_index(span.start))
        self.setTextCursor(cursor)
        self.centerCursor()
        if flash:
            self.painter.flash_id = span_id
            self._flash_timer.start()
        self.viewport().update()

    def _end_flash(self) -> None:
        self.painter.flash_id = None
        self.viewport().update()

    # -- zoom -------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        """steps 0 resets; the point size changes by one point per step."""
        self._zoom = 0 if steps == 0 else max(ZOOM_LIMITS[0], min(ZOOM_LIMITS[1], self._zoom + steps))
        font = self.font()
        font.setPointSizeF(self._base_point_size + self._zoom)
        self.setFont(font)

    # -- mouse ----------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        self._press_modifiers = event.modifiers()
        self._span_before_click = None
        if event.button() == Qt.MouseButton.LeftButton:
            if self._is_triple_click(event):
                self._select_paragraph(event.position().toPoint())
                return
            edge = self._edge_under(event.position().toPoint())
            if edge:
                self._edge_drag = edge
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        point = event.position().toPoint()
        if self._edge_drag:
            span = self.session.selected
            position = self._caret_index_at(point)
            bounds = (position, span.end) if self._edge_drag == "start" else (span.start, position)
            self.painter.preview = bounds if bounds[0] < bounds[1] else None
            self.viewport().update()
            return
        self._update_cursor_shape(point)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        point = event.position().toPoint()
        if self._edge_drag:
            edge, self._edge_drag = self._edge_drag, None
            self.painter.preview = None
            self.session.move_edge(edge, self._caret_index_at(point))
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            self.finish_selection(point, exact=bool(self._press_modifiers & Qt.KeyboardModifier.AltModifier))
        else:
            self._span_before_click = self.session.selected_id
            self.session.click(self.index_at_point(point))

    def mouseDoubleClickEvent(self, event) -> None:
        self._last_double_click = (event.timestamp(), event.position().toPoint())
        # The press and release before this were a click, which selected the span under
        # it or none. A double click selects a word, not a span: the span selected before
        # that click stays selected, as for a drag, so the word can name its speaker.
        if self._span_before_click is not None:
            self.session.select(self._span_before_click)
        super().mouseDoubleClickEvent(event)
        self.finish_selection(event.position().toPoint())

    def _is_triple_click(self, event) -> bool:
        if self._last_double_click is None:
            return False
        stamp, point = self._last_double_click
        near = (event.position().toPoint() - point).manhattanLength() < QApplication.startDragDistance()
        recent = event.timestamp() - stamp < QApplication.doubleClickInterval()
        self._last_double_click = None
        return near and recent

    def _select_paragraph(self, point: QPoint) -> None:
        cursor = self.cursorForPosition(point)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.finish_selection(point)

    def _caret_index_at(self, point: QPoint) -> int:
        return self.index_at_qt(self.cursorForPosition(point).position())

    def _edge_under(self, point: QPoint) -> str | None:
        """'start' or 'end' when the point is on an edge of the selected span."""
        span = self.session.selected
        if span is None:
            return None
        for edge in ("start", "end"):
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.qt_at_index(getattr(span, edge)))
            rect = self.cursorRect(cursor)
            if abs(point.x() - rect.x()) <= EDGE_GRAB_PX and rect.top() <= point.y() <= rect.bottom():
                return edge
        return None

    def _update_cursor_shape(self, point: QPoint) -> None:
        shape = Qt.CursorShape.SizeHorCursor if self._edge_under(point) else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)

    def finish_selection(self, point: QPoint, exact: bool = False) -> None:
        """A selection was made: label it with the sticky label, or ask which label."""
        chosen = self.selected_range()
        if chosen is None:
            return
        whole_words = self.whole_words and not exact
        if self.session.sticky_label:
            self.label_selection(self.session.sticky_label, whole_words)
        elif self.session.proposed_range(*chosen, whole_words) is not None:
            self._pending_whole_words = whole_words
            self.selection_finished.emit(self.viewport().mapToGlobal(point), self.selection_band())

    def selection_band(self) -> QRect:
        """The selected lines, the viewport's width across, in global coordinates: what
        the label popup is not to cover."""
        selection = self.textCursor()
        first, last = (QTextCursor(self.document()) for _ in range(2))
        first.setPosition(selection.selectionStart())
        last.setPosition(selection.selectionEnd())
        top, bottom = self.cursorRect(first).top(), self.cursorRect(last).bottom()
        band = QRect(0, top, self.viewport().width(), bottom - top + 1)
        return QRect(self.viewport().mapToGlobal(band.topLeft()), band.size())

    def label_selection(self, label: str, whole_words: bool | None = None) -> bool:
        chosen = self.selected_range()
        if chosen is None:
            return False
        if whole_words is None:
            whole_words = self._pending_whole_words
        span = self.session.label_selection(*chosen, label, whole_words)
        if span is not None:
            self.clear_selection()
        return span is not None

    def name_from_selection(self, name: str) -> bool:
        """The selected words become the selected span's speaker, target or cue."""
        chosen = self.selected_range()
        if chosen is None:
            return False
        value = self.session.name_from_text(name, *chosen, self._pending_whole_words)
        if value is not None:
            self.clear_selection()
        return value is not None

    def contextMenuEvent(self, event) -> None:
        build_menu(self, event.pos()).exec(event.globalPos())

    # -- hover -------------------------------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._show_span_tooltip(event)
            return True
        if event.type() == QEvent.Type.ShortcutOverride and _window_shortcut(event):
            # a read-only QPlainTextEdit still claims Ctrl+Z and friends; let the
            # window's actions (undo of span edits) have them
            event.ignore()
            return True
        return super().event(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._show_span_tooltip(event)
            return True
        return super().viewportEvent(event)

    def _show_span_tooltip(self, event) -> None:
        spans = self.session.index.at(self.index_at_point(event.pos()))
        if not spans:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPos(), plain_tooltip(describe_spans(spans)), self.viewport())

    # -- keyboard ---------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if not handle_key(self, event):
            super().keyPressEvent(event)


def align_by_direction(blocks: list[VisibleBlock]) -> None:
    """Right-to-left paragraphs against the right margin, the others against the left.

    QPlainTextEdit lays every paragraph out with the document's one text option, so a
    Persian or Hebrew paragraph reads right to left but hangs from the left margin.
    Qt reads a layout's alignment when it draws, measures and hit-tests a line, not
    when it breaks lines, so setting it on each laid-out paragraph before the paint is
    enough; a new layout (a resize, a zoom) starts from the document's option again
    and is set here before it is painted.
    """
    for visible in blocks:
        layout = visible.block.layout()
        option = layout.textOption()
        rtl = reads_right_to_left(visible.block)
        wanted = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        if option.alignment() != wanted:
            option.setAlignment(wanted)
            layout.setTextOption(option)


UNKNOWN_DIRECTION = -1  # a new block's user state


def reads_right_to_left(block) -> bool:
    """Whether a paragraph reads right to left, as Qt lays it out (core.direction:
    QTextBlock.textDirection would not pass over isolates, as the layout does).
    Remembered in the block's user state: the text of a shown paragraph never changes,
    and a new text comes with new blocks."""
    state = block.userState()
    if state == UNKNOWN_DIRECTION:
        state = int(paragraph_is_right_to_left(block.text()))
        block.setUserState(state)
    return state == 1


_WINDOW_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _window_shortcut(event) -> bool:
    if any(event.matches(key) for key in _WINDOW_KEYS):
        return True
    combo = QKeySequence(event.keyCombination())
    return combo.toString() in ("Ctrl+Shift+Z", "Ctrl+Y", "Ctrl+=", "Ctrl++", "Ctrl+-", "Ctrl+0",
                                "Alt+Left", "Alt+Right", "Ctrl+Return", "Ctrl+Enter")


def describe_spans(spans) -> str:
    """Hover text for the spans under the mouse, as plain text."""
    parts = []
    for span in spans:
        lines = [f"{span.label}: {span.text}"]
        for name in ("speaker", "target", "cue", "note", "annotator"):
            value = getattr(span, name)
            if value:
                lines.append(f"{name}: {value}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
