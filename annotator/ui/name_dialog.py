"""First start: ask who is annotating, since every span records that name.

Cancel (or Escape) keeps the login name *and saves it*: asking again on every
start would nag someone who does not care, and the name is always on show in
the status bar and can be changed in Edit → Settings….
"""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..user_settings import (
    MAX_NAME_LENGTH,
    SettingsError,
    annotator_name,
    login_name,
    save_annotator_name,
    settings_problem,
    validate_annotator_name,
)
from .message_box import plain_message_box
from .overrides import reported_errors

WHY = ("Every span you make records this name, so that the work of each person "
       "in a team can be told apart. You can change it at any time: Edit → Settings…")
ERROR_ON_LIGHT, ERROR_ON_DARK = QColor("#b00020"), QColor("#ff6b6b")


def plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are not HTML
    label.setWordWrap(True)
    return label


@reported_errors
class NameField(QWidget):
    """A line edit for the annotator's name with the reason it is refused, if it is."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(name, self)
        self.edit.setObjectName("annotatorName")
        self.edit.setAccessibleName("Annotator name")  # its form label names the container
        self.edit.setMaxLength(MAX_NAME_LENGTH)
        self.edit.selectAll()  # typing replaces the suggestion
        self.setFocusProxy(self.edit)  # a form label's mnemonic and tabbing land in it
        self.error = plain_label("", self)
        self.error.setObjectName("nameError")
        self._colour_error()
        self.error.hide()
        self.edit.textEdited.connect(lambda _: self.error.hide())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def _colour_error(self) -> None:
        # red that reads on the window's background, light or dark
        palette = self.error.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_ON_DARK if dark else ERROR_ON_LIGHT)
        self.error.setPalette(palette)

    def valid_name(self) -> str | None:
        """The cleaned name, or None after showing why it cannot be used."""
        try:
            return validate_annotator_name(self.edit.text())
        except ValueError as error:
            self.error.setText(str(error))
            self.error.show()
            self.edit.setFocus()
            return None


@reported_errors
class NameDialog(QDialog):
    """Who is annotating? OK saves the typed name; Cancel saves the login name."""

    def __init__(self, problem: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who is annotating?")
        self.login = login_name()
        self.chosen_name: str | None = None
        self.save_problem: str | None = None
        self.field = NameField(self.login, self)
        self._build(problem)

    def _build(self, problem: str | None) -> None:
        heading = plain_label("Who is annotating?", self)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(plain_label(WHY, self))
        if problem:
            layout.addWidget(plain_label(f"Your saved settings could not be used: {problem}", self))
        layout.addWidget(self.field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        use_login = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        use_login.setText(f"Use “{self.login}”")
        use_login.setIcon(QIcon())  # Cancel's red cross would read as "refuse", not "use"
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def accept(self) -> None:
        name = self.field.valid_name()
        if name is not None:
            self._keep(name)
            super().accept()

    def reject(self) -> None:
        self._keep(self.login)
        super().reject()

    def _keep(self, name: str) -> None:
        self.chosen_name = name
        try:
            save_annotator_name(name)
        except (SettingsError, ValueError) as error:  # a login name may not pass either
            self.save_problem = str(error)


def ask_for_name_if_unknown(parent: QWidget | None = None) -> str | None:
    """Ask unless $ANNOTATOR_USER or a saved name already says; the name chosen, or None
    when nobody was asked. If it could not be saved the user is told, and it is still
    the name for this run."""
    if annotator_name() is not None:
        return None
    dialog = NameDialog(settings_problem(), parent)
    dialog.exec()
    if dialog.save_problem:
        unsaved_name_box(dialog.save_problem, "until the app is closed", parent).exec()
    return dialog.chosen_name


def unsaved_name_box(problem: str, used: str, parent: QWidget | None = None) -> QMessageBox:
    """Tell (on stderr too) that the name could not be saved and how long it is used."""
    message = f"{problem}\n\nThe name is used {used}, but not remembered."
    print(message, file=sys.stderr)
    box = plain_message_box("warning", "Name not saved", message, parent=parent)
    return box
