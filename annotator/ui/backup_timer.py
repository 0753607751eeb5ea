"""Backing the window's project up: once soon after it opens, then every N minutes
while it changes, in a worker thread that reads the file on a connection of its own.

A backup of a large project takes seconds; the window's connection keeps reading and
writing meanwhile (WAL: readers and the writer do not wait for each other), and the
copy is of the moment it began. Each tick first asks SQLite whether anything was
committed since the last backup (microseconds), so an idle window does no work, and
the backup itself is skipped when the content is the same as the newest backup's.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..store import Project, ProjectError
from ..store.backup import (
    DEFAULT_MINUTES,
    BackupStopped,
    ChangeWatch,
    backup_now,
    backups_dir,
)
from .overrides import reported_errors
from .worker_outcome import outcome_of

FIRST_AFTER_MS = 2_000  # after the window's first paint, not in its way
SHOWN_MS = 5_000


@reported_errors
class _Relay(QObject):
    """Carries the worker's outcome to the GUI thread (signals are queued across threads)."""
    finished = Signal(object)  # the new backup's Path, None (nothing changed), or an error


@reported_errors
class BackupTimer(QObject):
    backed_up = Signal(object)  # the new backup's Path, or None when nothing had changed
    failed = Signal(str)

    def __init__(self, project: Project, parent: QObject | None = None,
                 minutes: float | None = None, first_after_ms: int | None = None):
        super().__init__(parent)
        self.project = project
        self.path: Path | None = project.path
        # Fixed now: a backup is written where the data folder was when the project opened.
        self.folder = backups_dir(self.path) if self.path is not None else None
        self.first_after_ms = FIRST_AFTER_MS if first_after_ms is None else first_after_ms
        self.watch: ChangeWatch | None = None
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        # no parent: the worker's closure keeps it, so a late report never meets a deleted object
        self.relay = _Relay()
        self.relay.finished.connect(self._finish)
        self.timer = QTimer(self)
        self.timer.setInterval(int((minutes or DEFAULT_MINUTES) * 60_000))
        self.timer.timeout.connect(self.tick)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)  # quitting waits for one step, not a whole copy

    def start(self) -> None:
        """Back up soon, then every interval while something changes. A project without
        a file (in memory) has nothing to back up."""
        if self.path is None:
            return
        self.watch = ChangeWatch(self.path)
        QTimer.singleShot(self.first_after_ms, self, self.back_up_now)
        self.timer.start()

    def running(self) -> bool:
        return self._worker is not None

    def tick(self) -> bool:
        """Back up if anything was committed since the last backup began; True if it started."""
        return self.watch is not None and self.watch.changed() and self.back_up_now()

    def back_up_now(self) -> bool:
        """Start a backup in the worker; False when one is running or the project is gone."""
        if self.path is None or self.project.closed or self._stop.is_set() or self.running():
            return False
        if self.watch is not None:
            self.watch.changed()  # this backup covers what came before; the next tick, the rest
        path, folder, stop, relay = self.path, self.folder, self._stop, self.relay

        def work() -> None:
            relay.finished.emit(outcome_of(lambda: backup_now(path, should_stop=stop.is_set, folder=folder),
                                           (ProjectError, BackupStopped)))
        # not a daemon: a backup being written is stopped cleanly, never cut off
        self._worker = threading.Thread(target=work, name="backup", daemon=False)
        self._worker.start()
        return True

    def _finish(self, outcome) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        if isinstance(outcome, BackupStopped) or self._stop.is_set():
            return  # the window is closing: nobody to tell
        if isinstance(outcome, Exception):
            self.failed.emit(str(outcome))
        else:
            self.backed_up.emit(outcome)

    def stop(self) -> None:
        """Stop ticking and stop a running backup (nothing of it is kept); waits for it."""
        self._stop.set()
        self.timer.stop()
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        if self.watch is not None:
            self.watch.close()
            self.watch = None


def attach_backups(window) -> BackupTimer:
    """Back the window's project up, telling how it went in the status bar."""
    backups = BackupTimer(window.project, window)
    status = window.statusBar()

    def tell(made) -> None:
        if made is not None and not status.currentMessage():  # never over a fresher message
            status.showMessage("Project backed up (File → Restore from backup… lists them)",
                               SHOWN_MS)
    backups.backed_up.connect(tell)
    backups.failed.connect(lambda message: status.showMessage(f"Backup failed: {message}",
                                                              3 * SHOWN_MS))
    backups.start()
    return backups
