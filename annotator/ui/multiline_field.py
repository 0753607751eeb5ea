"""A few lines of free text in a form, done when left or on Ctrl+Enter."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .overrides import reported_errors


@reported_errors
class MultilineField(QPlainTextEdit):
    """Plain Enter starts a new line; Ctrl+Enter, or leaving the field, finishes the
    edit (editing_finished), and Tab moves on instead of typing a tab."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.editing_finished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()
