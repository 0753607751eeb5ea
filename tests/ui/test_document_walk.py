"""Go → Next / Previous document (Alt+Right / Alt+Left) and Mark done and go to next
(Ctrl+Enter) walk through the Documents list as it is filtered and sorted."""
import pytest
from PySide6.QtCore import Qt

from annotator.ui.document_table import TITLE
from annotator.ui.main_window import LEFT_UNLISTED

from .conftest import active_window, add_article
from .test_navigator import click_header, ids, pick, selected_ids

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
ARTICLES = [  # title, status: ids 1 to 5
    ("Budget frozen", "new"),
    ("Envoy meets counterpart", "done"),
    ("Council votes", "in-progress"),
    ("Port rejects report", "new"),
    ("Airline strike", "done"),
]


@pytest.fixture
def window(qtbot, project):
    for number, (title, status) in enumerate(ARTICLES):
        document = add_article(project, f"Article {number}: ministers said talks resume.",
                               title=title)
        project.set_status(document.id, status)
    return active_window(qtbot, project)


def press(qtbot, window, key, modifier):
    qtbot.keyClick(window.view, key, modifier)


def open_id(window):
    return window.session.document.id


def test_ctrl_enter_in_a_to_do_list_goes_to_the_next_document_to_do(qtbot, window):
    navigator = window.corpus.navigator
    pick(qtbot, navigator.status_box, "To do")
    assert ids(navigator) == [1, 3, 4]
    window.open_document(1)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert open_id(window) == 3  # not 2, which is done
    qtbot.waitUntil(lambda: ids(navigator) == [3, 4])  # the one marked done left the list
    assert selected_ids(navigator) == [3]
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert open_id(window) == 4
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert open_id(window) == 4 and window.session.document.status == "done"
    assert window.statusBar().currentMessage() == "Marked done; this was the last document"


def test_alt_arrows_follow_the_lists_sort(qtbot, window):
    navigator = window.corpus.navigator
    click_header(qtbot, navigator, TITLE)
    click_header(qtbot, navigator, TITLE)  # the second click: titles descending
    assert ids(navigator) == [4, 2, 3, 1, 5]
    window.open_document(2)
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == 3 and selected_ids(navigator) == [3]
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == 1
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    assert open_id(window) == 4 and selected_ids(navigator) == [4]
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    assert open_id(window) == 4
    assert window.statusBar().currentMessage() == "No more documents in that direction"


def test_from_a_document_the_filter_hides_the_nearest_listed_one_opens(qtbot, window):
    navigator = window.corpus.navigator
    pick(qtbot, navigator.status_box, "Done")
    assert ids(navigator) == [2, 5]
    window.open_document(3)  # in progress: not listed, but between 2 and 5 by id
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == 5 and selected_ids(navigator) == [5]
    assert window.statusBar().currentMessage() == LEFT_UNLISTED
    window.open_document(3)
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    assert open_id(window) == 2


def test_with_no_filter_and_no_sort_the_keys_go_by_project_order(qtbot, window):
    window.open_document(1)
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == 2  # done, and listed: every status is
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert open_id(window) == 3
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    assert open_id(window) == 2 and selected_ids(window.corpus.navigator) == [2]


def test_the_status_bar_counts_in_the_list_the_keys_walk(qtbot, window):
    """"document N of M" went by id and by the whole project, while Alt+Right went by
    the list as sorted and filtered: 3 of 4, then 1 of 4, then 4 of 4…"""
    navigator = window.corpus.navigator
    place = window.position_label.text
    click_header(qtbot, navigator, TITLE)  # Airline, Budget, Council, Envoy, Port
    window.open_document(5)
    assert place().startswith("document 1 of 5 ·")
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == 1 and place().startswith("document 2 of 5 ·")
    pick(qtbot, navigator.status_box, "To do")  # Budget, Council, Port
    qtbot.waitUntil(lambda: place().startswith("document 1 of 3 listed (5 in all) ·"))
    window.open_document(2)  # done: the filter hides it
    assert place().startswith("not in the Documents list as filtered (3 of 5 listed) ·")
