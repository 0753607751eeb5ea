"""Backups from the window: made soon after opening and while the project changes,
and File → Restore from backup… putting one back into a freshly opened window."""
import sqlite3
from contextlib import closing

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.store import Project
from annotator.store.backup import SUFFIX, backup_now, list_backups
from annotator.ui import backup_timer
from annotator.ui.backup_timer import BackupTimer
from annotator.ui.main_window import MainWindow

from .conftest import add_article

TEXT = "The minister said the talks would resume. Officials denied it on Tuesday."


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "desk.annotator"
    project = Project.open(path)
    add_article(project, TEXT, [(4, 12, "claim")], title="Talks")
    project.close()
    return path


@pytest.fixture
def no_backup_on_open(monkeypatch):
    """The window's own first backup would come after the test's: kept out of the way."""
    monkeypatch.setattr(backup_timer, "FIRST_AFTER_MS", 3_600_000)


def open_window(qtbot, path) -> MainWindow:
    window = MainWindow(Project.open(path), owns_project=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def button_named(box: QMessageBox, text: str):
    return next(button for button in box.buttons() if button.text() == text)


def label_a_word(window) -> None:
    window.session.label_selection(TEXT.index("Officials"), TEXT.index(" denied"), "denial")


NOT_STARTED = object()


def tick(qtbot, timer):
    """One tick of the timer: what the backup it started reported, or NOT_STARTED."""
    if not timer.tick():
        return NOT_STARTED
    # the worker reports through the event loop: nothing is missed by waiting only now
    with qtbot.waitSignal(timer.backed_up, timeout=20_000) as report:
        pass
    return report.args[0]


def test_the_window_backs_up_soon_after_opening_then_only_when_something_changed(
        qtbot, project_path, monkeypatch):
    monkeypatch.setattr(backup_timer, "FIRST_AFTER_MS", 0)
    window = open_window(qtbot, project_path)
    # attached just after the first paint; the first backup may be done before a
    # signal could be waited for, so the folder and the timer are watched instead
    qtbot.waitUntil(lambda: window.backups is not None and not window.backups.running()
                    and len(list_backups(project_path)) == 1, timeout=20_000)
    timer = window.backups
    while tick(qtbot, timer) is not NOT_STARTED:  # the window's own writes after opening
        pass
    assert tick(qtbot, timer) is NOT_STARTED  # nothing committed: not even a look
    window.project.set_setting("last_document", "999")  # only the view moved
    assert tick(qtbot, timer) is None  # looked, and found nothing to keep
    assert len(list_backups(project_path)) == 1
    label_a_word(window)
    made = tick(qtbot, timer)
    newest = list_backups(project_path)[0]
    assert made == newest.path and newest.spans == 2
    assert len(list_backups(project_path)) == 2


def test_a_project_in_memory_has_no_backups(qtbot, project):
    timer = BackupTimer(project)
    timer.start()
    assert not timer.back_up_now() and not timer.timer.isActive()
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.actions_by_name["restore_backup"].trigger()
    assert "no backups" in window.statusBar().currentMessage()


def test_restore_puts_the_backup_back_and_the_window_shows_it(
        qtbot, project_path, no_backup_on_open):
    backup_now(project_path)  # one span
    window = open_window(qtbot, project_path)
    label_a_word(window)  # two spans
    assert len(window.session.index.in_order()) == 2
    window.actions_by_name["restore_backup"].trigger()
    dialog = window.backup_dialog
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, column).text() for column in (1, 2)] == ["1", "1"]
    assert not dialog.restore_button.isEnabled()  # nothing chosen yet
    click_row(qtbot, dialog.table, 0)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert "with the backup of" in dialog.confirm_box.text()
    qtbot.mouseClick(button_named(dialog.confirm_box, "Restore"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "restored_window", None) is not None, timeout=30_000)
    fresh = window.restored_window
    qtbot.addWidget(fresh)
    assert [span.label for span in fresh.session.index.in_order()] == ["claim"]
    assert fresh.span_list.model.rowCount() == 1
    assert fresh.isVisible() and not window.isVisible() and window.project.closed
    assert fresh.session.history.undo() is None  # the old edits belong to the old content
    restored, before = list_backups(project_path)[1], list_backups(project_path)[0]
    assert before.spans == 2  # the state the restore replaced, kept
    # named by time: the next automatic backup makes "the newest backup" another one
    assert fresh.statusBar().currentMessage() == (
        f"Restored the backup of {restored.local_time}. The project as it was is kept as "
        f"the backup of {before.local_time} (File → Restore from backup… to go back to it).")


def empty_an_index(path):
    """Make an index lose its entries: the file opens, only an integrity check tells."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spans_document'"
                            ).fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 + 3:(root - 1) * 4096 + 5] = b"\x00\x00"  # a leaf with no cells
    path.write_bytes(bytes(data))


def test_damaged_and_unreadable_backups_are_refused_and_the_window_stays(
        qtbot, project_path, no_backup_on_open):
    good = backup_now(project_path)
    damaged = good.with_name(f"29990101T000000.000Z-{'1' * 16}{SUFFIX}")  # listed first
    damaged.write_bytes(good.read_bytes())
    empty_an_index(damaged)
    garbage = good.with_name(f"20000101T000000.000Z-{'0' * 16}{SUFFIX}")  # listed last
    garbage.write_bytes(b"no database here " * 500)
    window = open_window(qtbot, project_path)
    label_a_word(window)
    window.actions_by_name["restore_backup"].trigger()
    dialog = window.backup_dialog
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(2, 1).text() == "unreadable"
    click_row(qtbot, dialog.table, 2)
    assert not dialog.restore_button.isEnabled()  # an unreadable backup cannot be chosen
    click_row(qtbot, dialog.table, 0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button_named(dialog.confirm_box, "Restore"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message is not None, timeout=30_000)
    assert "damaged" in dialog.message.text() and "left untouched" in dialog.message.text()
    assert dialog.isVisible() and not dialog.busy() and dialog.restore_button.isEnabled()
    assert window.isVisible() and not window.project.closed
    assert len(window.project.spans(1)) == 2  # the edit is still there
    assert len(list_backups(project_path)) == 3  # and no backup was made for nothing


def test_the_dialog_says_when_there_are_no_backups(qtbot, project_path, no_backup_on_open):
    window = open_window(qtbot, project_path)
    window.actions_by_name["restore_backup"].trigger()
    dialog = window.backup_dialog
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


def test_closing_the_window_during_a_backup_leaves_only_whole_backups(
        qtbot, project_path, no_backup_on_open, monkeypatch):
    from annotator.store import backup

    monkeypatch.setattr(backup, "STEP_PAGES", 1)  # a copy of many steps, to stop between
    window = open_window(qtbot, project_path)
    qtbot.waitUntil(lambda: window.backups is not None)
    assert window.backups.back_up_now()
    window.close()  # waits for the worker, which stops at its next step
    assert not window.backups.running()
    folder = backup.backups_dir(project_path)
    assert list(folder.glob(".*.part*")) == []  # no half-written copy left
    for info in list_backups(project_path):  # at most the one it made, if it was that quick
        assert not info.problem and info.spans == 1
