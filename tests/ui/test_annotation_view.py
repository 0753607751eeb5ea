"""Making and fixing spans with real mouse and key events, on every tricky text."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextLine
from PySide6.QtWidgets import QApplication

from annotator.ui.main_window import MainWindow

from .conftest import add_article, expected_spans, tricky_text

TRICKY_STEMS = sorted(expected_spans())
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window_on(qtbot, project):
    def make(text, spans=(), **fields):
        add_article(project, text, spans, **fields)
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.resize(900, 700)
        window.show()
        window.activateWindow()  # window shortcuts (undo, zoom, documents) need it
        qtbot.waitUntil(lambda: (QApplication.processEvents(), window.isActiveWindow())[1])
        window.view.setFocus()
        return window
    return make


def point_of(view, index: int) -> QPoint:
    """The viewport point of the caret position before character ``index``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.qt_at_index(index))
    rect = view.cursorRect(cursor)
    return QPoint(rect.x(), rect.center().y())


def press_point(view, index: int, edge: QTextLine.Edge) -> QPoint:
    """Where a hand presses to put the caret before character ``index`` (starting a
    drag, ``edge`` Leading) or lets go to end a selection after character ``index - 1``
    (``edge`` Trailing): a pixel at or next to that caret which Qt maps back to it.

    Two of Qt's quirks in right-to-left paragraphs decide the search:
    - where a left-to-right phrase sits inside one, the caret before the phrase and the
      caret at the end of the line are drawn at the same x, and a press there means
      either by a fraction of a pixel;
    - at the first character of a wrapped line, no pixel maps to the caret before it:
      a hand presses just outside the line instead (the caret lands before the space
      that ended the line above, which whole-word selection drops).
    """
    wanted = view.qt_at_index(index)
    caret = point_of(view, index)
    for step in (0, 1, -1, 2, -2):
        point = QPoint(caret.x() + step, caret.y())
        if view.cursorForPosition(point).position() == wanted:
            return point
    character = index if edge == QTextLine.Edge.Leading else index - 1
    return point_outside(view, character, edge)


def point_outside(view, index: int, edge: QTextLine.Edge) -> QPoint:
    """A viewport point one pixel outside the leading or trailing edge of the character
    at ``index``."""
    position = view.qt_at_index(index)
    block = view.document().findBlock(position)
    within = position - block.position()
    line = block.layout().lineForTextPosition(within)
    leading = line.cursorToX(within, QTextLine.Edge.Leading)[0]
    trailing = line.cursorToX(within, QTextLine.Edge.Trailing)[0]
    forward = 1 if trailing >= leading else -1  # the character's reading direction
    x = leading - forward if edge == QTextLine.Edge.Leading else trailing + forward
    top_left = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    return QPoint(round(top_left.x() + x), round(top_left.y() + line.y() + line.height() / 2))


def drag(qtbot, view, start: int, end: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    for index in (start, end):  # both ends on screen
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.qt_at_index(index))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
    view.clear_selection()
    view.repaint()  # laid out and aligned as the analyst sees it
    a = press_point(view, start, QTextLine.Edge.Leading)
    b = press_point(view, end, QTextLine.Edge.Trailing)
    qtbot.mousePress(view.viewport(), LEFT, modifier, a)
    qtbot.mouseMove(view.viewport(), QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), LEFT, modifier, b)


def saved(window):
    return [(s.start, s.end, s.label, s.text)
            for s in window.project.spans(window.session.document.id)]


@pytest.mark.parametrize("stem", TRICKY_STEMS)
def test_dragging_over_each_expected_phrase_saves_exactly_it(qtbot, window_on, stem):
    window = window_on(tricky_text(stem), title=stem)
    view = window.view
    expected = expected_spans()[stem]["spans"]
    for start, end, label, text in expected:
        window.session.set_sticky_label(label)
        drag(qtbot, view, start, end)
    window.session.set_sticky_label(None)
    assert sorted(saved(window)) == sorted(tuple(span) for span in expected)


@pytest.mark.parametrize("stem", TRICKY_STEMS)
def test_keyboard_only_selection_then_number_key(qtbot, window_on, stem):
    window = window_on(tricky_text(stem), title=stem)
    view = window.view
    start, end, label, text = expected_spans()[stem]["spans"][0]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.qt_at_index(start))
    view.setTextCursor(cursor)
    # extend with Shift+arrow, one character cluster at a time, until the end is reached;
    # in a right-to-left paragraph reading forward is Shift+Left
    forward = Qt.Key.Key_Left if view.is_right_to_left(start) else Qt.Key.Key_Right
    for _ in range(end - start):
        if view.selected_range() is not None and view.selected_range()[1] >= end:
            break
        qtbot.keyClick(view, forward, Qt.KeyboardModifier.ShiftModifier)
    key = window.session.label(label).key
    qtbot.keyClick(view, key)
    assert saved(window) == [(start, end, label, text)]


