"""A full disk, a damaged file or a bug met while the window works: a plain-text message
box (or a status message for a bug), never a traceback, and the window goes on working."""
from __future__ import annotations

import sqlite3
import sys
from contextlib import closing

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.model import Document
from annotator.store import Project
from annotator.ui.label_editor import LabelEditor
from annotator.ui.main_window import MainWindow
from annotator.ui.store_failures import BOX_NAME, install_excepthook

LONG_SENTENCE = "The minister denied the talks with the rebels, officials said. " * 80


def fill_to_the_brim(project: Project) -> None:
    """A full disk, as SQLite reports it: no free page, and the file may not grow."""
    project.db.execute("VACUUM")
    pages = project.db.execute("PRAGMA page_count").fetchone()[0]
    project.db.execute(f"PRAGMA max_page_count = {pages}")


def room_again(project: Project) -> None:
    project.db.execute("PRAGMA max_page_count = 1073741823")


def spans_in_the_file(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM spans").fetchone()[0]


@pytest.fixture
def excepthook():
    """The hook app.run() installs, put back afterwards."""
    previous = install_excepthook()
    yield
    sys.excepthook = previous


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.open(tmp_path / "full.annotator")
    project.add_document(Document(text=LONG_SENTENCE, title="Talks"))
    shown = MainWindow(project)
    qtbot.addWidget(shown)
    shown.resize(900, 600)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: (QApplication.processEvents(), shown.isActiveWindow())[1])
    shown.view.setFocus()
    yield shown
    project.close()


def failure_box(window) -> QMessageBox | None:
    return window.findChild(QMessageBox, BOX_NAME)


def select_all_with_keys(qtbot, view) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_End,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() is not None


def test_a_label_key_on_a_full_disk_shows_a_box_and_saves_nothing(qtbot, window):
    path = window.project.path
    fill_to_the_brim(window.project)
    select_all_with_keys(qtbot, window.view)
    qtbot.keyClick(window.view, "1")

    box = failure_box(window)
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text().startswith(f"{path}: the disk is full")
    assert "the last change was not saved" in box.text()
    assert spans_in_the_file(path) == 0 and len(window.session.index) == 0
    assert not window.session.history.can_undo()
    box.grab().save(str(path.parent / "full-disk-box.png"))

    qtbot.keyClick(box, Qt.Key.Key_Escape)  # the analyst reads it, frees space, goes on
    assert not box.isVisible()
    room_again(window.project)
    window.view.setFocus()
    assert window.view.selected_range() is not None  # the selection waited for the retry
    qtbot.keyClick(window.view, "1")
    assert spans_in_the_file(path) == 1 and not box.isVisible()
    assert [span.label for span in window.session.index.in_order()] == ["claim"]


def test_a_store_failure_in_any_other_slot_reaches_the_same_box(qtbot, window, excepthook):
    """The label editor does not catch a ProjectError itself; the hook shows it."""
    fill_to_the_brim(window.project)
    editor = LabelEditor(window.project, window.session.history, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.guideline_edit.setFocus()
    QApplication.clipboard().setText("Mark what the speaker asserts as fact. " * 150)
    qtbot.keyClick(editor.guideline_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.guideline_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    box = failure_box(window)
    assert box is not None and box.isVisible()
    assert "the disk is full" in box.text() and box.textFormat() == Qt.TextFormat.PlainText
    assert window.project.labels()[0].description.startswith("An assertion")  # unchanged
    room_again(window.project)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    editor.activateWindow()
    qtbot.waitUntil(lambda: (QApplication.processEvents(), editor.isActiveWindow())[1])
    qtbot.mouseClick(editor.guideline_edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.guideline_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.project.labels()[0].description.startswith("Mark what the speaker")


def test_a_damaged_page_met_while_reading_is_shown_as_a_damaged_file(qtbot, window,
                                                                     excepthook, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    try:
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("SELECT * FROM spans")
    except sqlite3.DatabaseError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    box = failure_box(window)
    assert box is not None and box.isVisible()
    assert box.text().startswith(f"{window.project.path}: the project file is damaged")


@pytest.mark.qt_no_exception_capture
def test_a_bug_is_logged_with_its_traceback_and_named_in_the_status_bar(qtbot, window,
                                                                        excepthook, capfd):
    QTimer.singleShot(0, lambda: {}["no such key"])
    qtbot.waitUntil(lambda: "Something went wrong" in window.statusBar().currentMessage())
    assert "KeyError" in window.statusBar().currentMessage()
    assert failure_box(window) is None
    assert "Traceback" in capfd.readouterr().err
