"""The import report: what came in, and every rejected item with its file, line and reason."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QDialogButtonBox,
                               QHeaderView, QLabel, QPlainTextEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..core.wording import counted
from ..formats.records import Problem
from ..importing import ImportReport
from ..core.layers import GOLD
from ..importing.layer_notes import report_notes
from ..importing.layers import LayerDifference, layer_name
from .message_box import plain_message_box
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip
from .tables import keyboard_leaves_by_tab

TITLE = "Import report"
COLUMNS = ("File", "Line", "Reason")
# the window's words for what --offset-unit chooses on the command line (the option
# itself is in the button's tooltip: short enough for the buttons to fit the dialog)
UNIT_CHOICE_BUTTONS = {"utf16": "Import again as &UTF-16 units",
                       "codepoint": "Import again as c&haracters",
                       "utf8": "Import again as UTF-&8 bytes"}
UNIT_CHOICE_TIPS = {"utf16": "Read the offsets as UTF-16 code units (doccano's default), "
                             "as --offset-unit utf16 does on the command line",
                    "codepoint": "Read the offsets as characters (code points: Label Studio, "
                                 "Prodigy, spaCy, brat), as --offset-unit codepoint does",
                    "utf8": "Read the offsets as UTF-8 bytes, as --offset-unit utf8 does"}


def replace_button_text(annotator: str, path: Path, several_files: bool) -> str:
    """The button that replaces a layer here with a file's: "Replace bo's spans with
    the file's" (with several files, the file's name instead)."""
    whose = "the gold spans" if annotator == GOLD else f"{annotator}'s spans"
    source = f"{path.name}'s" if several_files else "the file's"
    return f"Replace {whose} with {source}"


def _replace_hint(report: ImportReport):
    several = len(report.files) > 1

    def hint(annotator: str, path: Path) -> str:
        return (f"To take the file's version instead (after a backup): "
                f"“{replace_button_text(annotator, Path(path), several)}” below.")
    return hint


def layers_to_replace(report: ImportReport) -> list[tuple[Path, LayerDifference]]:
    """Every file's layers that differ from these here: what the report offers to replace."""
    return [(Path(file.path), difference) for file in report.files
            for difference in file.differences.values() if difference]


def summary(report: ImportReport) -> str:
    """What came in, in a few lines (the first one fits a status bar)."""
    decisions = report.decisions_added
    lines = [f"From {counted(len(report.files), 'file')}: {counted(len(report.added), 'new document')}"
             f" · {counted(report.spans_added, 'span')}"
             + (f" · {counted(decisions, 'adjudication decision')}" if decisions else "")
             + " added"]
    if report.duplicates or report.merged:
        lines.append(f"Already present: {counted(report.duplicates, 'document')} unchanged · "
                     f"{report.merged:,} merged (their new spans added)")
    lines.extend(report_notes(report, replace_hint=_replace_hint(report)))
    problems = len(report.problems)
    lines.append(f"{counted(problems, 'item')} rejected, listed below." if problems
                 else "Nothing was rejected.")
    discarded = sum(f.discarded for f in report.files)
    if discarded:
        lines.append(f"{counted(discarded, 'valid item')} not stored: strict import of a file "
                     "with rejected items.")
    left = getattr(report, "not_imported", [])
    if left:
        lines.append(f"Cancelled: {counted(len(left), 'file')} not imported; the files imported "
                     "before the stop are complete.")
    return "\n".join(lines)


def report_text(report: ImportReport) -> str:
    """The whole report as plain text, full paths, for the clipboard."""
    parts = [summary(report)]
    if report.problems:
        parts.append("Rejected:\n" + "\n".join(f"  {problem}" for problem in report.problems))
    if report.warnings:
        parts.append("Warnings:\n" + "\n".join(f"  {warning}" for warning in report.warnings))
    parts.append("Files:\n" + "\n".join(f"  {_file_line(file)}" for file in report.files))
    left = getattr(report, "not_imported", [])
    if left:
        parts.append("Not imported:\n" + "\n".join(f"  {path}" for path in left))
    return "\n\n".join(parts) + "\n"


def _file_line(file) -> str:
    return (f"{file.path}: {len(file.added)} new, {len(file.merged)} merged, "
            f"{len(file.duplicates)} already present, {file.spans_added} spans, "
            f"{len(file.problems)} rejected")


def files_by_unit(problems: list[Problem]) -> dict[str, list[Path]]:
    """For each offset unit that may settle some rejections, the files to import again
    with it (in the order the problems name them, each file once)."""
    chosen: dict[str, list[Path]] = {}
    for problem in problems:
        for unit in problem.offset_units:
            files = chosen.setdefault(unit, [])
            if Path(problem.file) not in files:
                files.append(Path(problem.file))
    return chosen


def shown_names(problems: list[Problem]) -> list[str]:
    """Each problem's file relative to the folder they share, so the table stays narrow."""
    folders = [os.path.dirname(problem.file) for problem in problems]
    try:
        common = os.path.commonpath(folders) if folders else ""
    except ValueError:  # relative and absolute, or other drives: keep them whole
        common = ""
    return [os.path.relpath(problem.file, common) if common else problem.file
            for problem in problems]


