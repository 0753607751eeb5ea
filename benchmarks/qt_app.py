"""The QApplication of the benchmarks that build widgets: the app's own (its style and
its painting on one thread, ui/app.py), without offscreen's one harmless warning
printed on every window (the other messages still show)."""
from __future__ import annotations

import sys

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from annotator.ui.app import application

OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def quiet_offscreen_noise(mode, context, message) -> None:
    if message != OFFSCREEN_NOISE:
        print(message, file=sys.stderr)


def offscreen_application() -> QApplication:
    """The running application, or a new one (the benchmarks run in one process)."""
    qInstallMessageHandler(quiet_offscreen_noise)
    return application()
