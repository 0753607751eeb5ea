"""The documents of a project as a table model that reads only the pages it shows.

The row count comes from one count query; a row's values are read with the
page (PAGE_ROWS rows) that holds it, the first time the view asks for it, and
only the last KEPT_PAGES pages are kept. So the view can jump anywhere in
100,000 documents, and the model never holds more than 1,200 rows.
"""
from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon, QPalette

from ..core.model import Label
from ..store import Project
from ..store.navigator import (DocumentFilter, DocumentOrder, DocumentRow, count_documents,
                               document_page, is_listed, neighbour_in_list,
                               row_of_document)
from .header import UNTITLED
from .legend import swatch_icon
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip
from .tables import ALIGNMENT, DECORATION, DISPLAY, FONT, FOREGROUND, ROW_FLAGS, TOOLTIP

PAGE_ROWS = 100
KEPT_PAGES = 12
# the status beside the title: in a narrow dock the source and date are the ones to scroll
FIXED_COLUMNS = ("Title", "Status", "Source", "Date")
TITLE, STATUS, SOURCE, DATE = range(len(FIXED_COLUMNS))
SORT_KEY_OF_COLUMN = {TITLE: "title", SOURCE: "source", DATE: "published", STATUS: "status"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
_SERVED_ROLES = frozenset({DISPLAY, FONT, ALIGNMENT, TOOLTIP, FOREGROUND})


def short_names(names: list[str], shortest: int = 3) -> dict[str, str]:
    """Each label name cut to its shortest prefix (at least ``shortest`` letters) that no
    other name starts with, for narrow column headers: claim → cla, denial → den."""
    short = {}
    for name in names:
        length = shortest
        while length < len(name) and any(other != name and other.startswith(name[:length])
                                         for other in names):
            length += 1
        short[name] = name[:length]
    return short


def status_text(status: str) -> str:
    return status.replace("-", " ")


def date_text(published: str) -> str:
    """The day of an ISO date or timestamp; anything else as written."""
    return published[:10] if ISO_DATE.match(published) else one_line(published)


@reported_errors
class DocumentTableModel(QAbstractTableModel):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self.where = DocumentFilter()
        self.order = DocumentOrder()
        self.open_id: int | None = None
        self.labels: list[Label] = project.labels()
        self._swatches: dict[str, QIcon] = {}
        self._short = short_names([label.name for label in self.labels])
        self._count = count_documents(project, self.where)
        self._pages: OrderedDict[int, list[list]] = OrderedDict()  # number -> [[row, texts]]
        self._last_number: int | None = None  # the page asked for last, found without a lookup
        self._last_page: list[list] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # -- what is listed ------------------------------------------------------------------
    def reload(self) -> None:
        """Read labels, the row count and every row again (the project changed)."""
        self.beginResetModel()
        self.labels = self.project.labels()
        self._short = short_names([label.name for label in self.labels])
        self._count = count_documents(self.project, self.where)
        self._forget_pages()
        self.endResetModel()

    def set_filter(self, where: DocumentFilter) -> None:
        if where != self.where:
            self.where = where
            self.reload()

    def set_order(self, order: DocumentOrder) -> None:
        if order != self.order:
            self.order = order
            self.reload()

    def paint_swatches(self) -> None:
        """The count columns' swatches again (a light/dark switch, new labels)."""
        self._swatches = {label.name: swatch_icon(label.colour) for label in self.labels}
        if self.labels:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, len(FIXED_COLUMNS),
                                        self.columnCount() - 1)

    def set_open_document(self, document_id: int | None) -> None:
        """The open document's row is shown bold, every cell of it."""
        self.open_id = document_id
        if self._count:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._count - 1, self.columnCount() - 1), [FONT])

    # -- rows ----------------------------------------------------------------------------
    # A page keeps [row, its cell texts]: the texts are made the first time the row is
    # painted (most rows of a page never are) and then kept, because painting asks for
    # every cell many times.
    def document_at(self, row: int) -> DocumentRow | None:
        listed = self._listed_at(row)
        return listed[0] if listed else None

    def _listed_at(self, row: int) -> list | None:
        if not 0 <= row < self._count:
            return None
        number, place = divmod(row, PAGE_ROWS)
        if number != self._last_number:
            page = self._pages.get(number)
            if page is None:
                page = self._read_page(number)
            else:
                self._pages.move_to_end(number)
            self._last_number, self._last_page = number, page
        if place >= len(self._last_page):
            return None
        listed = self._last_page[place]
        if listed[1] is None:
            listed[1] = _cell_texts(listed[0], [label.name for label in self.labels])
        return listed

    def _read_page(self, number: int) -> list[list]:
        names = [label.name for label in self.labels]
        rows = document_page(self.project, names, number * PAGE_ROWS, PAGE_ROWS,
                             self.where, self.order)
        page = [[row, None] for row in rows]
        self._pages[number] = page
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return page

    def _forget_pages(self) -> None:
        self._pages.clear()
        self._last_number, self._last_page = None, []

    def row_of(self, document_id: int | None) -> int | None:
        if document_id is None:
            return None
        return row_of_document(self.project, document_id, self.where, self.order)

    def lists(self, document_id: int) -> bool:
        return is_listed(self.project, document_id, self.where)

    def neighbour_of(self, document_id: int, step: int) -> int | None:
        """The document listed after (+1) or before (-1) this one, as filtered and sorted
        now; asked of the store, so rows not read yet count too."""
        return neighbour_in_list(self.project, document_id, step, self.where, self.order)

    def loaded_row_count(self) -> int:
        """How many rows are held in memory now (the rest are read when shown)."""
        return sum(len(page) for page in self._pages.values())

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self.labels)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != Qt.Orientation.Horizontal:
            return None
        label = self._label_of(section)
        if role == DISPLAY:
            return self._short[label.name] if label else FIXED_COLUMNS[section]
        if label is not None and role == DECORATION:
            return self._swatches.get(label.name)
        if label is not None and role == TOOLTIP:
            return plain_tooltip(f"{label.name}: spans per document (click to sort by them)")
        return None

    def data(self, index, role=DISPLAY):
        if role not in _SERVED_ROLES:  # most of what a paint asks: answered without a lookup
            return None
        listed = self._listed_at(index.row())
        if listed is None:
            return None
        row, cells = listed
        column = index.column()
        if role == DISPLAY:
            return cells[column]
        if role == FONT:
            return self._bold if row.id == self.open_id else None
        if role == ALIGNMENT:
            return _CENTRED if column >= len(FIXED_COLUMNS) else None
        if column != TITLE:
            return None
        if role == TOOLTIP:
            return plain_tooltip(row.title.strip() or UNTITLED)
        return None if row.title.strip() else QPalette().color(QPalette.ColorRole.PlaceholderText)

    def flags(self, index):
        return ROW_FLAGS

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks: a column's values, a label's span count, or (no column) project order."""
        descending = order == Qt.SortOrder.DescendingOrder
        label = self._label_of(column)
        if label is not None:
            self.set_order(DocumentOrder("spans", label=label.name, descending=descending))
        elif column in SORT_KEY_OF_COLUMN:
            self.set_order(DocumentOrder(SORT_KEY_OF_COLUMN[column], descending=descending))
        else:
            self.set_order(DocumentOrder())

    # -- cells ---------------------------------------------------------------------------
    def _label_of(self, column: int) -> Label | None:
        position = column - len(FIXED_COLUMNS)
        return self.labels[position] if 0 <= position < len(self.labels) else None


def _cell_texts(row: DocumentRow, labels: list[str]) -> tuple[str, ...]:
    counts = [row.counts.get(name, 0) for name in labels]
    # a count of none shows blank, not 0, so that the rows with spans stand out
    fixed = {TITLE: one_line(row.title.strip()) or UNTITLED, STATUS: status_text(row.status),
             SOURCE: one_line(row.source), DATE: date_text(row.published)}
    return (*(fixed[column] for column in range(len(FIXED_COLUMNS))),
            *(str(count) if count else "" for count in counts))
