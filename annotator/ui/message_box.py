"""Message boxes whose text is shown as typed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def plain_message_box(icon: QMessageBox.Icon, title: str, text: str,
                      parent: QWidget | None = None) -> QMessageBox:
    """A message box, not yet shown, that never reads its text as HTML: the paths,
    SQLite's errors and user text it carries are shown exactly."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
