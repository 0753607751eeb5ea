"""Random keyboard sessions in the real window, checked after every key.

Hypothesis presses keys in the annotation window on the tricky articles (mixed line
endings, emoji and flags, combining letters and ZWJ sequences, Persian): caret moves
and Shift-selections, label keys 1-4, Delete, Escape, ] and [, moving a span's edges,
Space, S, T and U, keys in the Spans list, undo and redo, the next and previous
document, clicks and drags in the text (and the label popup a drag opens, answered by
the next key). After every step:

- every stored span is exact: ``text[start:end] == span.text``, with code-point offsets;
- the window's session shows what the file holds;
- the caret and the selection map to code points inside the text and back to the
  same Qt positions (the widget's edge is the only place they are converted).

Nothing a key does may raise (pytest-qt fails the test on an exception in a Qt slot).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.model import STATUSES, Document, make_span
from annotator.store import Project
from annotator.ui.main_window import MainWindow

from .conftest import add_article, tricky_text

STEMS = ("crlf_mixed", "emoji_flags", "combining_zwj", "rtl_persian")
MOD = Qt.KeyboardModifier
NONE, SHIFT, CTRL, ALT = (MOD.NoModifier, MOD.ShiftModifier, MOD.ControlModifier,
                          MOD.AltModifier)
CARET_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
              Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageDown)
SPAN_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_BracketRight,
             Qt.Key.Key_BracketLeft, Qt.Key.Key_Space)
WINDOW_ACTIONS = ("zoom_in", "zoom_out", "zoom_reset", "dark", "find", "find_next",
                  "find_previous", "search", "documents", "browser", "adjudicate", "done",
                  "previous", "next", "delete")
PANEL_KEYS = (Qt.Key.Key_A, Qt.Key.Key_E, Qt.Key.Key_R, Qt.Key.Key_Delete, Qt.Key.Key_N,
              Qt.Key.Key_P, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Escape)
LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Space,
             Qt.Key.Key_Delete, Qt.Key.Key_1, Qt.Key.Key_2)
LONG_RUN = int(os.environ.get("ANNOTATOR_SESSION_EXAMPLES", "0"))
fractions = st.floats(min_value=0, max_value=1)  # of the text area's width or height


class KeyboardSession(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # a project file, so that another program (a second connection) can write to it
        self.folder = Path(tempfile.mkdtemp(prefix="window-session-"))
        self.project = Project.open(self.folder / "session.annotator")
        self.other_program = Project.open(self.folder / "session.annotator")
        self.texts = {}
        for stem in STEMS:
            document = add_article(self.project, tricky_text(stem), title=stem)
            self.texts[document.id] = document.text
        self.window = MainWindow(self.project)
        self.window.resize(900, 600)
        self.window.show()
        self.window.activateWindow()
        QApplication.processEvents()
        self.view = self.window.view
        self.view.setFocus()

    def teardown(self):
        self.window.close()
        self.window.deleteLater()
        QApplication.processEvents()
        self.other_program.close()
        self.project.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _press(self, key, modifiers=NONE, target=None):
        QTest.keyClick(target or self.view, key, modifiers)
        QApplication.processEvents()

    # -- keys ---------------------------------------------------------------------------
    @rule(key=st.sampled_from(CARET_KEYS), modifiers=st.sampled_from((NONE, SHIFT, CTRL,
                                                                       CTRL | SHIFT)),
          times=st.integers(min_value=1, max_value=6))
    def move_or_select(self, key, modifiers, times):
        for _ in range(times):
            self._press(key, modifiers)

    @rule(key=st.sampled_from((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)))
    def label_key(self, key):
        self._press(key)

    @rule(key=st.sampled_from(SPAN_KEYS))
    def span_key(self, key):
        self._press(key)

    @rule(key=st.sampled_from((Qt.Key.Key_S, Qt.Key.Key_T, Qt.Key.Key_U)))
    def naming_key(self, key):
        """S, T, U: the selected words name the selected span's speaker, target, cue."""
        self._press(key)

    @rule(key=st.sampled_from((Qt.Key.Key_Left, Qt.Key.Key_Right)),
          modifiers=st.sampled_from((SHIFT, ALT | SHIFT, CTRL | SHIFT)))
    def move_an_edge(self, key, modifiers):
        self._press(key, modifiers)

    @rule(x=fractions, y=fractions)
    def click(self, x, y):
        """A click anywhere in the text: it selects the span there (or none)."""
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, NONE, self._point(x, y))
        QApplication.processEvents()
        self.view.setFocus()

    @rule(start=st.tuples(fractions, fractions), end=st.tuples(fractions, fractions),
          exact=st.booleans())
    def drag(self, start, end, exact):
        """A drag over the text (Alt: exact characters); a label key or Escape answers
        the label popup it may open."""
        viewport, modifiers = self.view.viewport(), ALT if exact else NONE
        a, b = self._point(*start), self._point(*end)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, a)
        QTest.mouseMove(viewport, (a + b) / 2)
        QTest.mouseMove(viewport, b)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, b)
        QApplication.processEvents()

    def _point(self, x: float, y: float) -> QPoint:
        area = self.view.viewport().rect()
        return QPoint(round(x * (area.width() - 1)), round(y * (area.height() - 1)))

    @rule(name=st.sampled_from(WINDOW_ACTIONS))
    def window_action(self, name):
        """A menu command that opens no modal dialog (zoom, dark colours, find, the
        search and document tabs, the browser, adjudication, done, other documents)."""
        self.window.actions_by_name[name].trigger()
        QApplication.processEvents()

    @rule(layer=st.sampled_from(("all", "mine", "gold")))
    def choose_a_layer(self, layer):
        next(action for known, action in self.window.layers.fixed.items()
             if known.kind == layer).trigger()
        QApplication.processEvents()

    @rule(key=st.sampled_from(LIST_KEYS))
    def span_list_key(self, key):
        """A key in the Spans list (it takes the keyboard first, as its tab does)."""
        table = self.window.span_list.table
        if table.isVisible():
            table.setFocus(Qt.FocusReason.TabFocusReason)
            self._press(key, NONE, table)
        self.view.setFocus()

    @rule(key=st.sampled_from(PANEL_KEYS))
    def adjudication_key(self, key):
        """A key in the Adjudication panel, if it is open."""
        panel = self.window.adjudication._panel
        if panel is not None and panel.isVisible():
            self._press(key, NONE, panel.table)

    @rule(name=st.sampled_from(("speaker", "target", "cue", "note")),
          text=st.sampled_from(("Zarif", " Le Drian ", "وزیر", "<b>x</b>", "👍🏽", "")),
          back_to_the_text=st.booleans())
    def attribute(self, name, text, back_to_the_text):
        """Typing into an attribution field and committing it (Enter, or the note's
        Ctrl+Enter); then the text takes the focus again, or the field keeps it."""
        field = self.window.attribution.fields[name]
        field.setFocus()
        for character in text:  # QTest.keyClicks knows ASCII only
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, NONE, character))
        self._press(Qt.Key.Key_Return, CTRL if name == "note" else NONE, field)
        if back_to_the_text:
            self.view.setFocus()
        elif field.isEnabled():  # a span is selected: the focus stays where the analyst
            assert QApplication.focusWidget() is field  # left it (other rules key the text)

    @rule(what=st.sampled_from(("span", "document", "status")), choice=st.integers(0, 10**6))
    def another_program_writes(self, what, choice):
        """Another program (a second window, a command-line import) commits; the
        window's next poll must show it, wherever the analyst left the focus."""
        document_id = sorted(self.texts)[choice % len(self.texts)]
        text = self.texts[document_id]
        if what == "span":
            words = list(re.finditer(r"\w+", text))
            word = words[choice % len(words)]
            span = make_span(text, word.start(), word.end(), "quote", annotator="colleague")
            self.other_program.add_span(document_id, span)
        elif what == "document":
            number = len(self.texts) + 1  # a text of its own: a repeated one is not imported
            added = self.other_program.add_document(Document(f"Imported text number {number}.",
                                                             title=f"Imported {number}"))
            self.texts[added.id] = added.text
        else:
            self.other_program.set_status(document_id, STATUSES[choice % len(STATUSES)])
        self.window.refresher.poll()
        QApplication.processEvents()

    @rule(redo=st.booleans())
    def undo_or_redo(self, redo):
        self._press(Qt.Key.Key_Z, CTRL | SHIFT if redo else CTRL, self.window)

    @rule(key=st.sampled_from((Qt.Key.Key_Left, Qt.Key.Key_Right)))
    def another_document(self, key):
        self._press(key, ALT, self.window)
        self.view.setFocus()

    # -- what must hold after every key ---------------------------------------------------
    @invariant()
    def every_stored_span_is_exact(self):
        for document, spans in self.project.documents_with_spans():
            for span in spans:
                assert document.text[span.start:span.end] == span.text, span

    @invariant()
    def the_window_shows_what_is_stored(self):
        session = self.window.session
        session.load_rest()
        stored = session._shown(self.project.spans(session.document.id))
        assert sorted((s.id, s.start, s.end, s.label) for s in session.index) == \
            sorted((s.id, s.start, s.end, s.label) for s in stored)

    @invariant()
    def the_window_knows_every_document_and_its_status(self):
        assert self.window.corpus.navigator.model.rowCount() == self.project.document_count()
        document = self.window.session.document
        assert document.status == self.project.document(document.id).status

    @invariant()
    def the_caret_and_selection_map_to_code_points_and_back(self):
        view = self.view
        text = self.window.session.document.text
        cursor = view.textCursor()
        for position in (cursor.position(), cursor.anchor()):
            index = view.index_at_qt(position)
            assert 0 <= index <= len(text)
            assert view.qt_at_index(index) == position
        chosen = view.selected_range()
        if chosen is not None:
            start, end = chosen
            assert 0 <= start <= end <= len(text)


KeyboardSession.TestCase.settings = settings(
    max_examples=LONG_RUN or 15, stateful_step_count=40 if LONG_RUN else 25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])


def test_random_keyboard_sessions(qtbot):
    KeyboardSession.TestCase("runTest").runTest()
