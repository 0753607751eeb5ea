"""The fields of one label in the editor: name, key, colour and guideline.

They only show a label; the editor turns a finished edit into a command.
"""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget

from ..core.model import Label
from .legend import swatch_icon
from .multiline_field import MultilineField
from .overrides import reported_errors

GUIDELINE_HINT = "What the label means, when to use it and when not, with examples."
NO_LABEL = Label("", "#FFFFFF")


@reported_errors
class GuidelineEdit(MultilineField):
    """Free text; done when left or on Ctrl+Enter (plain Enter starts a new line)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guidelineEdit")
        self.setPlaceholderText(GUIDELINE_HINT)


@reported_errors
class LabelFields(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name_edit = QLineEdit(self, objectName="nameEdit")
        self.key_edit = QLineEdit(self, objectName="keyEdit", maxLength=1)
        self.key_edit.setPlaceholderText("none")
        self.key_edit.setToolTip("The key that chooses this label while annotating: "
                                 "one character, not used by another label")
        self.colour_button = QPushButton(self, objectName="colourButton")
        self.colour_button.setAutoDefault(False)  # Enter in a field never presses it
        self.guideline_edit = GuidelineEdit(self)
        self.shown_guideline = ""  # the guideline's text as shown: see show_label
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Name", self.name_edit)
        form.addRow("&Key", self.key_edit)
        form.addRow("Colour", self.colour_button)
        form.addRow("&Guideline", self.guideline_edit)

    def show_label(self, label: Label | None) -> None:
        """Fill the fields from ``label`` (None: empty and disabled). Setting text
        programmatically emits no editingFinished, so showing never writes."""
        shown = label or NO_LABEL
        self.name_edit.setText(shown.name)
        self.key_edit.setText(shown.key)
        self.guideline_edit.setPlainText(shown.description)
        # as Qt shows it ("\r\n" as "\n"): the guideline was edited only if this changed
        self.shown_guideline = self.guideline_edit.toPlainText()
        self.colour_button.setIcon(swatch_icon(shown.colour))
        self.colour_button.setText(f"{shown.colour}  &Colour…")
        self.setEnabled(label is not None)
