"""Asking what happens to the spans of a label that is removed: delete them, or move them."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QGridLayout,
                               QLabel, QRadioButton, QVBoxLayout, QWidget)

from .overrides import reported_errors


def spans_phrase(count: int) -> str:
    return f"{count} span" if count == 1 else f"{count} spans"


@reported_errors
class RemoveLabelDialog(QDialog):
    """Opened with open(), not exec(): the editor acts when it is accepted."""

    def __init__(self, name: str, count: int, others: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("removeLabelDialog")
        self.setWindowTitle("Remove label")
        self.name = name
        self.count = count
        question = QLabel(f"The label “{name}” is used by {spans_phrase(count)}.\n"
                          "What should happen to them?", self)
        question.setTextFormat(Qt.TextFormat.PlainText)  # the name is user text
        self.move_choice = QRadioButton(f"&Move the {spans_phrase(count)} to", self)
        self.delete_choice = QRadioButton(f"&Delete the {spans_phrase(count)}", self)
        self.target = QComboBox(self)
        self.target.setObjectName("moveTarget")
        self.target.addItems(others)  # item text is plain
        self.move_choice.setChecked(True)  # keeping the work is the safer default
        choices = QButtonGroup(self)
        for button in (self.move_choice, self.delete_choice):
            choices.addButton(button)
        self.delete_choice.toggled.connect(lambda deleting: self.target.setEnabled(not deleting))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton("&Remove label", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._lay_out(question, buttons)

    def _lay_out(self, question: QLabel, buttons: QDialogButtonBox) -> None:
        grid = QGridLayout()
        grid.addWidget(self.move_choice, 0, 0)
        grid.addWidget(self.target, 0, 1)
        grid.addWidget(self.delete_choice, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def move_to(self) -> str | None:
        """The label to move the spans to, or None when they are to be deleted."""
        return None if self.delete_choice.isChecked() else self.target.currentText()
