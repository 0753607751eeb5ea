"""View → Adjudicate: the open document's clusters side by side, decided one key each.

One row per cluster (where the compared annotators' spans meet), one column per
annotator with what they marked there, and the gold layer's column. The keys act
on the current row while the panel has focus: 1-9 accept annotator N's version (the
columns are numbered), the others are LETTER_KEYS.

Every decision is an edit in the window's undo history (Ctrl+Z). Deciding is the
Qt-free Adjudication's (adjudicating.py); this widget only shows it and passes keys.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..adjudicating import STALE_ON, Adjudication, attribution
from ..core.adjudication import ATTRIBUTION, Cluster
from ..core.layers import GOLD, Layer
from ..core.model import Span
from ..session import Change
from .legend import swatch_icon
from .overrides import reported_errors
from .plain_text import no_mnemonic, one_line, plain_tooltip
from .tables import NO_PARENT, row_table

STATE, FIRST_ANNOTATOR = 0, 1
NOTHING_TO_ADJUDICATE = "Nothing to adjudicate in this document"
EMPTY = "—"

# The list's keys besides the column digits: Qt keys, as F1 shows them, what they do,
# the method that does it. _key acts on this table and F1 lists it (shortcuts_dialog.py).
DIGIT_KEYS = ("1–9", "accept that annotator's column")
LETTER_KEYS = (
    ((Qt.Key.Key_A,), "A", "accept all columns", "accept_all"),
    ((Qt.Key.Key_E,), "E", "accept one and edit it in the gold layer", "accept_and_edit"),
    ((Qt.Key.Key_R,), "R", "reject: nothing goes to gold (takes gold's spans out where "
                           "a rejection stands beside them)", "reject"),
    ((Qt.Key.Key_G,), "G", "keep gold's spans where a rejection stands beside them "
                           "(drops the rejection)", "keep_gold"),
    ((Qt.Key.Key_Delete,), "Delete", "reopen (take gold and rejection out)", "reopen"),
    ((Qt.Key.Key_N, Qt.Key.Key_Down), "N or Down", "next unsettled cluster", "next_unsettled"),
    ((Qt.Key.Key_P, Qt.Key.Key_Up), "P or Up", "previous cluster", "previous"),
)


def list_keys() -> list[tuple[str, str]]:
    """F1's rows for the adjudication list."""
    return [DIGIT_KEYS] + [(shown, what) for _keys, shown, what, _method in LETTER_KEYS]


def describe_cell(spans: list[Span], also: tuple[str, ...] = ()) -> str:
    """Each span's label, speaker (who said what is what versions most often differ
    in) and the fields ``also``, before its text, which the column may cut short."""
    return "  ·  ".join(f"{span.label} {attribution(span, ('speaker', *also))}: "
                        f"{one_line(span.text)}" for span in spans) or EMPTY


REJECTED, IN_GOLD, AGREE, DIFFER, CONFLICT = STATES = (
    "✘ rejected", "✔ in gold", "= agree", "≠ differ", "⚠ rejected, but in gold")
# what the conflict's tooltip says: gold holds what the lead rejected (merged from a
# copy where this stretch was accepted), and how to settle it
CONFLICT_HELP = ("Rejected here, but gold holds a span (e.g. merged from a copy where it "
                 "was accepted).\nR: reject again, taking the gold span out · G: keep gold's "
                 "span, dropping the rejection · 1–9 or A: accept a version instead, "
                 "dropping the rejection · Delete: reopen")
# the state column is made as wide as this one: a longer list of differences is cut
# short there, and shown whole in its tooltip
WIDE_STATE = f"{DIFFER}: boundaries, speaker"


def state_of(cluster: Cluster) -> str:
    if cluster.conflicting:  # before "rejected": the panel must not hide what gold holds
        return CONFLICT
    if cluster.rejected:
        return REJECTED
    if cluster.gold:
        return IN_GOLD
    if cluster.agreed:
        return AGREE
    differences = cluster.differences()
    return f"{DIFFER}: {', '.join(differences)}" if differences else DIFFER


def shown_fields(cluster: Cluster) -> tuple[str, ...]:
    """The attribution fields besides the speaker that the cells show: those the
    versions differ in (else the cells would look alike where the state says they differ)."""
    differences = cluster.differences()
    return tuple(name for name in ATTRIBUTION if name != "speaker" and name in differences)


