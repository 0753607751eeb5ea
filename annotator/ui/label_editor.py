"""The label schema editor: add, rename, recolour, reorder labels, set keys, write guidelines.

Every change is one undoable command (core/label_commands.py) run through the
history it is given, committed at once; the dialog then reads the labels back
from the project, so it never shows anything the project does not hold. Ctrl+Z
in the dialog undoes the dialog's own changes (not span edits made before it).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (QColorDialog, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from ..core.commands import Command, History
from ..core.label_commands import (AddLabel, MoveLabel, RecolourLabel, RemoveLabel, RenameLabel,
                                   SetLabelDescription, SetLabelKey)
from ..core.model import ContractError, Label
from ..store import Project
from .label_fields import LabelFields
from .label_list import LabelList
from .label_removal import RemoveLabelDialog, spans_phrase
from .overrides import reported_errors
from .plain_text import plain_window_title

NEW_LABEL = "new label"
UNDO_HINT = "Ctrl+Z undoes."


@reported_errors
class LabelEditor(QDialog):
    labels_changed = Signal()  # after every change, undo and redo: views re-read the labels

    def __init__(self, project: Project, history: History, parent: QWidget | None = None):
        super().__init__(parent)
        if not hasattr(history.repo, "insert_label"):
            raise TypeError("LabelEditor needs a History over a LabelStore(project)")
        self.setObjectName("labelEditor")
        self.setWindowTitle("Labels and guidelines")
        self.project = project
        self.history = history
        self.shown: Label | None = None  # the label the fields show, and write to
        self._undoable = self._redoable = 0  # this dialog's own commands on the history
        self.removal_dialog: RemoveLabelDialog | None = None
        self.colour_dialog: QColorDialog | None = None
        self._build()
        self._install_undo()
        self.reload()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.list = LabelList(self)
        self.list.currentRowChanged.connect(lambda _row: self._follow_list())
        self.list.moved.connect(self.move_label)
        self.fields = LabelFields(self)
        self.name_edit, self.key_edit = self.fields.name_edit, self.fields.key_edit
        self.colour_button = self.fields.colour_button
        self.guideline_edit = self.fields.guideline_edit
        self.name_edit.editingFinished.connect(self._commit_name)
        self.key_edit.editingFinished.connect(self._commit_key)
        self.colour_button.clicked.connect(lambda _=False: self.choose_colour())
        self.guideline_edit.editing_finished.connect(self._commit_guideline)
        self.message = QLabel(self, objectName="labelEditorMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote label names
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        for button in close.buttons():
            button.setAutoDefault(False)
        fields = QVBoxLayout()
        fields.addWidget(self.fields, 1)
        fields.addWidget(self.message)
        fields.addWidget(close)
        columns = QHBoxLayout(self)
        columns.addLayout(self._list_side())
        columns.addLayout(fields, 1)
        self.resize(760, 440)

    def _list_side(self) -> QVBoxLayout:
        self.up_button = self._button("Move &up", lambda: self.step_label(-1))
        self.down_button = self._button("Move &down", lambda: self.step_label(+1))
        self.add_button = self._button("&Add", self.add_label)
        self.remove_button = self._button("&Remove…", self.remove_label)
        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        for pair in ((self.up_button, self.down_button), (self.add_button, self.remove_button)):
            row = QHBoxLayout()
            for button in pair:
                row.addWidget(button)
            side.addLayout(row)
        return side

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter in a field commits it, never presses a button
        button.clicked.connect(lambda _=False: slot())
        return button

    def _install_undo(self) -> None:
        for text, keys, slot in (("Undo", [QKeySequence.StandardKey.Undo], self.undo),
                                 ("Redo", [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")],
                                  self.redo)):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.triggered.connect(lambda _=False, slot=slot: slot())
            self.addAction(action)

    # -- showing what is stored ---------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the labels and their span counts again; keep (or move to) a label."""
        current = select or (self.shown.name if self.shown else None)
        self.list.show_labels(self.project.labels(), self.project.counts_by_label(), current)
        self._show(self.list.current_name())

    def _follow_list(self) -> None:
        self.commit_pending()  # what was typed belongs to the label it was typed for
        self._show(self.list.current_name())

    def _show(self, name: str | None) -> None:
        self.shown = next((label for label in self.project.labels() if label.name == name), None)
        self.fields.show_label(self.shown)
        row, rows = self.list.currentRow(), self.list.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < rows - 1)
        self.remove_button.setEnabled(self.shown is not None and rows > 1)  # one label stays

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # -- running commands ----------------------------------------------------------------------
    def run(self, command: Command, select: str | None = None, done: str = "") -> bool:
        """Apply one command; a refused one changes nothing and says why."""
        try:
            self.history.run(command)
        except ContractError as error:
            self.show_message(str(error))
            self._show(self.shown.name if self.shown else None)  # the stored values again
            return False
        self._undoable += 1
        self._redoable = 0
        self.show_message(done)
        self.reload(select)
        self.labels_changed.emit()
        return True

    def undo(self) -> None:
        if self._undoable:
            self.commit_pending()
        if self._undoable and (inverse := self.history.undo()) is not None:
            self._undoable, self._redoable = self._undoable - 1, self._redoable + 1
            self._after_history(inverse, "Undone")

    def redo(self) -> None:
        if self._redoable and (command := self.history.redo()) is not None:
            self._undoable, self._redoable = self._undoable + 1, self._redoable - 1
            self._after_history(command, "Redone")

    def _after_history(self, command: Command, verb: str) -> None:
        self.show_message(f"{verb}: {command.description.removeprefix('undo ')}.")
        self.reload(_label_named_by(command))
        self.labels_changed.emit()

    def commit_pending(self) -> None:
        """Write what was typed in a field that has not been left yet."""
        self._commit_name()
        self._commit_key()
        self._commit_guideline()

    def done(self, result: int) -> None:
        self.commit_pending()  # Esc or Close keeps what was typed, like leaving the field
        super().done(result)

    # -- the fields ------------------------------------------------------------------------------
    def _commit_name(self) -> None:
        if self.shown and self.name_edit.text() != self.shown.name:
            old, new = self.shown.name, self.name_edit.text()
            count = self.project.counts_by_label().get(old, 0)
            kept = f"; its {spans_phrase(count)} kept it" if count else ""  # none: say nothing
            self.run(RenameLabel(old, new), select=new, done=f"Renamed “{old}” to “{new}”{kept}.")

    def _commit_key(self) -> None:
        if self.shown and self.key_edit.text() != self.shown.key:
            self.run(SetLabelKey(self.shown.name, self.key_edit.text()))

    def _commit_guideline(self) -> None:
        typed = self.guideline_edit.toPlainText()
        if self.shown and typed != self.fields.shown_guideline and typed != self.shown.description:
            self.run(SetLabelDescription(self.shown.name, typed))

    def choose_colour(self) -> None:
        if self.shown is None:
            return
        name = self.shown.name
        self.colour_dialog = QColorDialog(QColor(self.shown.colour), self)
        self.colour_dialog.setWindowTitle(plain_window_title(f"Colour of {name}"))
        # Qt's own dialog: it reports its choice the same way on every platform
        self.colour_dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
        self.colour_dialog.colorSelected.connect(
            lambda colour: self.run(RecolourLabel(name, colour.name().upper()), select=name))
        self.colour_dialog.open()

    # -- the list ----------------------------------------------------------------------------------
    def add_label(self) -> None:
        self.commit_pending()
        taken = {label.name.casefold() for label in self.project.labels()}
        name = next(candidate for n in range(1, len(taken) + 2)
                    if (candidate := NEW_LABEL if n == 1 else f"{NEW_LABEL} {n}") not in taken)
        if self.run(AddLabel(name), select=name, done=f"Added “{name}”: type its name. {UNDO_HINT}"):
            self.name_edit.setFocus()
            self.name_edit.selectAll()

    def step_label(self, step: int) -> None:
        if self.shown is not None:
            self.move_label(self.shown.name, self.list.currentRow() + step)

    def move_label(self, name: str, position: int) -> None:
        names = [label.name for label in self.project.labels()]
        if name in names and 0 <= position < len(names) and names.index(name) != position:
            self.run(MoveLabel(name, position), select=name)
        else:
            self.reload(name)  # a drop that moved nothing: show the stored order again

    def remove_label(self) -> None:
        self.commit_pending()
        if self.shown is None:
            return
        name = self.shown.name
        count = self.project.counts_by_label().get(name, 0)
        if count == 0:
            self.run(RemoveLabel(name), done=f"Removed “{name}” (no span used it). {UNDO_HINT}")
            return
        others = [label.name for label in self.project.labels() if label.name != name]
        self.removal_dialog = RemoveLabelDialog(name, count, others, self)
        self.removal_dialog.accepted.connect(lambda: self._remove_used(self.removal_dialog))
        self.removal_dialog.open()

    def _remove_used(self, answer: RemoveLabelDialog) -> None:
        spans, target = spans_phrase(answer.count), answer.move_to()
        if target is None:
            self.run(RemoveLabel(answer.name, delete_spans=True),
                     done=f"Removed “{answer.name}” and deleted its {spans}. {UNDO_HINT}")
        else:
            self.run(RemoveLabel(answer.name, move_spans_to=target), select=target,
                     done=f"Removed “{answer.name}” and moved its {spans} to “{target}”. {UNDO_HINT}")


def _label_named_by(command: Command) -> str | None:
    """The label a command (or an undo's inverse) left in place, to show after it."""
    if hasattr(command, "label"):  # RestoreLabel
        return command.label.name
    return getattr(command, "new_name", None) or getattr(command, "name", None)
