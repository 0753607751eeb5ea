"""Find in document: a small bar above or below the text (Ctrl+F).

Typing highlights every match in the open document at once; Enter and
Shift+Enter step to the next and previous match, selecting it (so a label key
labels it once the bar is closed); Escape closes the bar and clears the
highlights. Matching is on the text as the analyst reads it: case and accents
ignored, a typed space for any run of white space (no-break space, tab, line
break), invisible format characters (soft hyphen, zero-width space) skipped; a
match never cuts a character (see annotator/core/folding.py). The matches are
code-point ranges of the stored characters, which the view maps to its own
positions.
"""
from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ..core.folding import FoldedText
from ..session import Change
from .annotation_view import AnnotationView
from .overrides import reported_errors

PREFILL_LIMIT = 80  # a selection longer than this (or over lines) is not what one looks for
# In a very long document a one-letter search finds ~100,000 matches (~0.4 s): there the
# search waits for a pause in the typing; in an article it follows every keystroke.
LONG_TEXT = 200_000
TYPING_PAUSE_MS = 250
NO_MATCHES = "No matches"
# the field's own keys, what they do: F1's "In the find bar" (shortcuts_dialog.py);
# eventFilter does them (F3 and Shift+F3 are the Edit menu's)
FIELD_KEYS = (("Enter / Shift+Enter", "next / previous match"),
              ("Esc", "close the bar, back to the text"))


@reported_errors
class FindBar(QFrame):
    closed = Signal()  # the bar was closed (Escape, the close button); focus is back on the text

    def __init__(self, view: AnnotationView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.session = view.session
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None
        self._anchor = 0  # code point where the search starts: the current match's start
        self._folded: tuple[int, FoldedText] | None = None  # (document id, its folded text)
        self._selected: tuple[int, int] | None = None  # the match this bar selected in the view
        self._build()
        self.session.subscribe(self._on_change)
        self.hide()

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._text_changed)
        self._pause = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.search)
        self.field.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("9,999 of 9,999") + 8)
        # glyphs, not the style's icons: they take the text colour, so they show when dark too
        self.previous_button = self._button("findPrevious", "\u25b2", "Previous match (Shift+Enter)",
                                            self.find_previous)
        self.next_button = self._button("findNext", "\u25bc", "Next match (Enter)", self.find_next)
        self.close_button = self._button("findClose", "\u2715", "Close (Escape)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)

    def _button(self, name: str, glyph: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(glyph)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- opening and closing ------------------------------------------------------------
    def open(self) -> None:
        """Show the bar with the cursor in it (Ctrl+F): a short selection is searched for."""
        selected = self.view.selected_range()
        self._anchor = selected[0] if selected else self.view.caret_index()
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        wanted = self._selected_text(selected)
        if wanted and wanted != self.field.text():
            self.field.setText(wanted)  # which searches
        else:
            self.search()
        self.field.selectAll()

    def _selected_text(self, selected: tuple[int, int] | None) -> str | None:
        if selected is None or self.session.document is None:
            return None
        text = self.session.document.text[selected[0]:selected[1]]
        if len(text) > PREFILL_LIMIT or any(ch in "\r\n\u2028\u2029" for ch in text):
            return None
        return text

    def close_bar(self) -> None:
        self._pause.stop()
        self.hide()
        self.matches, self.current = [], None
        self.view.set_find_matches([], None)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    # -- searching ------------------------------------------------------------------------
    def _text_changed(self) -> None:
        document = self.session.document
        if document is not None and len(document.text) > LONG_TEXT:
            self._pause.start()
        else:
            self.search()

    def search(self) -> None:
        """Find what the field holds; the current match is the first at or after the anchor."""
        self._pause.stop()
        needle = self.field.text()
        self.matches = self._folded_text().find_all(needle) if needle and self.session.document else []
        self.current = self._first_from(self._anchor)
        self._show(scroll=True)

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.isVisible() and not self.matches and self.field.text() and self.session.document:
            # F3 after the bar closed: the last search again, from the caret, the bar shut
            self.matches, self.current = self._folded_text().find_all(self.field.text()), None
        if not self.matches:
            return
        if self.current is None:
            following = self._first_from(self.view.caret_index())
            self.current = following if direction > 0 else (following - 1) % len(self.matches)
        else:
            self.current = (self.current + direction) % len(self.matches)
        self._anchor = self.matches[self.current][0]
        self._show(scroll=True)

    def _first_from(self, position: int) -> int | None:
        if not self.matches:
            return None
        number = bisect_left(self.matches, (position, 0))
        return number if number < len(self.matches) else 0  # wrap around to the top

    def _folded_text(self) -> FoldedText:
        # folding a long text takes a moment: once per document, not per keystroke
        document = self.session.document
        if self._folded is None or self._folded[0] != document.id:
            self._folded = (document.id, FoldedText(document.text))
        return self._folded[1]

    def _show(self, scroll: bool) -> None:
        # with the bar shut (F3), only the match found is selected: no highlights are
        # left that no Esc in the bar would take away
        shown = self.matches if self.isVisible() else []
        self.view.set_find_matches(shown, self.current if shown else None)
        self.count_label.setText(self.count_text())
        if scroll and self.current is not None:
            self._selected = self.matches[self.current]
            self.view.show_range(*self._selected)
        elif not self.matches and self._selected and self.view.selected_range() == self._selected:
            self.view.clear_selection()  # no stale match left selected as if it were one
            self._selected = None

    def count_text(self) -> str:
        if not self.field.text():
            return ""
        if not self.matches:
            return NO_MATCHES
        if self.current is None:
            return f"{len(self.matches):,} matches"
        return f"{self.current + 1:,} of {len(self.matches):,}"

    # -- following the session and the keyboard ---------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.kind != "document":
            return
        self._folded = None
        if self.isVisible() and self.field.text():
            # another document: highlight its matches, but leave it where it opened
            self.matches = self._folded_text().find_all(self.field.text())
            self.current, self._anchor = None, 0
            self._show(scroll=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._pause.isActive():
                    self.search()  # Enter before the pause: the first match of what was typed
                else:
                    self._step(-1 if shift else +1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.matches(QKeySequence.StandardKey.FindNext):
                self.find_next()
                return True
            if event.matches(QKeySequence.StandardKey.FindPrevious):
                self.find_previous()
                return True
        return super().eventFilter(watched, event)
