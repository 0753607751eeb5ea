"""Find in document: every match highlighted, Enter steps, exact on the tricky texts."""
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.ui.find_bar import LONG_TEXT, FindBar
from annotator.ui.main_window import MainWindow

from .conftest import add_article, expected_spans, tricky_text

SHIFT = Qt.KeyboardModifier.ShiftModifier
TRICKY_STEMS = sorted(expected_spans())


@pytest.fixture
def window_with_bar(qtbot, project):
    def make(*texts):
        for number, text in enumerate(texts):
            add_article(project, text, title=f"Article {number + 1}")
        window = MainWindow(project, project.first_document_id())
        bar = FindBar(window.view, window)
        window.centralWidget().layout().addWidget(bar)  # below the text, as the window will
        qtbot.addWidget(window)
        window.resize(900, 700)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: (QApplication.processEvents(), window.isActiveWindow())[1])
        return window, bar
    return make


def find(qtbot, bar, needle):
    bar.open()
    type_into(qtbot, bar.field, needle)


def type_into(qtbot, widget, text):
    """Key events for ``text``: QTest types ASCII only, so other text comes as one key
    event carrying it, as an input method or a compose key delivers it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, text))


def shown(window):
    """The matches the view paints, and which is current."""
    painter = window.view.painter
    return painter.find_matches, painter.current_find


def qt_selected_text(view):
    return view.textCursor().selectedText()


def as_qt_selects_it(text):
    # Qt reports a paragraph break inside a selection as U+2029
    return text.replace("\r\n", "\u2029").replace("\r", "\u2029").replace("\n", "\u2029")


def test_typing_highlights_every_match_and_enter_steps_through_them(qtbot, window_with_bar):
    text = "Sanctions first. Then more sanctions, and SANCTIONS again."
    window, bar = window_with_bar(text)
    find(qtbot, bar, "sanctions")
    starts = [0, text.index("sanctions"), text.index("SANCTIONS")]
    assert shown(window) == ([(s, s + 9) for s in starts], 0)
    assert bar.count_label.text() == "1 of 3" and bar.field.hasFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert shown(window)[1] == 1 and bar.count_label.text() == "2 of 3"
    assert window.view.selected_range() == (starts[1], starts[1] + 9)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # wraps round to the first
    assert shown(window)[1] == 0
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # and back to the last
    assert shown(window)[1] == 2 and qt_selected_text(window.view) == "SANCTIONS"


def test_the_buttons_step_too(qtbot, window_with_bar):
    window, bar = window_with_bar("one two one two one")
    find(qtbot, bar, "one")
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "2 of 3"
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "3 of 3"


def test_escape_closes_the_bar_and_clears_the_highlights(qtbot, window_with_bar):
    window, bar = window_with_bar("find me, find me")
    find(qtbot, bar, "find")
    assert len(shown(window)[0]) == 2
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and shown(window) == ([], None)
    assert window.view.hasFocus()
    assert window.view.selected_range() == (0, 4)  # the match stays selected: a label key labels it
    qtbot.keyClick(window.view, "1")
    assert [(s.start, s.end, s.label) for s in window.project.spans(window.session.document.id)] == [
        (0, 4, "claim")]


def test_no_match_says_so_and_leaves_no_stale_selection(qtbot, window_with_bar):
    window, bar = window_with_bar("alpha beta")
    find(qtbot, bar, "be")
    assert window.view.selected_range() == (6, 8)
    qtbot.keyClicks(bar.field, "x")
    assert bar.count_label.text() == "No matches" and shown(window) == ([], None)
    assert window.view.selected_range() is None


def test_ctrl_f_on_a_selection_searches_for_it_from_there(qtbot, window_with_bar):
    window, bar = window_with_bar("deal one, deal two, deal three")
    window.view.set_selection(10, 14)  # the second "deal"
    bar.open()
    assert bar.field.text() == "deal" and bar.count_label.text() == "2 of 3"


def test_typing_more_keeps_the_current_match_where_the_search_began(qtbot, window_with_bar):
    window, bar = window_with_bar("ab ac ab ac")
    find(qtbot, bar, "a")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # the "a" of the first "ac"
    qtbot.keyClicks(bar.field, "c")
    assert window.view.selected_range() == (3, 5) and bar.count_label.text() == "1 of 2"


def test_another_document_gets_its_own_matches(qtbot, window_with_bar):
    window, bar = window_with_bar("report one", "report, report and report")
    find(qtbot, bar, "report")
    assert bar.count_label.text() == "1 of 1"
    window.go(+1)
    assert shown(window) == ([(0, 6), (8, 14), (19, 25)], None)
    assert bar.count_label.text() == "3 matches"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text() == "1 of 3"


def test_matches_are_painted_with_the_find_wash(qtbot, window_with_bar):
    text = "plain words then target words"
    window, bar = window_with_bar(text)
    find(qtbot, bar, "words")
    # not the current match (that one is selected): washed yellow
    assert washed(window.view, *shown(window)[0][1])


def test_in_a_very_long_document_the_search_waits_for_a_pause_in_typing(qtbot, window_with_bar):
    text = "filler words here.\n" * (LONG_TEXT // 19 + 1) + "the needle at the end"
    window, bar = window_with_bar(text)
    find(qtbot, bar, "needle")
    assert shown(window) == ([], None)  # not yet: typing goes on without a search per key
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 1")
    assert window.view.selected_range() == (text.index("needle"), text.index("needle") + 6)
    bar.field.clear()
    type_into(qtbot, bar.field, "words")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # Enter before the pause: search at once
    assert shown(window)[1] == 0 and len(shown(window)[0]) == LONG_TEXT // 19 + 1


def test_matches_deep_in_one_long_paragraph_are_painted_when_scrolled_to(qtbot, window_with_bar):
    text = "filler words here. " * 2000 + "a needle and a needle to end"
    window, bar = window_with_bar(text)
    find(qtbot, bar, "needle")
    assert window.view.selected_range()[0] == text.index("needle")  # scrolled down to it
    assert washed(window.view, *shown(window)[0][1])


def washed(view, start, end):
    """Whether the find wash shows between the caret positions of start and end."""
    image = view.viewport().grab().toImage()
    left, right = (view.cursorRect(_cursor(view, i)) for i in (start, end))
    colours = [QColor(image.pixel(QPoint(x, left.center().y())))
               for x in range(left.x() + 1, right.x() - 1)]
    return any(c.red() > 230 and c.green() > 190 and c.blue() < 190 for c in colours)


def _cursor(view, index):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.qt_at_index(index))
    return cursor


@pytest.mark.parametrize("stem", TRICKY_STEMS)
def test_each_expected_phrase_of_a_tricky_text_is_found_exactly(qtbot, window_with_bar, stem):
    text = tricky_text(stem)
    window, bar = window_with_bar(text)
    for start, end, _label, phrase in expected_spans()[stem]["spans"]:
        bar.field.clear()
        find(qtbot, bar, phrase)
        assert bar.field.text() == phrase
        matches, _ = shown(window)
        assert (start, end) in matches
        while window.view.selected_range() != (start, end):
            qtbot.keyClick(bar.field, Qt.Key.Key_Return)
        # what Qt shows selected is exactly the phrase: the offsets mapped right
        assert qt_selected_text(window.view) == as_qt_selects_it(phrase)


@pytest.mark.parametrize("needle, expected", [("zoe", "Zo\u0308e"), ("MÜLLER", "Mu\u0308ller"),
                                              ("cafe", "Cafe\u0301"), ("woman", "woman")])
def test_accents_and_case_do_not_matter_and_no_accent_is_cut(qtbot, window_with_bar, needle, expected):
    window, bar = window_with_bar(tricky_text("combining_zwj"))
    find(qtbot, bar, needle)
    assert qt_selected_text(window.view) == expected


def test_after_crlf_and_emoji_the_highlight_is_where_the_text_is(qtbot, window_with_bar):
    window, bar = window_with_bar(tricky_text("crlf_mixed") + tricky_text("emoji_flags"))
    for needle in ("harbour master", "smell", "nowhere 😤", "family", "tariff"):
        bar.field.clear()
        find(qtbot, bar, needle)
        for _ in shown(window)[0]:
            assert qt_selected_text(window.view).lower() == needle
            qtbot.keyClick(bar.field, Qt.Key.Key_Return)


@pytest.mark.parametrize("needle, stored", [("a meeting", "a\u00a0meeting"),
                                            ("meeting with", "meeting\twith"),
                                            ("spokeswoman", "spokes\u00adwoman")])
def test_what_the_analyst_reads_is_found_and_labelled_as_stored(qtbot, window_with_bar,
                                                                   needle, stored):
    """A typed space finds a no-break space or a tab, an invisible soft hyphen is skipped;
    the match selects the stored characters, so the span labelled holds them."""
    text = tricky_text("combining_zwj")
    window, bar = window_with_bar(text)
    find(qtbot, bar, needle)
    assert bar.count_label.text() == "1 of 1"
    start = text.index(stored)
    assert window.view.selected_range() == (start, start + len(stored))
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    qtbot.keyClick(window.view, "1")
    span, = window.project.spans(window.session.document.id)
    assert (span.start, span.end, span.text) == (start, start + len(stored), stored)


def test_f3_after_the_bar_closed_finds_the_last_search_again(qtbot, project):
    """F1 lists F3 "anywhere in the window": with the bar closed it did nothing."""
    from .conftest import active_window
    text = "Iran said no. Paris asked Iran again. Iran refused."
    add_article(project, text)
    window = active_window(qtbot, project)
    view = window.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.corpus.find_bar
    qtbot.keyClicks(bar.field, "Iran")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert view.selected_range() == (0, 4) and not bar.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert view.selected_range() == (26, 30)
    assert not bar.isVisible() and shown(window) == ([], None)  # nothing left highlighted
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert view.selected_range() == (38, 42)
    qtbot.keyClick(view, Qt.Key.Key_F3, SHIFT)
    assert view.selected_range() == (26, 30)
