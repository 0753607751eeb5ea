"""The document navigator: every document of the project, filtered and sorted, beside the text.

A click or Enter on a row asks for that document (``document_chosen``); the
window opens it and calls ``show_current``, which marks its row without asking
again. Up and Down only move through the list. The window's next and previous
document (Alt+Right, Alt+Left, Ctrl+Enter) are the rows beside the open one's
(``neighbour``). The rows come from a model that reads the pages it shows
(document_table.py), so the list opens as fast with 100,000 documents as with ten.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView,
                               QLineEdit, QTableView, QVBoxLayout, QWidget)

from ..store import Project
from ..store.navigator import DocumentFilter, progress, sources
from .document_table import (DATE, FIXED_COLUMNS, MOVED, SOURCE, STATUS, STALE, TITLE,
                             DocumentTableModel)
from .legend import SWATCH_SIZE, swatch_icon
from .overrides import reported_errors
from .progress_line import ProgressLine
from .tables import row_table
from .viewport import wrap_viewport

TYPING_PAUSE_MS = 150  # filter once the analyst pauses, not on every key
STATUS_CHOICES = (("All statuses", None), ("To do", ("new", "in-progress")), ("New", ("new",)),
                  ("In progress", ("in-progress",)), ("Done", ("done",)), ("Skipped", ("skipped",)))
ALL_SOURCES, NO_SOURCE, ANY_LABEL = "All sources", "No source", "Any label"
# what a column must show unelided: a source, a date, the longest status, a short label name
COLUMN_SAMPLES = {SOURCE: "bbc.co.uk", DATE: "2024-12-31", STATUS: "in progress"}
COUNT_SAMPLE = "dem"
CELL_PADDING = 10
# A title stays readable in a narrow dock: below this, the other columns scroll instead.
MIN_TITLE_CHARACTERS = 24


@reported_errors
class DocumentNavigator(QWidget):
    document_chosen = Signal(int)  # the analyst asked to open this document

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentNavigator")
        self.project = project
        self.model = DocumentTableModel(project, self)
        self._keep_scroll = False  # set while refresh() re-reads: the view stays where it was
        self._last_asked: tuple[int | None, float] = (None, 0.0)  # (document id, when)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.apply_filter)
        self._pending_refresh = QTimer(self)
        self._pending_refresh.setSingleShot(True)
        self._pending_refresh.timeout.connect(self.refresh)
        self._build()
        self._fill_choices()
        self._paint_swatches()
        self._size_columns()
        self.progress.show_progress(*progress(project))

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.text_box = QLineEdit(self)
        self.text_box.setObjectName("navigatorText")
        self.text_box.setPlaceholderText("Filter titles…")
        self.text_box.setAccessibleName("Filter document titles")  # no form label names it
        self.text_box.setClearButtonEnabled(True)
        self.text_box.textChanged.connect(self._typing.start)
        self.text_box.returnPressed.connect(self.apply_filter)
        self.full_text_box = QCheckBox("in text", self)
        self.full_text_box.setObjectName("navigatorFullText")
        self.full_text_box.setToolTip("Also list documents whose text holds these words")
        self.full_text_box.toggled.connect(self.apply_filter)
        self.status_box = self._combo("navigatorStatus", "Status filter")
        self.source_box = self._combo("navigatorSource", "Source filter")
        self.label_box = self._combo("navigatorLabel", "Label filter")
        self.table = self._table()
        self.progress = ProgressLine(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(_row(self.text_box, self.full_text_box))
        layout.addLayout(_row(self.status_box, self.source_box, self.label_box))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)

    def _combo(self, name: str, title: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(title)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        # its preferred width, but a narrow dock may squeeze it to a few letters (its
        # minimum would otherwise be its longest item's, holding the dock 314 pixels wide)
        box.setMinimumWidth(box.fontMetrics().averageCharWidth() * 8)
        box.currentIndexChanged.connect(self.apply_filter)
        return box

    def _table(self) -> QTableView:
        table = row_table(self, self.model, "documentTable", "Documents")
        table.verticalHeader().hide()
        # fixed row heights: Qt never measures rows, so only the rows on screen are read
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click goes back to project order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.clicked.connect(self._choose)
        table.activated.connect(self._choose)  # Enter (and a double click)
        self.model.modelReset.connect(self._after_reset)
        wrap_viewport(table).installEventFilter(self)  # not viewport(): see wrap_viewport
        return table

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)  # the open document's row is bold
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(metrics.horizontalAdvance("000"))
        for column, sample in COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + CELL_PADDING)
        count_width = metrics.horizontalAdvance(COUNT_SAMPLE) + SWATCH_SIZE + CELL_PADDING
        for column in range(len(FIXED_COLUMNS), self.model.columnCount()):
            header.resizeSection(column, count_width)
        self._fit_title()

    def _fit_title(self) -> None:
        """The title takes the room the other columns leave, as a stretched column
        would, but never less than MIN_TITLE_CHARACTERS: a stretched title shrank to a
        few letters in a narrow dock ("Council votes..."), the counts in full beside it."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(column) for column in range(TITLE + 1, header.count()))
        least = self.table.fontMetrics().averageCharWidth() * MIN_TITLE_CHARACTERS
        header.resizeSection(TITLE, max(least, self.table.viewport().width() - others))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title()  # the dock was resized: the title takes up the difference
        return super().eventFilter(watched, event)

    # -- the filter choices ----------------------------------------------------------------
    def _fill_choices(self) -> None:
        """Fill the combo boxes again (new sources, renamed labels), keeping each choice."""
        kept = (self.status_box.currentIndex(), self.source_box.currentData(),
                self.label_box.currentData())
        for box in (self.status_box, self.source_box, self.label_box):
            box.blockSignals(True)
            box.clear()
        for text, _statuses in STATUS_CHOICES:
            self.status_box.addItem(text)
        self.source_box.addItem(ALL_SOURCES, None)
        for source in sources(self.project):
            self.source_box.addItem(source or NO_SOURCE, source)
        self.label_box.addItem(ANY_LABEL, None)
        for label in self.model.labels:
            self.label_box.addItem(label.name, label.name)
        self.status_box.setCurrentIndex(max(kept[0], 0))
        self.source_box.setCurrentIndex(max(self.source_box.findData(kept[1]), 0))
        self.label_box.setCurrentIndex(max(self.label_box.findData(kept[2]), 0))
        for box in (self.status_box, self.source_box, self.label_box):
            box.blockSignals(False)

    def _paint_swatches(self) -> None:
        self.model.paint_swatches()
        for number, label in enumerate(self.model.labels, start=1):  # after "Any label"
            self.label_box.setItemIcon(number, swatch_icon(label.colour))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_swatches()
        super().changeEvent(event)

    def current_filter(self) -> DocumentFilter:
        return DocumentFilter(statuses=STATUS_CHOICES[self.status_box.currentIndex()][1],
                              source=self.source_box.currentData(),
                              label=self.label_box.currentData(),
                              text=self.text_box.text(), full_text=self.full_text_box.isChecked())

    def apply_filter(self) -> None:
        """Filter by the current choices now (typing waits for a pause first)."""
        self._typing.stop()
        self.model.set_filter(self.current_filter())

    # -- following the window -------------------------------------------------------------
    def show_current(self, document_id: int | None) -> None:
        """Mark the open document's row (bold, selected, scrolled to); emits nothing."""
        self.model.set_open_document(document_id)
        self._select_open()

    def neighbour(self, document_id: int, step: int) -> int | None:
        """The document in the row after (+1) or before (-1) this one's. One the filter
        hides has its place in the sort order all the same: its nearest listed row."""
        return self.model.neighbour_of(document_id, step)

    def lists(self, document_id: int) -> bool:
        """Whether the filter lets this document into the list."""
        return self.model.lists(document_id)

    def place_of(self, document_id: int) -> tuple[int, int] | None:
        """The document's row (from 1) and the rows listed; None if the filter hides it."""
        row = self.model.row_of(document_id)
        return None if row is None else (row + 1, self.model.rowCount())

    def refresh(self) -> None:
        """Read everything again (after imports, status changes, new spans), staying in place."""
        self._pending_refresh.stop()
        if self.project.closed:  # a refresh queued before the window switched projects
            return
        bar = self.table.verticalScrollBar()
        place, columns = bar.value(), self.model.columnCount()
        self._keep_scroll = True
        try:
            self.model.reload()
            self._fill_choices()  # after the labels are read again
            self._paint_swatches()
            self.model.set_filter(self.current_filter())  # a removed source or label is dropped
        finally:
            self._keep_scroll = False
        if self.model.columnCount() != columns:
            self._size_columns()
        bar.setValue(place)
        self.progress.show_progress(*progress(self.project))

    def document_edited(self, document_id: int, status_changed: bool = False) -> None:
        """A document's spans or status changed in this window (an edit, an undo): its row
        shows them, moving, coming or going where the filter or sort depends on them, and
        the progress line follows a status. Only that document is read, never the list."""
        if self.project.closed:
            return
        done = self.model.document_changed(document_id)
        if done == STALE:  # another program deleted a document meanwhile
            self.refresh()
            return
        if done == MOVED:
            self._select_open(scroll=False)  # the view stays where it was, as on a refresh
        if status_changed:
            self.progress.show_progress(*progress(self.project))

    def schedule_refresh(self) -> None:
        """Refresh once the current event is handled: an edit, or a burst of them (an
        undo of many, an import), costs one refresh after the edit is shown, not one each."""
        self._pending_refresh.start(0)

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyboard_entry(self) -> QWidget:
        """Where the Documents tab clicked puts the keyboard: the list (arrows, Enter)."""
        return self.table

    def _after_reset(self) -> None:
        self._select_open(scroll=not self._keep_scroll)

    def _select_open(self, scroll: bool = True) -> None:
        row = self.model.row_of(self.model.open_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.clear()
            return
        index = self.model.index(row, TITLE)
        self.table.setAutoScroll(scroll)  # a current row change scrolls to it when set
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setAutoScroll(True)
        if scroll:
            self.table.scrollTo(index)

    # -- the analyst chooses a row ------------------------------------------------------------
    def _choose(self, index: QModelIndex) -> None:
        row = self.model.document_at(index.row()) if index.isValid() else None
        if row is None or row.id == self.model.open_id or self._repeats(row.id):
            return
        self._last_asked = (row.id, time.monotonic())
        self.document_chosen.emit(row.id)

    def _repeats(self, document_id: int) -> bool:
        # A double click is one request: its second click and its activation repeat
        # the first click, before the window has had a chance to call show_current.
        last_id, when = self._last_asked
        interval = QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000
        return last_id == document_id and time.monotonic() - when < interval


def _row(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, (QLineEdit, QComboBox)) else 0)
    return layout
