"""The QApplication of the benchmarks that build widgets: the app's own (its style and
its painting on one thread, ui/app.py), with settings of its own, without offscreen's
one harmless warning printed on every window (the other messages still show)."""
from __future__ import annotations

import atexit
import shutil
import sys
import tempfile

from PySide6.QtCore import QSettings, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from annotator.ui.app import application

OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def quiet_offscreen_noise(mode, context, message) -> None:
    if message != OFFSCREEN_NOISE:
        print(message, file=sys.stderr)


def private_settings() -> None:
    """QSettings (the window's layout, recent projects) in a folder of this run.

    The figures must not depend on how the user last left their window (an
    Adjudication dock left open once made every edit on the big document 20 times
    slower), and the benchmark's windows must not save their layout over the user's.
    """
    folder = tempfile.mkdtemp(prefix="annotator-bench-settings-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)


def offscreen_application() -> QApplication:
    """The running application, or a new one (the benchmarks run in one process)."""
    qInstallMessageHandler(quiet_offscreen_noise)
    if QApplication.instance() is None:
        private_settings()
    return application()
