"""The annotation browser: every span of the project in a keyword-in-context table.

Each row shows a span between the words before and after it, with its label,
speaker, target, document and annotator; the filter row narrows the rows, a
click on a column header sorts by it (label, span, speaker, document), and a
double click or Enter asks the window to open the document at the span
(``span_opened``). "Export view as CSV…" writes every row of the current filter,
not only the pages loaded so far.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QStyledItemDelegate, QTableView,
                               QVBoxLayout, QWidget)

from ..core.concordance import CONTEXT_CHARACTERS
from ..formats.browser_csv import write_view
from ..store import Project
from ..store.browser import all_spans
from . import file_dialogs
from . import browser_model as columns
from .browser_filters import BrowserFilters
from .browser_model import SORT_BY_COLUMN, BrowserModel
from .legend import swatch_icon
from .message_box import plain_message_box
from .overrides import reported_errors
from .tables import row_table

REFRESH_DELAY_MS = 300
CSV_FILES = "CSV files (*.csv);;All files (*)"


def count_text(count: int) -> str:
    return "1 span" if count == 1 else f"{count:,} spans"


@reported_errors
class _ElidingDelegate(QStyledItemDelegate):
    """Elides its column's text on one side: the left context keeps the words nearest
    the span, which are at its right end."""

    def __init__(self, mode: Qt.TextElideMode, parent=None):
        super().__init__(parent)
        self.mode = mode

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = self.mode


@reported_errors
class AnnotationBrowser(QWidget):
    span_opened = Signal(int, int)  # document id, span id: open the document at the span

    def __init__(self, project: Project, parent: QWidget | None = None,
                 context: int = CONTEXT_CHARACTERS):
        super().__init__(parent)
        self.setObjectName("annotationBrowser")
        self.project = project
        self.model = BrowserModel(project, context, self)
        self._sort = ("document", False)
        self._stale = False
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.filters = BrowserFilters(self)
        self.table = self._table()
        self.count_label = self._plain_label("countLabel")
        self.message_label = self._plain_label("exportMessage")
        self.export_button = QPushButton("Export view as CSV…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(lambda: self.export_csv())
        self._lay_out()
        self.filters.changed.connect(self.apply_filters)
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _plain_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _lay_out(self) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _table(self) -> QTableView:
        table = row_table(self, self.model, "browserTable", "Annotations")
        table.setItemDelegateForColumn(columns.LEFT, _ElidingDelegate(Qt.TextElideMode.ElideLeft, table))
        rows = table.verticalHeader()
        rows.hide()
        # fixed row heights: nothing is measured per row, however many rows are loaded
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        self._size_columns(table)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(columns.DOCUMENT, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        table.activated.connect(self._open)  # Enter, or a double click
        return table

    @staticmethod
    def _size_columns(table: QTableView) -> None:
        letter = table.fontMetrics().horizontalAdvance("n")
        widths = {columns.LABEL: letter * 8 + 30, columns.LEFT: letter * 34, columns.SPAN: letter * 32,
                  columns.SPEAKER: letter * 12, columns.TARGET: letter * 10,
                  columns.DOCUMENT: letter * 18, columns.ANNOTATOR: letter * 9}
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in widths.items():
            header.resizeSection(column, width)
        # the right context takes the room left over, so the table fills a wide window
        header.setSectionResizeMode(columns.RIGHT, QHeaderView.ResizeMode.Stretch)

    # -- what is listed -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the labels, annotators and speakers again and list the spans from the top."""
        self._stale = False
        self._refresh_timer.stop()
        if self.project.closed:  # a refresh queued before the window switched projects
            return
        labels = self.project.labels()
        swatches = {label.name: swatch_icon(label.colour) for label in labels}
        self.model.set_swatches(swatches)
        self.filters.blockSignals(True)  # one query below, not one per box refilled
        try:
            self.filters.set_choices(labels, swatches, self.project.distinct_values("annotator"),
                                     self.project.distinct_values("speaker"))
        finally:
            self.filters.blockSignals(False)
        self.apply_filters()

    def refresh_later(self) -> None:
        """Spans changed elsewhere: list them again shortly, or when next shown."""
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    def apply_filters(self) -> None:
        self.model.set_query(self.filters.query(*self._sort))
        self.count_label.setText(count_text(self.model.total))
        self.message_label.clear()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in SORT_BY_COLUMN:
            self._sort = (SORT_BY_COLUMN[column], order == Qt.SortOrder.DescendingOrder)
            self.apply_filters()
            return
        # not a column to sort by: put the indicator back where the rows are sorted
        key, descending = self._sort
        shown = next(c for c, name in SORT_BY_COLUMN.items() if name == key)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(shown, Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.span_opened.emit(row.document_id, row.span_id)

    # -- exporting -----------------------------------------------------------------------------
    def export_csv(self, path: Path | None = None) -> int | None:
        """Write every row of the current filter as CSV (asking where when no path is given);
        return how many rows were written, None if nothing was."""
        self.filters.apply_pending()
        if path is None:
            name = file_dialogs.save_file_name(self, "Export view as CSV",
                                                  str(Path.home() / "spans.csv"), CSV_FILES)
            if not name:
                return None
            path = Path(name)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_view(all_spans(self.project, self.model.query, self.model.context), path)
        except OSError as error:
            self._warn(f"Could not write {path}: {error.strerror or error}")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.message_label.setText(f"Wrote {count_text(written)} to {path.name}")
        return written

    def _warn(self, message: str) -> None:
        box = plain_message_box("warning", "Export view as CSV", message,
                                parent=self)
        box.open()
        self.export_problem = box
