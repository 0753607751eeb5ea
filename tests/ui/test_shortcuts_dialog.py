"""Help → Keyboard shortcuts (F1): every key the window answers to, none it does not."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from annotator.ui.find_bar import FIELD_KEYS as FIND_FIELD_KEYS
from annotator.ui.keys import TEXT_KEYS
from annotator.ui.shortcuts_dialog import ShortcutsDialog, menu_keys

from .conftest import active_window, add_article


@pytest.fixture
def window(qtbot, project):
    add_article(project, "Zarif said talks must resume.", [])
    return active_window(qtbot, project)


def press_f1(qtbot, window) -> ShortcutsDialog:
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None
                    and window.shortcuts_dialog.isVisible())
    return window.shortcuts_dialog


def test_f1_lists_every_menu_shortcut_with_its_menu_entry(qtbot, window):
    shown = press_f1(qtbot, window).browser.toPlainText()
    listed = 0
    for action in window.actions_by_name.values():
        keys = [key for key in action.shortcuts() if not key.isEmpty()]
        for key in keys:
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in shown
            listed += 1
        if keys:
            assert action.text().replace("&", "") in shown
    assert listed >= 25  # File, Edit, View, Go and Help all have keys
    assert ("Ctrl+Z", "Edit → Undo") in menu_keys(window)
    assert all(keys.strip() for keys, _where in menu_keys(window))  # no entry without a key


def test_f1_lists_the_text_keys_the_find_bars_and_the_attribution_letters(qtbot, window):
    shown = press_f1(qtbot, window).browser.toPlainText()
    for keys, what in TEXT_KEYS + FIND_FIELD_KEYS:
        assert keys in shown and what in shown
    assert "Alt+S / Alt+T / Alt+U / Alt+N" in shown
    assert "into the selected span's speaker, target, cue, note" in shown


def test_the_list_is_for_analysts_not_developers(qtbot, window):
    shown = press_f1(qtbot, window).browser.toPlainText()
    assert ".py" not in shown and "QAction" not in shown


def test_f1_again_shows_the_same_window_which_does_not_block_the_text(qtbot, window):
    first = press_f1(qtbot, window)
    assert not first.isModal()
    first.close()
    assert press_f1(qtbot, window) is first
    assert QApplication.activeModalWidget() is None
    first.close()


def test_f1_lists_the_keys_of_submenus_too(qtbot, window):
    """View → Layer's Ctrl+Alt+A / M / G worked but were left out."""
    listed = dict((where, keys) for keys, where in menu_keys(window))
    assert listed["View → Layer → All annotators"] == "Ctrl+Alt+A"
    assert listed["View → Layer → Gold (adjudicated)"] == "Ctrl+Alt+G"
    every_action = [action for action in window.findChildren(type(window.actions_by_name["undo"]))
                    if any(not key.isEmpty() for key in action.shortcuts())
                    and action.associatedObjects()]
    shown = press_f1(qtbot, window).browser.toPlainText()
    for action in every_action:
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in shown, action.text()
