"""The spans of the open document as a table, in text order, filtered by label. The
selected row is the selected span: a label's key relabels it and Delete removes it, as
in the text (LIST_KEYS, which F1 lists).

The model holds a plain list of spans and computes every cell when asked, so a
document with 10,000 spans costs one list, not 30,000 items. An edit moves only the
rows of the spans it touched (a row inserted, removed or changed), found by binary
search, rather than listing every span again.
"""
from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import (QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex, QObject,
                            Qt, Signal)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QComboBox, QHeaderView, QTableView,
                               QVBoxLayout, QWidget)

from ..core.model import Span
from ..core.span_index import text_order
from ..session import AnnotationSession, Change
from .keys import DELETE_KEYS
from .legend import swatch_icon
from .overrides import reported_errors
from .plain_text import one_line, plain_tooltip
from .tables import DECORATION, DISPLAY, NO_PARENT, ROW_FLAGS, TOOLTIP, row_table
from .viewport import wrap_viewport

ALL_LABELS = "All labels"
COLUMNS = ("Label", "Text", "Speaker", "By")
LABEL, TEXT, SPEAKER, BY = range(len(COLUMNS))  # By: the annotator, where teams merge work
TOOLTIP_FIELDS = ("speaker", "target", "cue", "note")
_SERVED_ROLES = frozenset({DISPLAY, TOOLTIP, DECORATION})
ARROW_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down)
# an edit touches a span or a few; more (another layer shown, another program's changes)
# are listed again at once, one reset being cheaper than thousands of moved rows
FEW_SPANS = 50
# keys, what they do: F1's "In the Spans list" (shortcuts_dialog.py); _key does them
LIST_KEYS = (("a label's key (1–9)", "relabel the span of the current row"),
             ("Delete, Backspace", "remove it"),
             ("Up / Down, Enter, Space", "go through the spans; the text shows each"))


def describe(span: Span) -> str:
    """Everything about a span, for its tooltip (shown as plain text)."""
    lines = [f"{span.label}: {span.text}"]
    lines += [f"{name}: {getattr(span, name)}" for name in TOOLTIP_FIELDS if getattr(span, name)]
    return "\n".join(lines)


@reported_errors
class SpanTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._spans: list[Span] = []  # in text order
        self._keys: list[tuple] = []  # their text_order keys, for binary search
        self._key_of: dict[int, tuple] = {}  # span id -> its key (rows move, keys do not)
        self._swatches: dict[str, QIcon] = {}  # label name -> swatch, one per label

    # -- contents -------------------------------------------------------------------
    def set_spans(self, spans: list[Span]) -> None:
        """Show ``spans`` (in text order); when only their contents changed, keep the
        view's place."""
        if [s.id for s in spans] == [s.id for s in self._spans]:
            pairs = enumerate(zip(self._spans, spans))
            changed = [row for row, (old, new) in pairs if old is not new]
            self._spans = spans
            self._keys = [text_order(span) for span in spans]
            if changed:  # one signal for the stretch that changed (usually one row)
                self._changed(changed[0], changed[-1])
            return
        self.beginResetModel()
        self._spans = spans
        self._keys = [text_order(span) for span in spans]
        self._key_of = {span.id: key for span, key in zip(spans, self._keys)}
        self.endResetModel()

    def update_spans(self, changed: dict[int, Span | None]) -> None:
        """Show these spans as they are now, None for one gone (or filtered out): each
        row changed in place, or removed and inserted where text order puts it."""
        for span_id, span in changed.items():
            old_key = self._key_of.get(span_id)
            new_key = text_order(span) if span is not None else None
            if old_key is not None and old_key == new_key:
                row = bisect_left(self._keys, old_key)
                self._spans[row] = span
                self._changed(row, row)
                continue
            if old_key is not None:
                row = bisect_left(self._keys, old_key)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._spans[row], self._keys[row], self._key_of[span_id]
                self.endRemoveRows()
            if span is not None:
                row = bisect_left(self._keys, new_key)
                self.beginInsertRows(QModelIndex(), row, row)
                self._spans.insert(row, span)
                self._keys.insert(row, new_key)
                self._key_of[span_id] = new_key
                self.endInsertRows()

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def set_swatches(self, swatches: dict[str, QIcon]) -> None:
        self._swatches = swatches

    def span_at(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: int | None) -> int | None:
        key = self._key_of.get(span_id)
        return bisect_left(self._keys, key) if key is not None else None

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return COLUMNS[section]
        return None

    def data(self, index, role=DISPLAY):
        if role not in _SERVED_ROLES:  # most of what a paint asks: answered without a lookup
            return None
        span = self.span_at(index.row()) if index.isValid() else None
        if span is None:
            return None
        if role == DISPLAY:
            return _cell_text(span, index.column())
        if role == TOOLTIP:
            return plain_tooltip(describe(span))
        if index.column() == LABEL:  # the decoration: the label's swatch
            return self._swatches.get(span.label)
        return None

    def flags(self, index):
        return ROW_FLAGS


