"""Importing files and folders in a worker thread, with a progress dialog that can cancel.

The worker opens the project file again for itself: SQLite connections must not cross
threads, and the project is in WAL mode, so the window's connection keeps reading while
the worker writes. Each file is one transaction and cancelling stops between files, so a
cancelled import leaves whole files only.
"""
from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget

from ..importing import ImportOptions
from ..importing.stoppable import StoppableReport, files_to_import, import_until_stopped
from ..store import Project, ProjectError
from .message_box import plain_message_box
from .overrides import reported_errors
from .plain_text import one_line

TITLE = "Import"
SHOW_AFTER_MS = 300  # a quick import shows no progress dialog at all


@reported_errors
class _Relay(QObject):
    """Carries the worker thread's news to the GUI thread (signals are queued across threads)."""
    starting = Signal(int, int, str)  # index of the file, files in all, its name
    done = Signal(object, str)  # the StoppableReport, and an error message or ""


@reported_errors
class ImportRunner(QObject):
    """Runs one import at a time for one project; reports through its signals.

    ``project`` is a Project or the path of a project file. A project with a file is
    imported into from a worker thread on its own connection; an in-memory project
    (tests) has one connection, which may not cross threads, so it imports at once.
    """
    progressed = Signal(int, int)  # files done, files in all
    finished = Signal(object)  # the StoppableReport of a complete import
    cancelled = Signal(object)  # the report of the files imported before the stop
    failed = Signal(str, object)  # a message for the user, and the report so far

    def __init__(self, project: Project | str | Path, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project if isinstance(project, Project) else None
        self.project_path = Path(project) if self.project is None else project.path
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._current = ""
        self._reporting = True  # False once the window has said it is closing
        # no parent: the worker's closure keeps it, so a late report never meets a deleted object
        self.relay = _Relay()
        self.relay.starting.connect(self._show_file)
        self.relay.done.connect(self._finish)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)  # quitting waits for one file, not for all

    def running(self) -> bool:
        return self._worker is not None

    def start(self, paths: Iterable[Path], options: ImportOptions | None = None) -> bool:
        """Start importing; False (and nothing done) while an import is still running."""
        if self.running():
            return False
        paths, options = [Path(p) for p in paths], options or ImportOptions()
        self._stop.clear()
        if self.project_path is None:
            _work(lambda: self.project, paths, options, self._stop, self.relay)
            return True
        self._open_progress()
        path, relay, stop = self.project_path, self.relay, self._stop
        self._worker = threading.Thread(
            target=_work, args=(lambda: Project.open(path, create=False), paths, options, stop, relay),
            name="import", daemon=False)  # not a daemon: a file being written is finished whole
        self._worker.start()
        return True

    def cancel(self) -> None:
        """Stop after the file being imported; what was imported stays."""
        if not self.running():
            return
        self._stop.set()
        if self.progress is not None:
            self.progress.setLabelText(f"Stopping after {self._current}…" if self._current
                                       else "Stopping…")
            self.progress.setCancelButton(None)  # one cancel is enough
            self.progress.show()  # Qt hides it on Cancel; the current file still runs

    def shutdown(self) -> None:
        """For a closing window: stop after the current file, wait for it to be written
        whole, and report nothing more (the window's project is about to be closed)."""
        self._reporting = False
        self.cancel()
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        self._close_progress()

    # -- the progress dialog -----------------------------------------------------
    def _open_progress(self) -> None:
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        progress = QProgressDialog(parent)
        progress.setWindowTitle(TITLE)
        label = QLabel(progress)
        label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not HTML
        progress.setLabel(label)
        progress.setLabelText("Looking for files…")
        progress.setCancelButtonText("Cancel")
        progress.setRange(0, 0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        # window-modal: the window still paints, but no second import or project switch
        # can start while this one writes
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumWidth(420)
        progress.setMinimumDuration(SHOW_AFTER_MS)
        progress.setValue(0)  # starts the short wait (not the constructor's 4 s) until shown
        progress.canceled.connect(self.cancel)
        self.progress = progress

    def _show_file(self, index: int, total: int, name: str) -> None:
        self._current = one_line(name)
        self.progressed.emit(index, total)
        if self.progress is None or self._stop.is_set():
            return
        self.progress.setRange(0, total)
        self.progress.setLabelText(f"Importing {index + 1} of {total}: {self._current}")
        self.progress.setValue(index)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()  # hides it and stops its timer: it must not show up later
            self.progress.deleteLater()
            self.progress = None

    # -- the outcome ----------------------------------------------------------------
    def _finish(self, report: StoppableReport, error: str) -> None:
        if self._worker is not None:
            self._worker.join()  # it has sent its last word; make running() false
            self._worker = None
        self._close_progress()
        if not self._reporting:
            return
        if error:
            self._tell_failure(error, report)
            self.failed.emit(error, report)
        elif report.stopped_early:
            self.cancelled.emit(report)
        else:
            self.finished.emit(report)

    def _tell_failure(self, error: str, report: StoppableReport) -> None:
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        text = (f"The import stopped: {error}\n\n{len(report.files)} file(s) were imported "
                f"whole before that; {len(report.not_imported)} were not imported.")
        self.message = plain_message_box("critical", TITLE, text, parent=parent)
        self.message.open()


def _work(open_project, paths: list[Path], options: ImportOptions,
          stop: threading.Event, relay: _Relay) -> None:
    """The whole import, on whichever thread runs it; every outcome ends in relay.done."""
    report, error = StoppableReport(), ""
    project, files = None, []
    try:
        files = files_to_import(paths)  # here, not in the GUI thread: folders can be huge
        project = open_project()
        import_until_stopped(project, files, options, report, stop.is_set,
                             lambda index, path: relay.starting.emit(index, len(files), path.name))
    except Exception as problem:  # noqa: BLE001 -- shown to the user, never raised into Qt
        if not isinstance(problem, ProjectError):  # a ProjectError is a message already
            traceback.print_exception(problem, file=sys.stderr)
        error = str(problem) or type(problem).__name__
        report.not_imported = files[len(report.files):]  # the failing file was rolled back
    finally:
        if project is not None and project.path is not None:
            project.close()  # the worker's own connection; an in-memory project is the caller's
    relay.done.emit(report, error)
