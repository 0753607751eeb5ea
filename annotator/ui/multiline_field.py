"""A few lines of free text in a form, done when left or on Ctrl+Enter."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
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

    def event(self, event) -> bool:
        # Ctrl+Enter is also the window's "Mark done and go to next": claimed here, the
        # key reaches keyPressEvent instead of moving the analyst to another document.
        if event.type() == QEvent.Type.ShortcutOverride and _is_ctrl_enter(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if _is_ctrl_enter(event):
            self.editing_finished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # its own context menu: still editing
            self.editing_finished.emit()


def _is_ctrl_enter(event) -> bool:
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
