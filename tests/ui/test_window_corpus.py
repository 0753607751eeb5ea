"""The corpus views wired into the window: search, find, browser, statistics."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.ui.main_window import MainWindow

from .conftest import add_article


@pytest.fixture
def window(qtbot, project):
    add_article(project, "The minister denied the report.", [(13, 19, "denial")], title="First")
    add_article(project, "Officials demanded an inquiry into the harbour.", title="Second")
    win = MainWindow(project)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: (QApplication.processEvents(), win.isActiveWindow())[1])
    win.view.setFocus()
    return win


def test_search_all_documents_opens_the_hit(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = window.corpus.search_panel
    assert window.corpus.search_dock.isVisible()
    qtbot.keyClicks(panel.field, "harbour")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.document.title == "Second")
    assert window.view.selected_range() == (39, 46)


def test_ctrl_f_finds_in_the_document(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.corpus.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "report")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view.selected_range() == (24, 30))


def test_the_browser_opens_a_span_where_it_is(qtbot, window):
    window.open_document(2)
    qtbot.keyClick(window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    browser = window.corpus.browser
    assert window.corpus.browser_dock.isVisible()
    with qtbot.waitSignal(browser.span_opened):
        browser.span_opened.emit(1, 1)
    assert window.session.document.title == "First"
    assert window.session.selected.text == "denied"


def test_statistics_window_opens(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.statistics.isVisible()
    window.statistics.close()


def test_the_document_list_opens_documents_and_follows_the_window(qtbot, window):
    navigator = window.corpus.navigator
    assert window.corpus.navigator_dock.isVisible()
    with qtbot.waitSignal(navigator.document_chosen):
        navigator.document_chosen.emit(2)
    assert window.session.document.title == "Second"
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # done → next
    window.open_document(1)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.corpus.navigator_dock.isVisible()


def test_views_queued_to_refresh_do_nothing_once_their_project_closed(qtbot, tmp_path):
    from annotator.store import Project
    project = Project.open(tmp_path / "p.annotator")
    add_article(project, "Some text here.", [(0, 4, "claim")])
    win = MainWindow(project, owns_project=True)
    qtbot.addWidget(win)
    win.corpus.navigator.schedule_refresh()
    win.corpus.browser.refresh_later()
    win.close()
    assert project.closed
    qtbot.wait(400)  # the queued refreshes run now, against a closed project: no error
    win.corpus.navigator.refresh()
    win.corpus.browser.refresh()


def test_the_window_layout_is_remembered_and_about_says_the_version(qtbot, project):
    from annotator import __version__
    add_article(project, "Layout text.")
    first = MainWindow(project)
    qtbot.addWidget(first)
    first.resize(700, 500)  # inside the offscreen screen: restoring fits a window to it
    first.corpus.show_browser()
    first.close()
    second = MainWindow(project)
    qtbot.addWidget(second)
    assert second.size().width() == 700
    assert not second.corpus.browser_dock.isHidden()
    second.actions_by_name["about"].trigger()
    assert __version__ in second.about_box.text()
    assert second.about_box.textFormat() == Qt.TextFormat.PlainText


def test_undo_and_redo_in_another_document_show_its_status_in_the_document_list(qtbot, window):
    """Labelling begins "Second"; undone from "First", it is new again, in the list too."""
    from annotator.ui.document_table import STATUS
    navigator = window.corpus.navigator

    def statuses():
        QApplication.processEvents()  # the list refreshes once the event is handled
        return [navigator.model.index(row, STATUS).data() for row in range(2)]

    window.open_document(2)
    window.view.set_selection(10, 18)  # "demanded"
    qtbot.keyClick(window.view, "1")
    assert statuses() == ["in progress", "in progress"]
    window.open_document(1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.title == "Second"
    assert statuses() == ["in progress", "new"]
    window.open_document(1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # redo, from the other document again
    assert window.session.document.title == "Second"
    assert statuses() == ["in progress", "in progress"]


def test_a_span_edit_moves_its_documents_row_in_a_sorted_list_without_listing_all_again(
        qtbot, window):
    from annotator.ui.document_table import STATUS
    navigator, resets = window.corpus.navigator, []
    denials = 5  # the second label's column
    navigator.table.sortByColumn(denials, Qt.SortOrder.DescendingOrder)
    navigator.model.modelReset.connect(lambda: resets.append(True))

    def rows():
        QApplication.processEvents()
        model = navigator.model
        return [(model.document_at(row).id, model.index(row, STATUS).data(),
                 model.index(row, denials).data()) for row in range(model.rowCount())]

    assert rows() == [(1, "in progress", "1"), (2, "new", "")]
    window.open_document(2)
    window.view.set_selection(10, 18)  # "demanded"
    qtbot.keyClick(window.view, "2")  # a denial: as many as "First", and a greater id
    assert rows() == [(2, "in progress", "1"), (1, "in progress", "1")]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows() == [(1, "in progress", "1"), (2, "new", "")]
    assert resets == [] and window.corpus.navigator.model.row_of(2) == 1
