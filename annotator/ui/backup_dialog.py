"""File → Restore from backup…: the project's backups, and putting one back.

The restore runs in a worker thread (checking and copying a large project takes
seconds). When it is done the window opens the project afresh, as File → Open would:
new views and an empty undo history, since the history's edits belong to the content
that was replaced.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.wording import counted
from ..store import ProjectError
from ..store.backup import (
    BackupInfo,
    RestoreResult,
    backups_dir,
    describe,
    list_backups,
    restore_backup,
)
from . import window_projects
from .message_box import plain_message_box
from .overrides import reported_errors
from .plain_text import plain_tooltip
from .tables import keyboard_leaves_by_tab
from .worker_outcome import outcome_of

TITLE = "Restore from backup"
COLUMNS = ("Taken", "Documents", "Spans", "Size")
INTRO = ("Backups of {name}, newest first. Restoring one replaces everything in the project "
         "with what the backup holds. The project as it is now is backed up first, so a "
         "restore can itself be undone by restoring that backup.")
NO_BACKUPS = ("There are no backups of {name} yet. The project is backed up soon after it "
              "opens and every few minutes while it changes.")


@reported_errors
class _Relay(QObject):
    """Carries the worker's outcome to the GUI thread (signals are queued across threads)."""
    finished = Signal(object)  # a RestoreResult, or the exception that stopped the restore


@reported_errors
class BackupDialog(QDialog):
    restored = Signal(object)  # the RestoreResult, once the project holds the backup

    def __init__(self, project_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        self.project_path = Path(project_path)
        self.backups = list_backups(self.project_path)
        self.table = self._table()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            "&Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(_plain(INTRO if self.backups else NO_BACKUPS, self.project_path.name))
        layout.addWidget(self.table)
        layout.addWidget(_plain("Kept in {name}", str(backups_dir(self.project_path)),
                                selectable=True))
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._confirm)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda item: self._confirm())
        # no parent: the worker's closure keeps it, so a late report never meets a deleted object
        self.relay = _Relay()
        self.relay.finished.connect(self._finish)
        self.confirm_box: QMessageBox | None = None
        self.message: QMessageBox | None = None
        self.progress: QProgressDialog | None = None

    # -- the list -----------------------------------------------------------------
    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.backups), len(COLUMNS), self)
        table.setAccessibleName("Backups")
        keyboard_leaves_by_tab(table)
        table.setObjectName("backupTable")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        for row, info in enumerate(self.backups):
            for column, text in enumerate(_cells(info)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if info.problem:  # shown, but cannot be chosen
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setToolTip(plain_tooltip(info.problem))  # it quotes a path
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        info = self.backups[rows[0].row()] if rows else None
        return info if info is not None and not info.problem else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None and not self.busy())

    # -- restoring ----------------------------------------------------------------
    def busy(self) -> bool:
        return self.progress is not None

    def _confirm(self) -> None:
        info = self.chosen()
        if info is None or self.busy():
            return
        text = (f"Replace the content of {self.project_path.name} with the backup of "
                f"{info.local_time} ({counted(info.documents, 'document')}, "
                f"{counted(info.spans, 'span')})?\n\nThe project as it is now is backed up "
                "first, and the undo history is cleared.")
        box = plain_message_box("question", TITLE, text, parent=self)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter does not replace
        box.buttonClicked.connect(lambda button: button is restore and self._start(info))
        self.confirm_box = box
        box.open()

    def _start(self, info: BackupInfo) -> None:
        self.progress = QProgressDialog("Checking the backup and restoring it…", "", 0, 0, self)
        self.progress.setWindowTitle(TITLE)
        self.progress.setCancelButton(None)  # a restore is whole or nothing: it cannot stop halfway
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)  # a quick restore shows no progress at all
        self.progress.setValue(0)
        self.restore_button.setEnabled(False)
        path, backup, relay = self.project_path, info.path, self.relay

        def work() -> None:
            relay.finished.emit(outcome_of(lambda: restore_backup(path, backup), (ProjectError,)))
        # not a daemon: quitting the app waits for the restore to finish whole
        self.worker = threading.Thread(target=work, name="restore", daemon=False)
        self.worker.start()

    def _finish(self, outcome: RestoreResult | Exception) -> None:
        if self.progress is not None:
            self.progress.reset()  # hides it and stops its timer: it must not show up later
            self.progress.deleteLater()
            self.progress = None
        if isinstance(outcome, RestoreResult):
            self.accept()
            self.restored.emit(outcome)
            return
        self.message = plain_message_box("warning", TITLE, str(outcome),
                                         parent=self)
        self.message.open()
        self._selection_changed()

    def reject(self) -> None:
        if not self.busy():  # the worker still needs the dialog to report to
            super().reject()


def _cells(info: BackupInfo) -> tuple[str, str, str, str]:
    if info.problem:
        return info.local_time, "unreadable", "", info.size_text
    return info.local_time, f"{info.documents:,}", f"{info.spans:,}", info.size_text


def _plain(template: str, name: str, selectable: bool = False) -> QLabel:
    label = QLabel(template.format(name=name))
    label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is not HTML
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# -- the window's side ---------------------------------------------------------------
def open_backup_dialog(window) -> BackupDialog | None:
    """File → Restore from backup…, window-modal but not blocking (open, not exec)."""
    if window.project.path is None:
        window.statusBar().showMessage("This project is not kept in a file: it has no backups",
                                       5000)
        return None
    if window.importing.runner.running():
        window.statusBar().showMessage("Wait for the import to finish first", 4000)
        return None
    window.attribution.commit_pending()  # a half-typed speaker belongs to the state backed up
    dialog = BackupDialog(window.project.path, window)
    dialog.restored.connect(lambda result: reopen_restored(window, result))
    window.backup_dialog = dialog
    dialog.open()
    return dialog


def reopen_restored(window, result: RestoreResult):
    """Open the restored project in a fresh window, as File → Open does."""
    fresh = window_projects.open_project_at(window, window.project.path)
    if fresh is not None:
        fresh.statusBar().showMessage(restored_message(result), 15_000)
    window.restored_window = fresh
    return fresh


def restored_message(result: RestoreResult) -> str:
    """Names the backups by their times: "the newest backup" stopped being the one
    that holds the project as it was as soon as the next automatic backup was made."""
    message = f"Restored the backup of {describe(result.restored).local_time}."
    if result.before is not None:
        message += (f" The project as it was is kept as the backup of "
                    f"{describe(result.before).local_time} (File → Restore from backup… "
                    "to go back to it).")
    return message
