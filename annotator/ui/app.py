"""Starting the desktop application: checks, QApplication, project, window."""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .. import compat
from ..paths import APP_NAME, resources_dir
from ..store import ProjectError
from ..user_settings import annotator_name
from ..workspace import open_project
from .header import document_title
from .legend import forget_swatches
from .main_window import MainWindow
from .message_box import plain_message_box
from .projects import remember
from .store_failures import install_excepthook

ICON_FILE = "annotator.svg"
STYLE = "Fusion"
# Qt's raster engine splits every gradient fill taller than ~96 lines across a pool
# of threads and waits for them. Fusion draws each scroll bar's groove that way: on
# our 2-core machines a 600-pixel scroll bar took 1.6 ms to paint instead of 0.14
# (waking threads costs far more than the fill), and the whole window 15 ms instead
# of 8.5, on every repaint. Qt reads this variable when it first wants the pool; a
# value the user set is kept.
SINGLE_THREADED_PAINTING = ("QT_NO_GUI_THREADPOOL", "1")


def run(project_path: Path | None, files: Sequence[Path] = (), smoke_test: bool = False) -> int:
    """Open the project in a window and return the exit code.

    ``project_path`` None opens $ANNOTATOR_PROJECT or the default project (which
    a first run fills with the example article).
    ``files`` are articles given on the command line (the desktop entry's %F):
    new texts are imported, known ones found, and the first is opened.
    With ``smoke_test`` the window is shown, painted once and closed.
    """
    problem = compat.startup_problem()
    if problem:
        # Checked before the QApplication exists: there Qt would abort, not report.
        print(problem, file=sys.stderr)
        return 1
    app = application()
    # First start: who is annotating (not in a smoke run: nobody is there to answer,
    # and the login name is used without being saved). Asked before the project opens,
    # so that whatever opening it records (a new default project's example article)
    # already carries the chosen name.
    chosen_name = None if smoke_test else ask_for_name_if_unknown()
    try:
        project = open_project(project_path, annotator=chosen_name)
    except ProjectError as error:
        report_error(str(error), wait=not smoke_test)
        return 1
    # a full disk or a damaged file met in any slot: a message box, never a traceback
    previous_hook = install_excepthook()
    try:
        window = MainWindow(project, owns_project=True)
        if chosen_name:  # the saved name, or one that could not be saved: this run's name
            window.set_annotator(chosen_name)
        if project.path is not None and not smoke_test:
            remember(project.path)
        if files:
            window.import_files([Path(f) for f in files])
        window.show()
        return paint_once(app, window) if smoke_test else app.exec()
    finally:
        sys.excepthook = previous_hook
        forget_swatches()  # pixmaps are not to outlive the application at exit
        if not project.closed:  # a window switched to another project closes its own
            project.close()


def ask_for_name_if_unknown() -> str | None:
    """The name dialog's ask_for_name_if_unknown; its module (a dialog and a message
    box) is imported only on a first start, when there is someone to ask."""
    if annotator_name() is not None:
        return None
    from .name_dialog import ask_for_name_if_unknown as ask
    return ask()


def application() -> QApplication:
    # Reuse a running application (tests, a later in-process restart).
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault(*SINGLE_THREADED_PAINTING)
        # High-DPI: fractional scale factors (125 %, 150 %) used as they are, not rounded
        # to 1× or 2×, so text and span marks keep their proportions. Qt 6's default,
        # stated here because it only takes effect before the application exists.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        # Only the program name and the style: annotator's own arguments are not Qt
        # options. Fusion draws the same everywhere and switches to a dark palette
        # when the system's colour scheme is dark (Qt 6.5+), and back when it changes.
        # Named here rather than with setStyle(), whose returned QStyle costs PySide
        # some 8 ms of start-up to wrap (its enums are made on first use).
        app = QApplication([*sys.argv[:1], "-style", STYLE])
    app.setApplicationName(APP_NAME)
    # Lets Wayland and docks match windows to packaging/annotator.desktop.
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(QIcon(str(resources_dir() / ICON_FILE)))
    return app


def paint_once(app: QApplication, window: MainWindow) -> int:
    app.processEvents()
    painted = not window.grab().isNull()
    # what the first paint queued (the rest of a long document's spans) runs too: the
    # document is opened whole, as the analyst gets it a moment after the first paint
    app.processEvents()
    document = window.session.document
    shown = f"'{document_title(document)}'" if document is not None else "no document"
    # One line on stdout so that a packaging check can see what the window opened.
    print(f"smoke test: window {'painted' if painted else 'NOT painted'} on {shown}", flush=True)
    window.close()
    app.processEvents()
    return 0 if painted else 1


def report_error(message: str, wait: bool = True) -> None:
    """A critical message box (and the same text on stderr, for terminal users)."""
    print(message, file=sys.stderr)
    box = plain_message_box("critical", APP_NAME, message)
    if wait:
        box.exec()
    else:
        # A headless smoke run has nobody to click OK: show it, do not block.
        box.show()
        box.close()