def test_a_sloppy_drag_snaps_to_whole_words_and_alt_keeps_exact_characters(qtbot, window_on):
    text = "The minister denied the report outright."
    window = window_on(text)
    view = window.view
    window.session.set_sticky_label("denial")
    drag(qtbot, view, text.index("nied") , text.index("report") + 3)  # "nied the rep"
    assert saved(window) == [(13, 30, "denial", "denied the report")]
    window.session.undo()
    drag(qtbot, view, text.index("nied"), text.index("report") + 3, Qt.KeyboardModifier.AltModifier)
    assert saved(window) == [(15, 27, "denial", "nied the rep")]


def test_the_exact_characters_toggle_keeps_the_selection_as_dragged(qtbot, window_on):
    text = "The minister denied the report outright."
    window = window_on(text)
    window.label_bar.exact_action.trigger()
    window.session.set_sticky_label("claim")
    drag(qtbot, window.view, 5, 9)
    assert saved(window) == [(5, 9, "claim", "inis")]


def test_double_click_selects_a_word_and_the_popup_labels_it(qtbot, window_on):
    text = "Officials claimed success yesterday."
    window = window_on(text)
    view = window.view
    point = point_of(view, text.index("success") + 2)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)
    popup = window.popup
    assert popup.isVisible()
    qtbot.mouseClick(popup.buttons["claim"], LEFT)
    assert saved(window) == [(18, 25, "claim", "success")]
    assert not popup.isVisible()


def test_the_popup_takes_a_number_key(qtbot, window_on):
    text = "Officials claimed success yesterday."
    window = window_on(text)
    qtbot.mouseDClick(window.view.viewport(), LEFT, pos=point_of(window.view, 3))
    qtbot.keyClick(window.popup, "4")
    assert saved(window) == [(0, 9, "quote", "Officials")]


def test_triple_click_selects_the_paragraph(qtbot, window_on):
    text = "First paragraph here.\r\nSecond one, with words.\r\nThird."
    window = window_on(text)
    view = window.view
    window.session.set_sticky_label("quote")
    point = point_of(view, text.index("with"))
    qtbot.mouseDClick(view.viewport(), LEFT, pos=point)
    qtbot.mousePress(view.viewport(), LEFT, pos=point)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=point)
    assert ("Second one, with words." in [s[3] for s in saved(window)])


def test_a_span_crosses_paragraph_breaks(qtbot, window_on):
    text = "He said:\r\n\r\nwe refuse.\u2028Period."
    window = window_on(text)
    window.session.set_sticky_label("quote")
    drag(qtbot, window.view, 3, len(text))
    assert saved(window) == [(3, len(text), "quote", text[3:])]


def test_label_buttons_label_a_keyboard_selection(qtbot, window_on):
    text = "The council demanded a vote."
    window = window_on(text)
    window.view.set_selection(12, 27)
    qtbot.mouseClick(window.label_bar.buttons["demand"], LEFT)
    assert saved(window) == [(12, 27, "demand", "demanded a vote")]


def test_sticky_label_from_a_key_applies_to_following_selections(qtbot, window_on):
    text = "One claim here. Another claim there."
    window = window_on(text)
    view = window.view
    qtbot.keyClick(view, "1")
    assert window.session.sticky_label == "claim"
    assert window.label_bar.buttons["claim"].isChecked()
    drag(qtbot, view, 0, 9)
    drag(qtbot, view, 16, 29)
    assert [s[3] for s in saved(window)] == ["One claim", "Another claim"]
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # drops the span selection
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # drops the sticky label
    assert window.session.sticky_label is None


