"""Computing an agreement report without freezing the window.

A small project is compared on the GUI thread (under a tenth of a second; a thread would
only make the figures flicker). A big one is compared in a worker thread on a second
connection to the project file: an SQLite connection must not cross threads, and a
project in memory has only the one, so it is always compared where it lives. At most
one worker runs; what is asked meanwhile waits, and only the latest question counts.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..agreement import AgreementError, AgreementReport, agreement
from ..store import Project, ProjectError
from .overrides import reported_errors
from .worker_outcome import outcome_of

USERS_ERRORS = (AgreementError, ProjectError)  # their messages are for users

WORKER_FROM_SPANS = 3000  # spans in the project; the benchmark does 30,000 in under 2 s


@dataclass(frozen=True)
class AgreementRequest:
    annotators: tuple[str, ...]
    labels: tuple[str, ...] | None  # None: every label
    statuses: tuple[str, ...] | None  # None: any status
    coverage: str

    def run(self, project: Project) -> AgreementReport:
        return agreement(project, list(self.annotators),
                         labels=None if self.labels is None else list(self.labels),
                         statuses=None if self.statuses is None else list(self.statuses),
                         coverage=self.coverage)


@reported_errors
class _Relay(QObject):
    """Carries the worker's result to the GUI thread (a signal across threads is queued)."""
    done = Signal(object, object)  # the request, and its report or the exception it raised


@reported_errors
class AgreementRunner(QObject):
    finished = Signal(object, object)  # AgreementRequest, AgreementReport | Exception

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.worker: threading.Thread | None = None
        self._waiting: AgreementRequest | None = None
        # no parent: the worker's closure keeps it, so a late result never meets a
        # deleted object
        self.relay = _Relay()
        self.relay.done.connect(self._worker_done)

    def busy(self) -> bool:
        return self.worker is not None

    def uses_worker(self) -> bool:
        return self.project.path is not None and self.project.span_count() > WORKER_FROM_SPANS

    def run(self, request: AgreementRequest) -> None:
        """Compare now, or in the worker; ``finished`` tells the outcome either way."""
        if self.busy():
            self._waiting = request  # replaces any earlier question still waiting
        elif self.uses_worker():
            self._start(self.project.path, request)
        else:
            self.finished.emit(request, outcome_of(lambda: request.run(self.project), USERS_ERRORS))

    def _start(self, path: Path, request: AgreementRequest) -> None:
        relay = self.relay

        def work() -> None:
            relay.done.emit(request, outcome_of(lambda: _run_on_file(path, request), USERS_ERRORS))
        # a daemon: it only reads, and quitting need not wait for figures nobody will see
        self.worker = threading.Thread(target=work, name="agreement", daemon=True)
        self.worker.start()

    def _worker_done(self, request: AgreementRequest, outcome) -> None:
        self.worker = None
        if self.project.closed:
            return
        waiting, self._waiting = self._waiting, None
        if waiting is not None:  # asked again meanwhile: this answer is out of date
            self.run(waiting)
            return
        self.finished.emit(request, outcome)


def _run_on_file(path: Path, request: AgreementRequest) -> AgreementReport:
    project = Project.open(path, create=False)
    try:
        return request.run(project)
    finally:
        project.close()


