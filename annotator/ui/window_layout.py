"""The window's size, position, docks and splitters, remembered between sessions."""
from __future__ import annotations

from PySide6.QtCore import QSettings

GEOMETRY, STATE = "window/geometry", "window/state"


def _settings() -> QSettings:
    return QSettings("annotator", "annotator")


def restore_layout(window) -> None:
    settings = _settings()
    geometry, state = settings.value(GEOMETRY), settings.value(STATE)
    if geometry is not None:
        window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state)


def save_layout(window) -> None:
    settings = _settings()
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(STATE, window.saveState())