@reported_errors
class ClusterTableModel(QAbstractTableModel):
    """Clusters as rows; columns: state, each annotator (numbered), gold."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.clusters: list[Cluster] = []
        self.annotators: list[str] = []
        self.swatches: dict[str, QIcon] = {}
        self.settled_colour = None  # settled rows are shown quieter

    def set_clusters(self, clusters: list[Cluster], annotators: list[str]) -> None:
        self.beginResetModel()
        self.clusters, self.annotators = clusters, annotators
        self.endResetModel()

    def annotator_of(self, column: int) -> str | None:
        index = column - FIRST_ANNOTATOR
        return self.annotators[index] if 0 <= index < len(self.annotators) else None

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.clusters)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.annotators) + 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == STATE:
            return "State"
        name = self.annotator_of(section)
        return "Gold" if name is None else f"{section} {one_line(name)}"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.clusters):
            return None
        cluster, column = self.clusters[index.row()], index.column()
        spans = self._spans(cluster, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == STATE:
                return state_of(cluster)
            if column > len(self.annotators) and cluster.rejected and not cluster.gold:
                return "nothing (rejected)"
            return describe_cell(spans, shown_fields(cluster))
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"characters {cluster.start}–{cluster.end}"
            if column == STATE:
                explained = CONFLICT_HELP if cluster.conflicting else state_of(cluster)
                return plain_tooltip(f"{explained}\n{where}")
            lines = [_span_lines(span) for span in spans] or [describe_cell(spans)]
            return plain_tooltip("\n\n".join([where, *lines]))
        if role == Qt.ItemDataRole.DecorationRole and spans:
            return self.swatches.get(spans[0].label)
        if role == Qt.ItemDataRole.ForegroundRole and cluster.settled and column != STATE:
            return self.settled_colour
        return None

    def _spans(self, cluster: Cluster, column: int) -> list[Span]:
        if column == STATE:
            return []
        name = self.annotator_of(column)
        return list(cluster.gold) if name is None else cluster.versions.get(name, [])

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _span_lines(span: Span) -> str:
    lines = [f"{span.annotator}: {span.label} [{span.start}–{span.end}]", span.text]
    lines += [f"{name}: {getattr(span, name)}" for name in ("speaker", "target", "cue", "note")
              if getattr(span, name)]
    return "\n".join(lines)


@reported_errors
class AdjudicationPanel(QWidget):
    def __init__(self, session, view, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("adjudicationPanel")
        self.session, self.view = session, view
        self.adjudication = Adjudication(session)  # subscribes first: its figures are fresh
        self.model = ClusterTableModel(self)
        self._syncing = False
        self._build()
        session.subscribe(self._on_change)

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        self.progress = _plain_label("progressLine")
        self.table = row_table(self, self.model, "clusterTable", "Passages to adjudicate")
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # as wide as the widest state, measured once: sized to its contents, Qt would ask
        # every row of a long document's clusters for its text after each edit
        self.table.horizontalHeader().setSectionResizeMode(STATE, QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().resizeSection(STATE, self._state_column_width())
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda index, _: self._go(index.row()))
        self.setFocusProxy(self.table)
        self.accept_bar = QWidget(self)  # one button per annotator, made in refresh()
        self.accept_buttons: list[QPushButton] = []
        self.message = _plain_label("adjudicationMessage")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        for part in (self.progress, self.table, self.accept_bar):
            self.layout_.addWidget(part, 1 if part is self.table else 0)
        self.layout_.addLayout(self._decision_buttons())
        self.layout_.addWidget(self.message)

    def _state_column_width(self) -> int:
        metrics = self.table.fontMetrics()
        texts = [*STATES, WIDE_STATE, self.model.headerData(STATE, Qt.Orientation.Horizontal)]
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        return widest + 4 * metrics.averageCharWidth()  # the cell's and header's padding

    def _decision_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        # no mnemonics: Alt+letter belongs to the menus; the plain keys work in the list
        for text, tip, slot in (
                ("Accept all (A)", "A: accept every version into gold (the same span once)",
                 self.accept_all),
                ("Accept and edit (E)", ("E: accept the chosen column's version (else the "
                                         "first), then move its edges in the text with "
                                         "Shift+arrows"), self.accept_and_edit),
                ("Reject (R)", "R: nothing here goes to gold", self.reject),
                ("Keep gold (G)", "G: keep gold's spans here and drop the rejection beside "
                                  "them", self.keep_gold),
                ("Reopen (Del)", "Delete: take this cluster's gold spans and rejection out",
                 self.reopen),
                ("Previous (P)", "P or Up: the previous cluster", self.previous),
                ("Next unsettled (N)", "N or Down: the next cluster still to decide",
                 self.next_unsettled)):
            button = _button(text, tip, slot)
            if slot == self.keep_gold:
                self.keep_gold_button = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _rebuild_accept_buttons(self, annotators: list[str]) -> None:
        if [b.property("annotator") for b in self.accept_buttons] == annotators:
            return
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Accept:", bar))
        self.accept_buttons = []
        for number, name in enumerate(annotators[:9], start=1):
            button = _button(no_mnemonic(f"{number} {name}"),
                             f"{number}: accept {name}'s version into gold",
                             lambda name=name: self.accept(name))
            button.setProperty("annotator", name)
            self.accept_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.layout_.replaceWidget(self.accept_bar, bar)
        self.accept_bar.deleteLater()
        self.accept_bar = bar

    # -- showing ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the document's clusters again and show the current one's row."""
        adjudication = self.adjudication
        self.model.swatches = {label.name: swatch_icon(label.colour) for label in self.session.labels}
        self.model.settled_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        annotators = adjudication.annotators()
        self._syncing = True  # the model's reset moves the table's current row
        try:
            self.model.set_clusters(adjudication.clusters(), annotators)
        finally:
            self._syncing = False
        self._rebuild_accept_buttons(annotators)
        self._show_progress()
        self._show_current_row()

    def _show_progress(self) -> None:
        settled, total = self.adjudication.progress()
        done, documents = self.adjudication.corpus_progress()
        here = f"Settled {settled} of {total} in this document" if total else NOTHING_TO_ADJUDICATE
        self.progress.setText(f"{here} · documents fully settled: {done} of {documents}")

    def _show_current_row(self) -> None:
        current = self.adjudication.current
        cluster = self.model.clusters[current] if 0 <= current < self.model.rowCount() else None
        # shown only where it has something to do: a rejection beside gold spans is rare
        self.keep_gold_button.setVisible(cluster is not None and cluster.conflicting)
        if cluster is None:
            self.table.clearSelection()
            return
        if self._syncing:
            return
        self._syncing = True
        try:
            self.table.selectRow(current)
            self.table.scrollTo(self.model.index(current, 0))
        finally:
            self._syncing = False

    def _on_change(self, change: Change) -> None:
        if not self.isVisible():
            return  # read again when shown
        if change.kind in STALE_ON:
            # what the last step said is past once anything changes (an undo, an edit in
            # the text); a step of the panel's own says its message after this
            self.message.setText("")
            self.refresh()
        elif change.kind == "selection" and not self._syncing:
            self._follow_selection()

    def _follow_selection(self) -> None:
        """A span chosen in the text makes its cluster the current row."""
        span = self.session.selected
        found = self.adjudication.clusters()
        if span is None or not found:
            return
        row = next((i for i, c in enumerate(found) if c.start <= span.start < c.end), None)
        if row is not None and row != self.adjudication.current:
            self.adjudication.current = row
            self._show_current_row()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.isVisible():
            self.refresh()  # light/dark: the swatches and the settled rows' colour follow
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # -- deciding -------------------------------------------------------------------------
    def accept(self, annotator: str) -> None:
        self._said(self.adjudication.accept(annotator))

    def accept_all(self) -> None:
        self._said(self.adjudication.accept_all())

    def accept_and_edit(self) -> None:
        column = self.table.currentIndex().column()
        self._said(self.adjudication.accept_and_edit(self.model.annotator_of(column)))
        if self.session.layer == Layer(GOLD) and self.session.selected is not None:
            self.view.setFocus()  # its Shift+arrow keys move the gold span's edges
        # refused (rejected already, nobody marked anything): the keys stay here, where a
        # Shift+arrow in the text would have moved a colleague's span instead

    def reject(self) -> None:
        self._said(self.adjudication.reject())

    def keep_gold(self) -> None:
        self._said(self.adjudication.keep_gold())

    def reopen(self) -> None:
        self._said(self.adjudication.reopen())

    def next_unsettled(self) -> None:
        if self.adjudication.next_unsettled():
            self._said("")
        elif self.adjudication.clusters():
            self._said("Every cluster in this document is settled")
        else:
            self._said(NOTHING_TO_ADJUDICATE)

    def previous(self) -> None:
        self.adjudication.previous()
        self._said("")

    def _go(self, row: int) -> None:
        if not self._syncing:
            self.adjudication.go_to(row)
            self._said("")

    def show_current(self) -> None:
        """Select the current cluster's first span and show it in the text."""
        self.adjudication.go_to(self.adjudication.current)
        self._said("")

    def _said(self, message: str) -> None:
        """After a step: the message, the current row, the text scrolled to its span."""
        self.message.setText(message)
        self._show_current_row()
        self._show_progress()
        if self.session.selected_id is not None:
            self.view.scroll_to_span(self.session.selected_id, flash=False)

    # -- keys -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event) -> bool:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Ctrl+Z and the window's other shortcuts are not ours
        key, text = event.key(), event.text()
        if text.isdigit() and text != "0":
            names = self.model.annotators
            if int(text) <= len(names):
                self.accept(names[int(text) - 1])
            else:
                self._said(f"There is no column {text}: {len(names)} annotators are compared")
            return True
        method = next((name for keys, _shown, _what, name in LETTER_KEYS if key in keys), None)
        if method is None:
            return False
        getattr(self, method)()
        return True


def _button(text: str, tip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(plain_tooltip(tip))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the cluster list
    button.clicked.connect(lambda _=False: slot())
    return button


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and span texts are user text
    label.setWordWrap(True)
    return label