def test_click_selects_and_cycles_nested_spans_then_keys_fix_them(qtbot, window_on):
    text = 'Zarif said "we will not sign" today.'
    window = window_on(text, [(6, 29, "claim"), (11, 29, "quote")])
    view, session = window.view, window.session
    inner = point_of(view, 14)
    qtbot.mouseClick(view.viewport(), LEFT, pos=inner)
    assert session.selected.label == "quote"
    qtbot.mouseClick(view.viewport(), LEFT, pos=inner)
    assert session.selected.label == "claim"
    qtbot.keyClick(view, "3")  # relabel
    assert session.selected.label == "demand"
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # end one left
    assert session.selected.text == 'said "we will not sign'
    mods = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, mods | Qt.KeyboardModifier.ControlModifier)  # start a word right
    assert session.selected.text == '"we will not sign'
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [s[2] for s in saved(window)] == ["quote"]
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(s[2] for s in saved(window)) == ["claim", "quote"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert sorted(s[2] for s in saved(window)) == ["demand", "quote"]


def test_dragging_the_edge_of_the_selected_span_moves_it(qtbot, window_on):
    text = "The minister denied the report outright."
    window = window_on(text, [(13, 19, "denial")])
    view, session = window.view, window.session
    qtbot.mouseClick(view.viewport(), LEFT, pos=point_of(view, 15))
    assert session.selected is not None
    start, target = point_of(view, 19), point_of(view, 30)
    qtbot.mousePress(view.viewport(), LEFT, pos=start)
    qtbot.mouseMove(view.viewport(), target)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=target)
    assert saved(window) == [(13, 30, "denial", "denied the report")]


def test_an_edge_dragged_onto_a_line_break_or_a_space_stops_at_the_text(qtbot, window_on):
    """Dragged past the line's end, the span took the CRLF; into "Fishermen ", its space."""
    text = "Oil leaked into the harbour.\r\nFishermen said nothing."
    window = window_on(text, [(0, 28, "denial")])
    view, session = window.view, window.session
    qtbot.mouseClick(view.viewport(), LEFT, pos=point_of(view, 5))
    for target, stored in ((30, "Oil leaked into the harbour."),
                           (40, "Oil leaked into the harbour.\r\nFishermen")):
        end = session.selected.end
        qtbot.mousePress(view.viewport(), LEFT, pos=point_of(view, end))
        qtbot.mouseMove(view.viewport(), point_of(view, target))
        qtbot.mouseRelease(view.viewport(), LEFT, pos=point_of(view, target))
        assert [s[3] for s in saved(window)] == [stored]


def test_brackets_walk_through_spans_and_space_cycles_under_the_caret(qtbot, window_on):
    text = "Alpha beta gamma delta."
    window = window_on(text, [(0, 5, "claim"), (6, 16, "quote"), (11, 16, "denial")])
    view, session = window.view, window.session
    qtbot.keyClick(view, "]")
    assert session.selected.text == "Alpha"
    qtbot.keyClick(view, "]")
    assert session.selected.text == "beta gamma"
    qtbot.keyClick(view, "[")
    assert session.selected.text == "Alpha"
    view.set_selection(12, 12)
    cursor = view.textCursor()
    cursor.setPosition(view.qt_at_index(12))
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert session.selected.text == "gamma"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert session.selected.text == "beta gamma"


def test_sentence_keys_move_the_caret(qtbot, window_on):
    text = "First one. Second one! Third?\r\nFourth."
    window = window_on(text)
    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.caret_index() == 11
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (11, 23)


def test_no_keystroke_edits_the_article(qtbot, window_on):
    text = "Read me.\r\nTwice."
    window = window_on(text)
    before = window.view.document().toRawText()
    qtbot.keyClicks(window.view, "xyz")
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Tab):
        qtbot.keyClick(window.view, key)
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.view.document().toRawText() == before


def test_hover_text_is_plain(qtbot, window_on):
    from annotator.ui.annotation_view import describe_spans
    text = "He said <b>no</b>."
    window = window_on(text, [(8, 17, "quote")])
    span = window.session.index.in_order()[0]
    window.session.select(span.id)
    window.session.set_attribute("note", "<img src=x>")
    described = describe_spans(window.session.index.at(9))
    assert "quote: <b>no</b>" in described and "note: <img src=x>" in described
    from annotator.ui.plain_text import plain_tooltip
    assert "&lt;img src=x&gt;" in plain_tooltip(described)


def test_zoom_keys_change_the_font_size(qtbot, window_on):
    window = window_on("Zoom me.")
    size = window.view.font().pointSizeF()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == size + 1
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == size - 1
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.font().pointSizeF() == size


def test_documents_next_previous_and_mark_done(qtbot, window_on, project):
    add_article(project, "First doc.")
    window = window_on("Second doc.")
    window.open_document(1)
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.document.text == "Second doc."
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session.document.text == "First doc."
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert project.document(1).status == "done"
    assert window.session.document.text == "Second doc."


