"""The window's size, position, docks and splitters, remembered between sessions."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt

from .overrides import reported_errors

GEOMETRY, STATE = "window/geometry", "window/state"
DEFAULT_SIZE = (1280, 800)
# What a window manager adds around the window (title bar, borders) and what resize()
# does not count: a window made this much smaller than the free area fits on it whole.
FRAME_ALLOWANCE = (16, 48)
# The text keeps room for at least this many characters a line; a window narrowed
# further takes the width from the docks.
MIN_TEXT_CHARACTERS = 40
# On a first start where the docks at their preferred widths leave the article less
# than MIN_TEXT_SHARE of the window (a window snapped to half of a 1920-pixel screen
# left it 38 %; a 1280-pixel one leaves it 49 %, and is kept), the Documents and the
# Attribution docks each get DOCK_SHARE of its width.
MIN_TEXT_SHARE, DOCK_SHARE = 0.45, 0.22


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
    """The text's least width; then the layout last left, or on a first start docks
    that leave the article room."""
    view = window.view
    view.setMinimumWidth(view.fontMetrics().averageCharWidth() * MIN_TEXT_CHARACTERS)
    settings = _settings()
    geometry, state = settings.value(GEOMETRY), settings.value(STATE)
    if geometry is not None:
        window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state)
    else:
        # once the window is laid out (a resize before that is lost): as it is shown,
        # before its first paint
        window.installEventFilter(_FirstShow(window))


@reported_errors
class _FirstShow(QObject):
    def eventFilter(self, window, event) -> bool:
        if event.type() == QEvent.Type.Show:
            window.removeEventFilter(self)
            if window.view.width() < window.width() * MIN_TEXT_SHARE:
                share = int(window.width() * DOCK_SHARE)
                window.resizeDocks([window.corpus.navigator_dock, window.attribution_dock],
                                   [share, share], Qt.Orientation.Horizontal)
        return False


def save_layout(window) -> None:
    settings = _settings()
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(STATE, window.saveState())
