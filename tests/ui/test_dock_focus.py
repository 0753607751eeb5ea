"""Keys typed after a click go where the click was (a dock's tab, a greyed-out field),
never on to the text, where a digit labels or relabels."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar

from .conftest import active_window, add_article

TEXT = "The harbour master said the water is clean."


@pytest.fixture
def window(qtbot, project):
    add_article(project, TEXT, [(0, len(TEXT), "claim")])
    return active_window(qtbot, project)


def click_tab(qtbot, window, title):
    """A click on a dock's tab. (The main window keeps tab bars it no longer uses: the
    one in use is the one on top.)"""
    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(index) for index in range(bar.count())]
        on_top = window.childAt(bar.mapTo(window, bar.rect().center())) is bar
        if title in titles and on_top:
            qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                             pos=bar.tabRect(titles.index(title)).center())
            return
    raise AssertionError(f"no tab named {title}")


def focused():
    return QApplication.focusWidget()


def test_keys_typed_after_clicking_the_search_tab_search_and_relabel_nothing(qtbot, window):
    view = window.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_BracketRight)  # the span is selected: "2" would relabel it
    assert window.session.selected is not None
    click_tab(qtbot, window, "Search")
    field = window.corpus.search_panel.field
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(focused(), "2 harbour")
    assert field.text() == "2 harbour"
    assert [span.label for span in window.project.spans(window.session.document.id)] == ["claim"]


def test_the_documents_tab_gives_the_list_the_keyboard(qtbot, window):
    click_tab(qtbot, window, "Search")
    qtbot.waitUntil(window.corpus.search_panel.field.hasFocus)
    click_tab(qtbot, window, "Documents")
    qtbot.waitUntil(window.corpus.navigator.table.hasFocus)


def test_the_guidelines_and_spans_tabs_take_the_keyboard_too(qtbot, window):
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    click_tab(qtbot, window, "Guidelines")
    qtbot.waitUntil(window.guidelines.body.hasFocus)
    click_tab(qtbot, window, "Spans")
    qtbot.waitUntil(window.span_list.table.hasFocus)


def test_opening_the_window_leaves_the_keyboard_in_the_text(qtbot, window):
    qtbot.waitUntil(window.view.hasFocus)
    QApplication.processEvents()
    assert window.view.hasFocus()


def test_coming_back_from_minimised_leaves_the_keyboard_in_the_text(qtbot, window):
    # every dock becomes visible again then, in a window that may already be active
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    window.showMinimized()
    QApplication.processEvents()
    window.showNormal()
    window.activateWindow()
    qtbot.waitActive(window)
    for _ in range(3):
        QApplication.processEvents()
    assert window.view.hasFocus()


def test_typing_after_clicking_a_greyed_out_attribution_field_changes_nothing(qtbot, window):
    # no span selected: the fields are disabled, and a click on one lands on the panel
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    speaker = window.attribution.fields["speaker"]
    assert window.session.selected is None and not speaker.isEnabled()
    qtbot.mouseClick(speaker, Qt.MouseButton.LeftButton)
    assert not window.view.hasFocus()
    qtbot.keyClicks(focused(), "2 officials")
    assert window.session.sticky_label is None
    assert window.session.selected is None
    assert [span.label for span in window.project.spans(window.session.document.id)] == ["claim"]
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # back to the text, as from a field
    assert window.view.hasFocus()


def test_the_spans_tab_takes_the_keyboard_without_choosing_a_span(qtbot, project):
    """The reading place stays: no span is selected, the text does not scroll to one."""
    lines = [f"Line {n}: the harbour master said the water is clean." for n in range(80)]
    text = "\n".join(lines)
    add_article(project, text, [(0, len(lines[0]), "claim")])
    window = active_window(qtbot, project)
    window.resize(900, 500)
    view = window.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    reading_at = view.verticalScrollBar().value()
    assert reading_at > 0 and window.session.selected is None
    click_tab(qtbot, window, "Guidelines")
    click_tab(qtbot, window, "Spans")
    qtbot.waitUntil(window.span_list.table.hasFocus)
    QApplication.processEvents()
    assert window.session.selected is None
    assert view.verticalScrollBar().value() == reading_at
    qtbot.keyClick(window.span_list.table, "2")  # no span chosen: nothing to relabel
    assert [s.label for s in window.project.spans(window.session.document.id)] == ["claim"]
    qtbot.keyClick(window.span_list.table, Qt.Key.Key_Return)  # Enter chooses the marked row
    assert window.session.selected is not None
    qtbot.keyClick(window.span_list.table, "2")
    assert [s.label for s in window.project.spans(window.session.document.id)] == ["denial"]
