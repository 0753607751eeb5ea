"""The whole window by Tab alone: no table keeps the keyboard, every control is reached,
and what a screen reader is told names each one."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from .conftest import active_window, add_article

ARTICLE = "Zarif said talks must resume. Le Drian urged restraint."
FILTERS = ("navigatorText", "navigatorFullText", "navigatorStatus", "navigatorSource",
           "navigatorLabel", "labelFilter")


def walk(qtbot, window, key, steps=60) -> list[QWidget]:
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), key)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_and_shift_tab_leave_every_table_and_reach_the_filters(qtbot, project):
    add_article(project, ARTICLE, [(0, 29, "claim"), (30, 55, "demand")])
    window = active_window(qtbot, project)
    forward = walk(qtbot, window, Qt.Key.Key_Tab)
    names = {widget.objectName() for widget in forward if widget is not None}
    assert {"spanTable", "documentTable", *FILTERS} <= names
    assert window.view in forward  # round the window and back to the text
    selected = window.session.selected_id
    backward = walk(qtbot, window, Qt.Key.Key_Backtab)
    assert {"spanTable", "documentTable", *FILTERS} <= {w.objectName() for w in backward if w}
    assert window.session.selected_id == selected  # passing the Spans list chose no span


def test_every_control_of_the_window_has_a_name_for_screen_readers(qtbot, project):
    add_article(project, ARTICLE, [(0, 29, "claim")])
    window = active_window(qtbot, project)
    nameless = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        told = QAccessible.queryAccessibleInterface(widget)
        if told is not None and not told.text(QAccessible.Text.Name).strip():
            nameless.append(widget.objectName() or type(widget).__name__)
    assert nameless == []
