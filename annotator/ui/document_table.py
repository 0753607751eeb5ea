"""The documents of a project as a table model that reads only the pages it shows.

The model holds the listed documents' ids in order (one query on indexes: about
3 ms for 10,000 documents in project order, 15-40 ms sorted by a label's count or
by title among the documents to do); a row's values are read, by id, with the page
(PAGE_ROWS rows) that holds it, the first time the view asks for it, and only the
last KEPT_PAGES pages are kept. So the view can jump anywhere in 100,000 documents,
the model never holds more than 1,200 rows, and a document's row and its neighbours
(the window's next and previous document) are found without a query.

An edit in a document (its spans, its status) changes only its row: read again,
and moved, inserted or removed where the filter or the sort depends on what changed
(a binary search over the ids, asking the store for a few documents' sort values),
never the whole list read again.
"""
from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QIcon, QPalette

from ..core.model import Label
from ..store import Project
from ..store.navigator import (DocumentFilter, DocumentOrder, DocumentRow, document_rows,
                               is_listed, listed_ids, neighbour_in_list, sort_values)
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
MOVED, STALE = "moved", "stale"  # what an edit did to the list (document_changed)


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
        self._ids: list[int] = listed_ids(project, self.where, self.order)  # the rows, in order
        self._row_of_id: dict[int, int] | None = None  # made when first asked, after a change
        self._pages: OrderedDict[int, list[list | None]] = OrderedDict()  # number -> [[row, texts]]
        self._last_number: int | None = None  # the page asked for last, found without a lookup
        self._last_page: list[list] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # -- what is listed ------------------------------------------------------------------
    def reload(self) -> None:
        """Read labels, the listed documents and every row again (the project changed)."""
        self.beginResetModel()
        self.labels = self.project.labels()
        self._short = short_names([label.name for label in self.labels])
        self._ids = listed_ids(self.project, self.where, self.order)
        self._row_of_id = None
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
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, self.columnCount() - 1), [FONT])

    # -- one document edited -------------------------------------------------------------
    def document_changed(self, document_id: int) -> str | None:
        """One document's spans or status changed (an edit in it, or its undo): its row
        shows them now, and where the filter or the sort depends on them, the row moves,
        comes or goes as a full reload would place it. MOVED if rows moved (the view's
        selection is then chosen again); STALE if another program deleted a listed
        document meanwhile, so that the list must be read again; else None."""
        row = self.row_of(document_id)
        if self._depends_on_edits():
            listed = is_listed(self.project, document_id, self.where)
            if not (listed and row is not None and self._in_place(row)):
                return self._move(document_id, row, listed)
        if row is not None:
            self._read_row_again(row)
        return None

    def _depends_on_edits(self) -> bool:
        """Whether an edit (spans, a status) can move a document in or out of the list
        or along it: a status or label filter, a sort by status or by span counts."""
        where, key = self.where, self.order.key
        return where.statuses is not None or where.label is not None or key in ("status", "spans")

    def _read_row_again(self, row: int) -> None:
        page = self._pages.get(row // PAGE_ROWS)
        if page is None:
            return  # not read yet: it is read as it is now when shown
        fresh = document_rows(self.project, [label.name for label in self.labels], [self._ids[row]])
        page[row % PAGE_ROWS] = [fresh[0], None] if fresh else None
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _in_place(self, row: int) -> bool:
        """Whether the document in ``row`` still sorts after the row above and before the
        row below (only it changed: then the whole order holds)."""
        around = self._ids[max(row - 1, 0):row + 2]
        values = sort_values(self.project, self.order, around)
        if any(document_id not in values for document_id in around):
            return False  # gone meanwhile (another program): placed again below
        keys = [(values[document_id], document_id) for document_id in around]
        return all(self._before(a, b) for a, b in zip(keys, keys[1:]))

    def _before(self, a: tuple, b: tuple) -> bool:
        """Whether (sort value, id) ``a`` comes before ``b`` in the list, as SQLite sorts
        them: values are text (compared by code point, as SQLite compares UTF-8 bytes)
        or counts, each column of one kind."""
        return a > b if self.order.descending else a < b

    def _move(self, document_id: int, row: int | None, listed: bool) -> str | None:
        """Take the document out of ``row`` (None: it was not listed) and, if listed,
        put it where the order places it among the others."""
        if row is None and not listed:
            return None  # neither listed before nor now
        ids = self._ids
        others = ids if row is None else ids[:row] + ids[row + 1:]
        place = self._place_among(others, document_id) if listed else None
        if listed and place is None:
            return STALE
        if row is not None and place is not None:
            if place == row:
                self._read_row_again(row)
                return None
            # Qt counts the destination before the move: below the row, one further
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), place + (place > row))
            self._ids = others[:place] + [document_id] + others[place:]
            self._changed_rows()
            self.endMoveRows()
        elif row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            self._ids = others
            self._changed_rows()
            self.endRemoveRows()
        elif place is not None:
            self.beginInsertRows(QModelIndex(), place, place)
            self._ids = others[:place] + [document_id] + others[place:]
            self._changed_rows()
            self.endInsertRows()
        return MOVED

    def _place_among(self, ids: list[int], document_id: int) -> int | None:
        """Where the document goes among ``ids`` (listed, in order): a binary search,
        each step asking the store for one document's sort value (14 steps for 10,000
        documents). None if one of them is gone (another program deleted it)."""
        def key_of(listed: int) -> tuple | None:
            value = sort_values(self.project, self.order, [listed])
            return (value[listed], listed) if listed in value else None

        key = key_of(document_id)
        low, high = 0, len(ids)
        while key is not None and low < high:
            middle = (low + high) // 2
            probe = key_of(ids[middle])
            if probe is None:
                return None
            low, high = (middle + 1, high) if self._before(probe, key) else (low, middle)
        return low if key is not None else None

    def _changed_rows(self) -> None:
        """The ids moved: rows read before are in other places now (read again when shown)."""
        self._row_of_id = None
        self._forget_pages()

    # -- rows ----------------------------------------------------------------------------
    # A page keeps [row, its cell texts]: the texts are made the first time the row is
    # painted (most rows of a page never are) and then kept, because painting asks for
    # every cell many times.
    def document_at(self, row: int) -> DocumentRow | None:
        listed = self._listed_at(row)
        return listed[0] if listed else None

    def _listed_at(self, row: int) -> list | None:
        if not 0 <= row < len(self._ids):
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
        if listed is None:
            return None  # deleted since the list was read (another program)
        if listed[1] is None:
            listed[1] = _cell_texts(listed[0], [label.name for label in self.labels])
        return listed

    def _read_page(self, number: int) -> list[list | None]:
        names = [label.name for label in self.labels]
        ids = self._ids[number * PAGE_ROWS:(number + 1) * PAGE_ROWS]
        found = {row.id: row for row in document_rows(self.project, names, ids)}
        page = [[found[document_id], None] if document_id in found else None for document_id in ids]
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
        if self._row_of_id is None:
            self._row_of_id = {listed: row for row, listed in enumerate(self._ids)}
        return self._row_of_id.get(document_id)

    def lists(self, document_id: int) -> bool:
        return self.row_of(document_id) is not None

    def neighbour_of(self, document_id: int, step: int) -> int | None:
        """The document listed after (+1) or before (-1) this one, as filtered and sorted
        now. One the filter hides is placed by the store, among all documents."""
        row = self.row_of(document_id)
        if row is not None:
            row += 1 if step > 0 else -1
            if not 0 <= row < len(self._ids):
                return None
            if self.project.conn.execute("SELECT 1 FROM documents WHERE id = ?",
                                         [self._ids[row]]).fetchone():
                return self._ids[row]
            # deleted by another program since the list was read: the store places it
        return neighbour_in_list(self.project, document_id, step, self.where, self.order)

    def listed_ids(self) -> list[int]:
        """The listed documents' ids, in the list's order."""
        return list(self._ids)

    def loaded_row_count(self) -> int:
        """How many rows are held in memory now (the rest are read when shown)."""
        return sum(len(page) for page in self._pages.values())

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

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