def test_files_given_to_the_window_are_imported_once_and_opened(qtbot, window_on, tmp_path, project):
    window = window_on("Existing.")
    article = tmp_path / "new.txt"
    article.write_text("A new article.\n", encoding="utf-8")
    window.import_files([article])
    assert window.session.document.text == "A new article.\n"
    window.open_document(1)
    window.import_files([article])
    assert window.session.document.text == "A new article.\n"
    assert project.document_count() == 2


def test_copy_shortcut_still_copies(qtbot, window_on):
    window = window_on("Copy this text.")
    window.view.set_selection(0, 4)
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Copy"


def test_right_click_menu_labels_the_selection_and_deletes_spans(qtbot, window_on):
    from annotator.ui.context_menu import build_menu
    text = "Officials claimed success yesterday."
    window = window_on(text)
    view = window.view
    view.set_selection(10, 25)
    menu = build_menu(view, point_of(view, 12))
    [submenu] = [a.menu() for a in menu.actions() if a.menu()]
    assert submenu.title() == "Label selection as"
    [claim] = [a for a in submenu.actions() if a.text().startswith("claim")]
    claim.trigger()
    assert saved(window) == [(10, 25, "claim", "claimed success")]
    view.clear_selection()
    menu = build_menu(view, point_of(view, 12))
    assert window.session.selected is not None  # right-click chose the span under it
    [delete] = [a for a in menu.actions() if a.text().startswith("Delete span")]
    delete.trigger()
    assert saved(window) == []


def test_dropping_files_imports_and_opens_them(qtbot, window_on, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent
    window = window_on("Existing.")
    article = tmp_path / "dropped.txt"
    article.write_text("Dropped article text.\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.session.document.text == "Dropped article text.\n"


def test_a_rejected_drop_says_why(qtbot, window_on, tmp_path):
    window = window_on("Existing.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    window.import_files([empty])
    dialog = window.importing.report_dialog
    assert dialog.isVisible()
    from annotator.ui.import_report import report_text
    assert "empty.txt: empty file" in report_text(dialog.report)
    assert window.session.document.text == "Existing."


def test_hovering_a_span_shows_its_attribution(qtbot, window_on):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QToolTip
    text = "Zarif said no today."
    window = window_on(text, [(6, 13, "claim")])
    span = window.session.index.in_order()[0]
    window.session.select(span.id)
    window.session.set_attribute("speaker", "Zarif <b>")
    point = point_of(window.view, 8)
    event = QHelpEvent(QEvent.Type.ToolTip, point, window.view.viewport().mapToGlobal(point))
    window.view.viewportEvent(event)
    assert QToolTip.isVisible()
    assert "speaker: Zarif &lt;b&gt;" in QToolTip.text()


def test_open_project_switches_windows_and_closes_the_old_project(qtbot, window_on, tmp_path, project):
    from annotator.core.model import Document
    from annotator.store import Project
    from annotator.ui import window_projects
    other_path = tmp_path / "other.annotator"
    other = Project.open(other_path)
    other.add_document(Document(text="Other project text."))
    other.close()
    window = window_on("First project.")
    fresh = window_projects.open_project_at(window, other_path)
    qtbot.addWidget(fresh)
    assert fresh.session.document.text == "Other project text."
    assert not window.isVisible()
    bad = tmp_path / "notes.annotator"
    bad.write_text("not a project")
    assert window_projects.open_project_at(fresh, bad) is None
    assert "not an annotator project" in fresh.project_error.text()
    assert fresh.isVisible() and not fresh.project.closed
    fresh.close()
    assert fresh.project.closed


@pytest.mark.parametrize("stem", TRICKY_STEMS)
def test_every_point_of_a_line_names_a_whole_character(window_on, stem):
    # a click left of the caret after an emoji once stepped back one UTF-16 unit, into
    # the middle of the emoji, and the click raised instead of selecting
    from annotator.core.selection import cluster_safe

    window = window_on(tricky_text(stem), title=stem)
    view, text = window.view, window.session.document.text
    view.repaint()
    block = view.document().firstBlock()
    while block.isValid():
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            y = round(top + line.y() + line.height() / 2)
            if not 0 <= y < view.viewport().height():
                continue
            for x in range(0, view.viewport().width(), 2):
                index = view.index_at_point(QPoint(x, y))
                assert 0 <= index <= len(text)
                if index < len(text):
                    assert cluster_safe(text, index, index + 1)[0] == index, (x, y, index)
        block = block.next()
