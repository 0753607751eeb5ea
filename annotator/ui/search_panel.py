"""Corpus search: a query box that searches as you type, and the hits, best first.

Choosing a hit (click, or Enter in the box or the list) emits ``hit_chosen`` with
the document and the first hit's code-point range, for the window to open the
document there. Up and Down in the query box move through the hits without
leaving it. The query syntax is in annotator/core/text_search.py.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout,
                               QWidget)

from ..store import Project
from ..store.search import count_matches
from .overrides import reported_errors
from .search_results import SearchHitDelegate, SearchResultsModel

DEBOUNCE_MS = 200
PLACEHOLDER = 'Search all documents: words, "a phrase", prefix*'
SYNTAX_TIP = ("All the words must appear, in any order; \"words in quotes\" together;\n"
              "minist* matches words beginning so. Case and accents do not matter.")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MOVES = {Qt.Key.Key_Down: +1, Qt.Key.Key_Up: -1}


@reported_errors
class SearchPanel(QWidget):
    hit_chosen = Signal(int, int, int)  # document id, start, end (code points; 0, 0: title hit)

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.project = project
        self.model = SearchResultsModel(project, self)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self._build()

    def _build(self) -> None:
        self.field = QLineEdit(self)
        self.setFocusProxy(self.field)  # the Search tab clicked: type the query
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setToolTip(SYNTAX_TIP)
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._timer.start)  # (re)start: search when typing pauses
        self.field.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchHitDelegate(self.results))
        self.results.setUniformItemSizes(True)  # nothing measured per hit
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.clicked.connect(self._choose)
        self.results.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    # -- searching ---------------------------------------------------------------------------
    def focus_query(self) -> None:
        """Put the cursor in the query box, its text selected (the shortcut's job)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run_search(self) -> None:
        """Search now for what the box holds (also after documents were imported)."""
        self._timer.stop()
        query = self.field.text()
        self.model.set_query(query)
        self.status.setText(self._status_text(query))
        if self.model.rowCount():
            self._move_to(0)

    def _status_text(self, query: str) -> str:
        if not query.strip():
            return ""
        total = count_matches(self.project, query)
        if total == 0:
            return "No document matches"
        return f"{total:,} document{'s' if total != 1 else ''}"

    # -- choosing a hit -------------------------------------------------------------------------
    def current_row(self) -> int:
        return self.results.currentIndex().row()

    def _move_to(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.results.selectionModel().setCurrentIndex(index, flags)
        self.results.scrollTo(index)

    def _move_by(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        row = self.current_row()
        target = 0 if row < 0 else max(0, min(rows - 1, row + step))
        if target == rows - 1 and self.model.canFetchMore():
            self.model.fetchMore()  # the next page arrives before the list's end is reached
        self._move_to(target)

    def choose_current(self) -> None:
        if self._timer.isActive():  # Enter before the pause: search for what was typed first
            self.run_search()
        row = self.current_row()
        self._choose(self.model.index(row if row >= 0 else 0, 0))

    def _choose(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return
        start = hit.start if hit.start is not None else 0
        end = hit.end if hit.end is not None else 0
        self.hit_chosen.emit(hit.document_id, start, end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.field, self.results):
            if event.key() in _ENTER:
                self.choose_current()
                return True
            if watched is self.field and event.key() in _MOVES:
                self._move_by(_MOVES[event.key()])
                return True
        return super().eventFilter(watched, event)
