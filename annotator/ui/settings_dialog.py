"""Edit → Settings…: the annotator's name (the window's other preferences live in its menus)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from ..user_settings import (
    ENV_VAR,
    SettingsError,
    environment_name,
    save_annotator_name,
)
from .name_dialog import NameField, plain_label
from .overrides import reported_errors

EFFECT = "New spans carry this name from now on; spans already made keep theirs."


@reported_errors
class SettingsDialog(QDialog):
    """Emits ``name_chosen`` with a changed name after trying to save it; a name that
    could not be saved is in ``save_problem`` and still applies to this window."""

    name_chosen = Signal(str)

    def __init__(self, current_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.current_name = current_name
        self.save_problem: str | None = None
        self.field = NameField(current_name, self)
        self._build()

    def _build(self) -> None:
        form = QFormLayout(self)
        form.addRow("Annotator &name:", self.field)
        form.addRow("", plain_label(EFFECT, self))
        overridden = environment_name()
        if overridden:
            form.addRow("", plain_label(f"${ENV_VAR} is set to “{overridden}”: on the next start "
                                        f"it is used instead of the name saved here.", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def accept(self) -> None:
        name = self.field.valid_name()
        if name is None:
            return
        if name != self.current_name:
            try:
                save_annotator_name(name)
            except SettingsError as error:
                self.save_problem = str(error)
            self.name_chosen.emit(name)
        super().accept()