def _cell_text(span: Span, column: int) -> str:
    if column == LABEL:
        return span.label
    if column == TEXT:
        return one_line(span.text)
    if column == BY:
        return one_line(span.annotator)
    return one_line(span.speaker)


@reported_errors
class SpanListPanel(QWidget):
    span_activated = Signal(int)  # a span chosen here: the text view scrolls to it

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("spanListPanel")
        self.session = session
        self._syncing = False  # set while the table follows the session: no echo back
        self._current_before_press = -1
        self.model = SpanTableModel(self)
        self._build()
        session.subscribe(self._on_change)
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter = QComboBox(self)
        self.filter.setObjectName("labelFilter")
        self.filter.setAccessibleName("Label filter")
        self._fill_filter()
        self.filter.currentIndexChanged.connect(self.refresh)
        self.table = self._table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)

    def _fill_filter(self) -> None:
        """The label choices, keeping the chosen label if it still exists."""
        chosen = self.filter.currentData()
        self.filter.blockSignals(True)  # the caller refreshes once, after
        self.filter.clear()
        self.filter.addItem(ALL_LABELS, None)
        for label in self.session.labels:
            self.filter.addItem(label.name, label.name)
        self.filter.setCurrentIndex(max(0, self.filter.findData(chosen)))
        self.filter.blockSignals(False)

    def _table(self) -> QTableView:
        table = row_table(self, self.model, "spanTable", "Spans")
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        # fixed row heights: nothing is measured per row, however many spans there are
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        columns.resizeSection(LABEL, table.fontMetrics().horizontalAdvance("demand") + 40)
        columns.resizeSection(SPEAKER, table.fontMetrics().horizontalAdvance("M") * 7)
        columns.resizeSection(BY, table.fontMetrics().horizontalAdvance("M") * 5)
        table.selectionModel().currentRowChanged.connect(self._row_chosen)
        table.clicked.connect(self._row_clicked)
        table.activated.connect(self._choose)  # Enter, or a double click
        wrap_viewport(table).installEventFilter(self)
        table.installEventFilter(self)  # label keys and Delete, before the keyboard search
        return table

    # -- following the session -------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        # a long document comes in two parts: its first screens' spans ("document"),
        # then the rest ("loaded"); the list shows what is in at each step
        if change.kind == "labels":  # added, renamed or removed in the label editor
            self._fill_filter()
            self.refresh()
        elif change.kind == "spans" and 0 < len(change.span_ids) <= FEW_SPANS:
            self._update(change.span_ids)
        elif change.kind in ("document", "loaded", "spans"):
            self.refresh()
        elif change.kind == "selection":
            self.show_selected()

    def _paint_swatches(self) -> None:
        self.model.set_swatches({label.name: swatch_icon(label.colour)
                                 for label in self.session.labels})

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light/dark: the swatches follow
            self._paint_swatches()
            self.table.viewport().update()
        super().changeEvent(event)

    def keyboard_entry(self) -> QWidget:
        """Where the Spans tab clicked puts the keyboard: the list."""
        return self.table

    def refresh(self) -> None:
        """Read the spans again (with the current label filter) and select the session's span."""
        self._paint_swatches()
        wanted = self.filter.currentData()
        spans = [s for s in self.session.index.in_order() if wanted is None or s.label == wanted]
        self._syncing = True
        try:
            self.model.set_spans(spans)
        finally:
            self._syncing = False
        self.show_selected()

    def _update(self, span_ids: tuple[int, ...]) -> None:
        """Only these spans changed (an edit, an undo): move their rows alone. Every
        change to the session's spans is announced, so the rows stay what ``refresh``
        would list."""
        wanted, index = self.filter.currentData(), self.session.index
        changed = {}
        for span_id in span_ids:
            span = index.get(span_id)
            changed[span_id] = span if span is not None and wanted in (None, span.label) else None
        self._syncing = True  # a removed current row moves Qt's current row: no echo
        try:
            self.model.update_spans(changed)
        finally:
            self._syncing = False
        self.show_selected()

    def show_selected(self) -> None:
        """Select and show the row of the session's selected span (none if filtered out)."""
        row = self.model.row_of(self.session.selected_id)
        selection = self.table.selectionModel()
        self._syncing = True
        try:
            if row is None:
                selection.clear()
                selection.clearCurrentIndex()  # so that a click on that row selects it again
                return
            index = self.model.index(row, 0)
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            selection.setCurrentIndex(index, flags)
            self.table.scrollTo(index)
        finally:
            self._syncing = False

    # -- the analyst chooses a row --------------------------------------------------------------
    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # the current row moved (arrow keys, a click on another row)
        if not self._syncing:
            self._choose(current)

    def _mark_first_row_quietly(self) -> None:
        """Put the focus mark on the first row without choosing its span. The keyboard
        coming into the list (its tab clicked, Tab) with no current row makes Qt put the
        mark there, which would select the first span and take the text away from where
        the analyst reads; with the mark already there, Qt leaves it."""
        if self.table.currentIndex().isValid() or self.model.rowCount() == 0:
            return
        self._syncing = True
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, LABEL), QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self._syncing = False

    def _row_clicked(self, index: QModelIndex) -> None:
        # a click on the row that was already current moves nothing: act on it here
        if index.row() == self._current_before_press:
            self._choose(index)
        self.show_selected()  # e.g. Ctrl+click deselected it: the session still has it

    def _choose(self, index: QModelIndex) -> None:
        span = self.model.span_at(index.row()) if index.isValid() else None
        if span is None:
            return
        if span.id != self.session.selected_id:
            self.session.select(span.id)
        self.span_activated.emit(span.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched is self.table.viewport():
            self._current_before_press = self.table.currentIndex().row()
        if watched is self.table:
            if event.type() == QEvent.Type.KeyPress and self._key(event):
                return True
            if (event.type() == QEvent.Type.FocusIn
                    and event.reason() != Qt.FocusReason.MouseFocusReason):
                self._mark_first_row_quietly()
        return super().eventFilter(watched, event)

    def _selected_span_is_shown(self) -> bool:
        selected = self.session.selected
        row = self.model.row_of(selected.id) if selected is not None else None
        return row is not None and self.table.selectionModel().isRowSelected(row, NO_PARENT)

    def _key(self, event) -> bool:
        """A label's key relabels the selected span, Delete removes it: as in the text.
        Up or Down on a row only marked (the keyboard just came in) chooses that row,
        rather than the one past it; Space chooses the marked row, as it highlights it."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        current = self.table.currentIndex()
        marked_only = current.isValid() and not self.table.selectionModel().isRowSelected(
            current.row(), NO_PARENT)
        if (event.key() in ARROW_KEYS and marked_only) or (
                event.key() == Qt.Key.Key_Space and current.isValid()):
            self._choose(current)
            return True
        if not self._selected_span_is_shown():
            return False  # never act on a span the list's filter hides
        label = self.session.label_for_key(event.text()) if event.text() else None
        if label is not None:
            self.session.relabel(label)
            return True
        if event.key() in DELETE_KEYS:
            self.session.delete_selected()
            return True
        return False
