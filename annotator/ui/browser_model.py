"""The annotation browser's table: spans fetched a page at a time as the view scrolls.

The model knows how many spans the filter matches but holds only the pages the
view has asked for (canFetchMore / fetchMore), so a project with 100,000 spans
opens with one page of 200 rows read.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from ..core.concordance import BrowserQuery, BrowserRow
from ..store import Project
from ..store.browser import first_page, span_page
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip

PAGE_SIZE = 200
COLUMNS = ("Label", "Left context", "Span", "Right context", "Speaker", "Target", "Document",
           "Annotator")
LABEL, LEFT, SPAN, RIGHT, SPEAKER, TARGET, DOCUMENT, ANNOTATOR = range(len(COLUMNS))
SORT_BY_COLUMN = {LABEL: "label", SPAN: "text", SPEAKER: "speaker", DOCUMENT: "document"}
ROW_ROLE = Qt.ItemDataRole.UserRole  # the whole BrowserRow of a row
_RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT_ALIGNED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def describe(row: BrowserRow) -> str:
    """Everything about a span, for its tooltip (shown as plain text)."""
    lines = [f"{row.label}: {row.text}"]
    lines += [f"{name}: {value}" for name, value in
              (("speaker", row.speaker), ("target", row.target), ("cue", row.cue),
               ("note", row.note), ("annotator", row.annotator)) if value]
    lines.append(f"document {row.document_id}: {row.document_title}")
    return "\n".join(lines)


def document_name(row: BrowserRow) -> str:
    return one_line(row.document_title) or f"document {row.document_id}"


@reported_errors
class BrowserModel(QAbstractTableModel):
    def __init__(self, project: Project, context: int, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.project = project
        self.context = context
        self.page_size = page_size
        self.query = BrowserQuery()
        self.total = 0
        self._rows: list[BrowserRow] = []
        self._swatches: dict[str, QIcon] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- contents ------------------------------------------------------------------------
    def set_query(self, query: BrowserQuery) -> None:
        """List the spans of ``query`` from the top: its count and its first page."""
        self.beginResetModel()
        self.query = query
        self._rows, self.total = first_page(self.project, query, self.page_size, self.context)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self.query)

    def set_swatches(self, swatches: dict[str, QIcon]) -> None:
        self._swatches = swatches

    def row_at(self, row: int) -> BrowserRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def loaded(self) -> int:
        return len(self._rows)

    # -- fetching as the view scrolls ---------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        page = span_page(self.project, self.query, len(self._rows), self.page_size, self.context)
        if len(page) < self.page_size:
            # spans were removed since the count: there is nothing further to fetch
            self.total = len(self._rows) + len(page)
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- QAbstractTableModel ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(describe(row))
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL:
            return self._swatches.get(row.label)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT_ALIGNED if column == LEFT else _LEFT_ALIGNED
        if role == Qt.ItemDataRole.FontRole and column == SPAN:
            return self._bold
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def cell_text(row: BrowserRow, column: int) -> str:
    """What a cell shows: the user's text as it is, each line break as ⏎."""
    if column == DOCUMENT:
        return document_name(row)
    value = (row.label, row.left, row.text, row.right, row.speaker, row.target, None,
             row.annotator)[column]
    return one_line(value)
