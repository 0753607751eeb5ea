"""Failures of the project file or its disk, shown to the analyst: a box, never a traceback.

Such a failure reaches the window in two ways.

An edit, undo or redo made through the session is refused there: the session announces
Change("refused") and the status bar shows the reason for a while. When the cause needs
the analyst to act (a full disk, a read-only or damaged file, a failing disk) a passing
status message is too easy to miss, so ``watch`` shows it in a message box as well.

Anything else that escapes a Qt slot, timer or event handler reaches ``sys.excepthook``
(that is where PySide hands it). The window reaches the store from dozens of places
(label keys, buttons, menus, dialogs, timers), and one hook covers every one of them,
including those a wrapper around each call would miss. The hook shows a ProjectError,
or a SQLite failure of the disk or the file, in the same box; any other exception is a
bug, written with its traceback to stderr (the log) and named in the status bar.
"""
from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ..paths import APP_NAME
from ..store import ProjectError
from ..store.errors import needs_attention, project_error
from .message_box import plain_message_box

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

BOX_NAME = "storeFailureBox"
STATUS_MS = 10_000

ExceptHook = Callable[..., None]


def watch(window: QMainWindow) -> None:
    """Show in a box the session's refusals that need the analyst to act."""
    def on_change(change) -> None:
        if change.kind == "refused" and needs_attention(change.message):
            show_failure(window, change.message)
    window.session.subscribe(on_change)


def show_failure(window: QWidget | None, message: str) -> QMessageBox:
    """One box per window: a second failure while it is open replaces its text."""
    from PySide6.QtWidgets import QMessageBox  # see plain_message_box
    box = window.findChild(QMessageBox, BOX_NAME) if window is not None else None
    if box is None:
        box = plain_message_box("critical", APP_NAME, message, parent=window)
        box.setObjectName(BOX_NAME)
    box.setText(message)
    box.open()  # window-modal, not blocking: the hook returns to the event loop at once
    return box


def install_excepthook() -> ExceptHook:
    """Route exceptions that escape Qt handlers as described above; return the hook
    that was there, to put back (``sys.excepthook = returned``) when the app ends."""
    previous = sys.excepthook

    def hook(kind, error, trace) -> None:
        window = _main_window()
        message = _store_failure_message(error, window)
        if message is not None:
            print(message, file=sys.stderr)
            show_failure(window, message)
            return
        previous(kind, error, trace)  # the traceback, for the log and bug reports
        if window is not None:
            window.statusBar().showMessage(
                f"Something went wrong ({kind.__name__}: {error}); the details were written "
                "to the log. Work saved so far is safe.", STATUS_MS)

    sys.excepthook = hook
    return previous


def _store_failure_message(error: BaseException, window: QMainWindow | None) -> str | None:
    if isinstance(error, ProjectError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        project = getattr(window, "project", None)
        mapped = project_error(error, getattr(project, "path", None))
        return str(mapped) if mapped is not None else None
    return None


def _main_window() -> QMainWindow | None:
    """The annotation window the analyst is in (or any one shown)."""
    active = QApplication.activeWindow()
    while active is not None and not hasattr(active, "session"):
        active = active.parentWidget()
    if active is not None:
        return active
    shown = [w for w in QApplication.topLevelWidgets() if hasattr(w, "session") and w.isVisible()]
    return shown[0] if shown else None
