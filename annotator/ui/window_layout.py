"""The window's size, position, docks and splitters, remembered between sessions."""
from __future__ import annotations

from PySide6.QtCore import QSettings

GEOMETRY, STATE = "window/geometry", "window/state"
DEFAULT_SIZE = (1280, 800)
# What a window manager adds around the window (title bar, borders) and what resize()
# does not count: a window made this much smaller than the free area fits on it whole.
FRAME_ALLOWANCE = (16, 48)


def fitting_size(preferred: tuple[int, int], free: tuple[int, int]) -> tuple[int, int]:
    """``preferred``, made small enough that the window and its frame fit the screen's
    free area (``free``: the screen less its panels). A 1366×768 laptop gets a window
    whose status bar is on the screen, not below its bottom edge."""
    return tuple(min(want, room - frame)
                 for want, room, frame in zip(preferred, free, FRAME_ALLOWANCE))


def first_size(window) -> tuple[int, int]:
    """The size a window opens at before any layout is remembered: the default, or less
    on a small screen."""
    free = window.screen().availableGeometry()
    return fitting_size(DEFAULT_SIZE, (free.width(), free.height()))


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
