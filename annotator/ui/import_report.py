"""The import report: what came in, and every rejected item with its file, line and reason."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QDialogButtonBox,
                               QHeaderView, QLabel, QPlainTextEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..formats.records import Problem
from ..importing import ImportReport
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip

TITLE = "Import report"
COLUMNS = ("File", "Line", "Reason")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def summary(report: ImportReport) -> str:
    """What came in, in a few lines (the first one fits a status bar)."""
    decisions = report.decisions_added
    lines = [f"From {_count(len(report.files), 'file')}: {_count(len(report.added), 'new document')}"
             f" · {_count(report.spans_added, 'span')}"
             + (f" · {_count(decisions, 'adjudication decision')}" if decisions else "")
             + " added"]
    if report.duplicates or report.merged:
        lines.append(f"Already present: {_count(report.duplicates, 'document')} unchanged · "
                     f"{report.merged:,} merged (their new spans added)")
    problems = len(report.problems)
    lines.append(f"{_count(problems, 'item')} rejected, listed below." if problems
                 else "Nothing was rejected.")
    discarded = sum(f.discarded for f in report.files)
    if discarded:
        lines.append(f"{_count(discarded, 'valid item')} not stored: strict import of a file "
                     "with rejected items.")
    left = getattr(report, "not_imported", [])
    if left:
        lines.append(f"Cancelled: {_count(len(left), 'file')} not imported; the files imported "
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
    def __init__(self, report: ImportReport, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumSize(680, 360)
        self.report = report
        self.summary = QLabel(summary(report), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejected = self._rejected_table(report.problems)
        self.warnings = QPlainTextEdit("\n".join(report.warnings), self)
        self.warnings.setReadOnly(True)
        self.warnings.setMaximumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton("&Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.rejected, stretch=1)
        warnings_title = _plain_label("Warnings (read, but not kept):", self)
        layout.addWidget(warnings_title)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self.rejected.setVisible(bool(report.problems))
        warnings_title.setVisible(bool(report.warnings))
        self.warnings.setVisible(bool(report.warnings))

    def _rejected_table(self, problems: list[Problem]) -> QTableWidget:
        table = QTableWidget(len(problems), len(COLUMNS), self)
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

    def copy_report(self) -> None:
        QApplication.clipboard().setText(report_text(self.report))


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
