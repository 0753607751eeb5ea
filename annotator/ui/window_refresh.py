"""Keeping a window up to date with what other programs write to its project.

A second window, a command-line import or the window's own import thread may
commit to the project file at any time. The window asks the session to catch up
(AnnotationSession.refresh) when it is activated, and every POLL_MS while it is
shown; the session re-reads only if another connection committed, and announces
what differs, so the text keeps its scroll and the selection stays.

Polling ``PRAGMA data_version`` rather than watching the ``-wal`` file with a
QFileSystemWatcher: the WAL file is also written by this window's own commits,
is rewritten from its start after each checkpoint and deleted when the last
connection closes (the watch is then lost and must be set again), and file
notifications do not work on network drives. The pragma answers exactly "did
another connection commit?" from the shared memory index, in microseconds, so
asking every two seconds costs nothing noticeable and works everywhere.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from .overrides import reported_errors

POLL_MS = 2000
MESSAGE_MS = 10_000  # a refused edit's reason stays in the status bar this long


@reported_errors
class WindowRefresh(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        window.installEventFilter(self)
        window.session.subscribe(self._on_change)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            # the analyst comes back: fields were committed when the window lost focus
            self.refresh()
        return False

    def poll(self) -> None:
        if not self._in_the_middle_of_something():
            self.refresh()

    def refresh(self) -> bool:
        """Show what other programs committed since the last look; False if nothing."""
        if self.window.project.closed or not self.window.isVisible():
            return False
        return self.window.session.refresh()

    def _in_the_middle_of_something(self) -> bool:
        """A refresh now could disturb the analyst: text typed in an attribution field
        and not yet committed (showing the stored value again would wipe it), a drag,
        or a dialog. The next poll after it tries again; nothing is missed meanwhile.
        The focus merely resting in a field, its text committed (Enter), holds nothing
        back: the window kept on showing an old corpus while it rested there."""
        typing = self.window.attribution.holds_unsaved_text()
        dragging = QApplication.mouseButtons() != Qt.MouseButton.NoButton
        return typing or dragging or QApplication.activeModalWidget() is not None

    def _on_change(self, change) -> None:
        if change.kind == "refused":
            self.window.statusBar().showMessage(change.message, MESSAGE_MS)
        elif change.kind == "corpus":
            self._corpus_changed()

    def _corpus_changed(self) -> None:
        window = self.window
        if window.session.document is None:
            # documents arrived in an empty project (or the open one vanished): open one
            window.open_document(window.project.first_document_id())
        if window.session.document is not None:
            window.corpus_changed()  # the navigator, browser, search and position
        else:
            window.corpus.corpus_changed()
        statistics = getattr(window, "statistics", None)
        if statistics is not None:
            statistics.refresh()  # cheap while hidden: it re-reads only when shown
        agreement = getattr(window, "agreement_view", None)
        if agreement is not None:
            agreement.spans_changed()  # a colleague's merge from the command line, say
