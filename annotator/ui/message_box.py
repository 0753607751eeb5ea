"""Message boxes whose text is shown as typed."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

ICONS = ("critical", "warning", "information", "question")


def plain_message_box(icon: str, title: str, text: str,
                      parent: QWidget | None = None) -> QMessageBox:
    """A message box, not yet shown, that never reads its text as HTML: the paths,
    SQLite's errors and user text it carries are shown exactly. ``icon`` is one of
    ICONS."""
    # QMessageBox is made ready for Python (its enums, QDialog's) only when a box is
    # first wanted: the modules that may show one are all on the way to the first paint.
    from PySide6.QtWidgets import QMessageBox
    if icon not in ICONS:
        raise ValueError(f"no message box icon {icon!r}: one of {', '.join(ICONS)}")
    box = QMessageBox(getattr(QMessageBox.Icon, icon.capitalize()), title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
