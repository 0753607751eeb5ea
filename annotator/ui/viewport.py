"""A scroll area's viewport, wrapped for Python without PySide's search for its type."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

QT_VIEWPORT_NAME = "qt_scrollarea_viewport"  # the name QAbstractScrollArea gives its own


def wrap_viewport(area: QAbstractScrollArea) -> QWidget:
    """``area.viewport()``, with the first Python wrapper for it made cheaply.

    A widget made in C++ (the viewport every scroll area makes for itself) gets its
    Python wrapper when Python first sees it. Through ``viewport()``, PySide does not
    know its type and tries the QtWidgets classes one by one, making each one's enums:
    some 70 enums, 12 ms, the first time in a process, on the start-up path.
    ``findChild`` with the type given wraps the same widget as a QWidget at once, and
    every later ``viewport()`` returns that wrapper. A viewport set by hand has no
    such name: then it is asked for the usual way.
    """
    found = area.findChild(QWidget, QT_VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()