@reported_errors
class ImportReportDialog(QDialog):
    # the files to import again, and the offset unit chosen for them
    import_again = Signal(list, str)
    # a file, and the annotator whose spans here are to become the file's (confirmed)
    replace_layer = Signal(object, str)

    def __init__(self, report: ImportReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumSize(680, 360)
        self.report = report
        self.summary = QLabel(summary(report), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        # at the top, not centred in the room a hidden table leaves
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejected = self._rejected_table(report.problems)
        # the chosen rejection's whole reason: the table's cell is cut to one line
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejected.currentCellChanged.connect(lambda row, *_: self._show_details(row))
        self.warnings = QPlainTextEdit("\n".join(report.warnings), self)
        self.warnings.setReadOnly(True)
        self.warnings.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("&Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.unit_buttons = self._unit_buttons(files_by_unit(report.problems))
        self.replace_buttons = self._replace_buttons(layers_to_replace(report))
        self.confirmation = None  # the question a replace button asks, while it is open
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, stretch=1)
        layout.addWidget(self.details)
        warnings_title = _plain_label("Warnings (read, but not kept):", self)
        layout.addWidget(warnings_title)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self.rejected.setVisible(bool(report.problems))
        self.details.setVisible(bool(report.problems))
        if report.problems:
            self.rejected.setCurrentCell(0, 2)
        warnings_title.setVisible(bool(report.warnings))
        self.warnings.setVisible(bool(report.warnings))

    def _rejected_table(self, problems: list[Problem]) -> QTableWidget:
        table = QTableWidget(len(problems), len(COLUMNS), self)
        table.setAccessibleName("Rejected items")
        keyboard_leaves_by_tab(table)
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)  # a long reason is elided; its tooltip and the copy are whole
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, (problem, name) in enumerate(zip(problems, shown_names(problems))):
            cells = (one_line(name), str(problem.line or ""), one_line(problem.reason))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # DisplayRole strings are plain text
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(plain_tooltip(str(problem)))
                table.setItem(row, column, item)
        return table

    def _unit_buttons(self, chosen: dict[str, list[Path]]) -> dict:
        """One button per offset unit that may settle a rejection: the command line's
        --offset-unit, which the window has no other place for."""
        buttons = {}
        for unit, files in chosen.items():
            button = self.buttons.addButton(UNIT_CHOICE_BUTTONS[unit],
                                            QDialogButtonBox.ButtonRole.ActionRole)
            button.setToolTip(plain_tooltip(UNIT_CHOICE_TIPS[unit]))
            button.clicked.connect(lambda _=False, u=unit, f=files: self._import_again(f, u))
            buttons[unit] = button
        return buttons

    def _replace_buttons(self, layers: list[tuple[Path, LayerDifference]]) -> list:
        """One button per layer here that differs from a file's: the command line's
        --replace-layer. Never the importing annotator's own: those are not offered."""
        several = len({path for path, _ in layers}) > 1 or len(self.report.files) > 1
        buttons = []
        for path, difference in layers:
            button = self.buttons.addButton(
                replace_button_text(difference.annotator, path, several),
                QDialogButtonBox.ButtonRole.ActionRole)
            button.setToolTip(plain_tooltip(
                f"Make {layer_name(difference.annotator)} here those of {path.name}, as "
                f"--replace-layer {difference.annotator} does; the project is backed up first"))
            button.clicked.connect(lambda _=False, p=path, d=difference: self.confirm_replace(p, d))
            buttons.append(button)
        return buttons

    def confirm_replace(self, path: Path, difference: LayerDifference) -> None:
        """Ask before replacing: it removes spans (a backup keeps them)."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_message_box("question", "Replace spans", replace_question(path, difference),
                                self)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Replace")
        box.finished.connect(lambda result: self._replace_answered(
            result == QMessageBox.StandardButton.Yes, path, difference.annotator))
        self.confirmation = box
        box.open()

    def _replace_answered(self, yes: bool, path: Path, annotator: str) -> None:
        self.confirmation = None
        if yes:
            self.accept()
            self.replace_layer.emit(path, annotator)

    def _show_details(self, row: int) -> None:
        problems = self.report.problems
        self.details.setText(str(problems[row]) if 0 <= row < len(problems) else "")

    def _import_again(self, files: list[Path], unit: str) -> None:
        self.accept()
        self.import_again.emit(files, unit)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(report_text(self.report))


def replace_question(path: Path, difference: LayerDifference) -> str:
    name, annotator = layer_name(difference.annotator), difference.annotator
    changes = (f"{difference.only_here:,} removed, {difference.only_in_file:,} added and "
               f"{difference.changed:,} changed in speaker, target, cue or note")
    gold = ("\n\nThese are adjudicated spans: the file's adjudication will stand in those "
            "documents instead of the one made here." if annotator == GOLD else "")
    return (f"Replace {name} here with those of {path.name}?\n\n"
            f"In the {counted(len(difference.documents), 'document')} where they differ: "
            f"{changes}. Do this when the file holds {annotator}'s latest work: the other "
            f"people's spans in a colleague's file are copies from when they merged them."
            f"{gold}\n\nThe project is backed up first: File → Restore from backup… puts "
            "it back as it was.")


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
