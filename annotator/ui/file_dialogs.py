"""File dialogs that never read a file's content.

Qt's own file dialog fills its Type column and icons from each file's MIME type, and
for a name no MIME database knows (a .annotator project, where install-desktop has not
registered it) it reads the file's first bytes. Reading the open project with plain
file I/O, even for a moment, releases every SQLite lock this process holds on it (the
locks are POSIX advisory locks, which belong to the process and go when any of its
descriptors of the file closes): the next program to close the project then deletes
the write-ahead log the window still writes to, and its edits are lost at exit
(tests/store/test_locks_kept.py tells the whole story). So every dialog here is Qt's own,
not the platform's (a native dialog in this process may sniff files too), and its icons
and types come from file names alone.

Each function answers as QFileDialog's static function of the same purpose does: the
chosen path(s), or empty when cancelled.
"""
from __future__ import annotations

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from .overrides import reported_errors

_MIME = QMimeDatabase()


@reported_errors
class NamesOnlyIcons(QFileIconProvider):
    """Icons and types from the file name: a folder, or a file of the type its name says."""

    def icon(self, what):
        if isinstance(what, QFileInfo):
            kind = QAbstractFileIconProvider.IconType
            return super().icon(kind.Folder if what.isDir() else kind.File)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        if info.suffix() == "annotator":
            return "annotator project"
        return _MIME.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension).comment()


def file_dialog(parent: QWidget | None, caption: str, folder: str, filters: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, caption, folder, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.icons = NamesOnlyIcons()  # kept alive as long as the dialog
    dialog.setIconProvider(dialog.icons)
    return dialog


def open_file_names(parent: QWidget | None, caption: str, folder: str, filters: str) -> list[str]:
    dialog = file_dialog(parent, caption, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _chosen(dialog)


def open_file_name(parent: QWidget | None, caption: str, folder: str, filters: str) -> str:
    dialog = file_dialog(parent, caption, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)  # one: it opens one project
    return _first(_chosen(dialog))


def save_file_name(parent: QWidget | None, caption: str, folder: str, filters: str) -> str:
    dialog = file_dialog(parent, caption, folder, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _first(_chosen(dialog))


def existing_folder(parent: QWidget | None, caption: str, folder: str) -> str:
    dialog = file_dialog(parent, caption, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return _first(_chosen(dialog))


def _chosen(dialog: QFileDialog) -> list[str]:
    """What the dialog was accepted with; nothing when cancelled."""
    return dialog.selectedFiles() if dialog.exec() else []


def _first(chosen: list[str]) -> str:
    return chosen[0] if chosen else ""
