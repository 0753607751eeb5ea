"""View → Agreement…: how far annotators agree, as a table per label (and per pair with
three or more), as a chart, and document by document down to the spans they disagree
on; a double click on a disagreement opens its document at the span in the main window.

The figures come from annotator.agreement (the same as `annotator agreement`);
agreement_controls.py says what is compared, agreement_runner.py computes (in a worker
thread for a big project), agreement_tables.py and agreement_chart.py show the report.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..agreement import AgreementError, AgreementReport
from ..core.layers import Layer
from ..store import Project, ProjectError
from . import file_dialogs
from . import agreement_rows as rows
from . import agreement_tables as tables
from .agreement_chart import SERIES, ScoreChart, ScoreRow
from .agreement_controls import AgreementControls
from .agreement_runner import AgreementRequest, AgreementRunner
from .message_box import plain_message_box
from .overrides import reported_errors
from .plain_text import one_line
from .span_painter import label_colour
from .stats_view import PNG_FILTER
from .tables import row_table
from .tool_window import as_tool_window

TITLE = "Agreement"
COMPUTING = "computing…"
REFRESH_DELAY_MS = 800  # after an edit in the main window: one refresh for a burst of edits
DEFAULT_SORT = "exact_f1"  # the documents table starts worst exact F1 first
CHART_KEY = "agreement-per-label"


@reported_errors
class AgreementView(QWidget):
    span_opened = Signal(int, int, int, int)  # document id, span id, start, end

    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.project = project
        self.report: AgreementReport | None = None
        self._by_document: dict = {}  # document id → its disagreements, in text order
        self._listed: list = []  # the disagreements the lower table shows, in its order
        self._stale = True  # nothing computed yet
        self._document_sort = (DEFAULT_SORT, Qt.SortOrder.AscendingOrder)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.controls = AgreementControls(self)
        self.message = _plain_label("agreementMessage", wrap=True)
        self.runner = AgreementRunner(project, self)
        self.runner.finished.connect(self._finished)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._figures_tab(), "&Figures")
        self.tabs.addTab(self._chart_tab(), "&Chart")
        self.tabs.addTab(self._documents_tab(), "Dis&agreements")
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.setToolTip("Read the spans again and compute the figures anew")
        self.refresh_button.clicked.connect(self.refresh)
        self._lay_out()
        self.controls.changed.connect(self.compute)

    # -- building ---------------------------------------------------------------------
    def _figures_tab(self) -> QWidget:
        self.figures_table = _table(self, "figuresTable", "Agreement figures")
        self.pairs_label = _plain_label("pairsLabel")
        self.pairs_label.setText("Each pair of annotators, over the documents both annotated:")
        self.pairs_table = _table(self, "pairsTable", "Agreement by pair of annotators")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.figures_table)
        layout.addWidget(self.pairs_label)
        layout.addWidget(self.pairs_table)
        layout.addStretch(1)  # short tables stay short; the air goes below them
        self._show_pairs(False)
        return tab

    def _chart_tab(self) -> QWidget:
        self.chart = ScoreChart("Agreement per label", "", "No figures yet", self)
        area = QScrollArea()
        area.setWidget(self.chart)
        area.setWidgetResizable(True)  # it fills the tab; scrolls when the tab is smaller
        area.setFrameShape(QFrame.Shape.NoFrame)
        self.save_button = QPushButton("Save chart as &PNG…", self)
        self.save_button.clicked.connect(self.choose_file_and_save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        return tab

    def _documents_tab(self) -> QWidget:
        self.documents_table = _table(self, "documentsTable", "Agreement by document")
        self.documents_table.horizontalHeader().sortIndicatorChanged.connect(
            self._remember_sort)
        self.disagreements_label = _plain_label("disagreementsLabel")
        self.disagreements_table = _table(self, "disagreementsTable", "Disagreements")
        self.disagreements_table.activated.connect(self._open)  # Enter, or a double click
        self.open_note = _plain_label("openNote", wrap=True)
        self.open_note.hide()
        lower = QWidget()
        layout = QVBoxLayout(lower)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.disagreements_label)
        layout.addWidget(self.disagreements_table, 1)
        layout.addWidget(self.open_note)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.documents_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 1)
        tab = QWidget()
        QVBoxLayout(tab).addWidget(splitter)
        return tab

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    # -- what is compared -------------------------------------------------------------
    def show_in_front(self) -> None:
        """Show the window (computing first if it is out of date) in front of the others."""
        self.show()
        self.raise_()
        self.activateWindow()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def spans_changed(self) -> None:
        """Spans or labels changed in the main window: compute again shortly if shown,
        else when next shown."""
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def refresh(self) -> None:
        """Read the annotators and labels again (ticks stay) and compute anew."""
        self._refresh_timer.stop()
        if self.project.closed:  # queued before the window switched projects
            return
        try:
            names = sorted(self.project.distinct_values("annotator"), key=str.casefold)
            self.controls.set_choices(names, _labels_of(self.project))
        except ProjectError as error:  # busy in another program, say: the window says so
            self.message.setText(str(error))
            return
        self.compute()

    def compute(self) -> None:
        self._stale = False
        problem = self.controls.problem()
        if problem is not None:
            self._clear(problem)
            return
        controls = self.controls
        labels, statuses = controls.chosen_labels(), controls.chosen_statuses()
        request = AgreementRequest(
            tuple(controls.chosen_annotators()), None if labels is None else tuple(labels),
            None if statuses is None else tuple(statuses), controls.chosen_coverage())
        self.message.setText(COMPUTING)
        self.runner.run(request)

    def _finished(self, request: AgreementRequest, outcome) -> None:
        if isinstance(outcome, AgreementReport):
            self._show(outcome)
        elif isinstance(outcome, (AgreementError, ProjectError)):
            self._clear(str(outcome))
        else:
            self._clear(f"Could not compute the agreement: {outcome}")

    def busy(self) -> bool:
        return self.runner.busy()

    # -- showing a report -------------------------------------------------------------
    def _clear(self, message: str) -> None:
        self.report = None
        self.message.setText(message)
        for table in (self.figures_table, self.pairs_table, self.documents_table,
                      self.disagreements_table):
            _replace_model(table, None)
        self.figures_table.hide()  # an empty frame says nothing; the line above does
        self._show_pairs(False)
        self._listed = []
        self.disagreements_label.clear()
        self.chart.set_empty_text("No figures to show")  # the line above says why
        self.chart.set_rows([])

    def _show(self, report: AgreementReport) -> None:
        chosen = self.selected_document_id()
        self.report = report
        self._by_document = rows.by_document(report.disagreements)
        text = rows.summary(report)
        if not report.corpus.documents:
            text += (" No document is annotated by all of them: see Documents "
                     "(by at least two, by any) and Status.")
        self.message.setText(text)
        _replace_model(self.figures_table, tables.figures_model(report))
        _size_columns(self.figures_table, stretch=())
        _fit_height(self.figures_table)
        self.figures_table.show()
        many = len(report.annotators) >= 3
        self._show_pairs(many)
        _replace_model(self.pairs_table, tables.pairs_model(report) if many else None)
        _size_columns(self.pairs_table, stretch=())
        _fit_height(self.pairs_table)
        self.chart.set_empty_text("No figures: nothing to compare")
        self.chart.set_rows(self._chart_rows(report))
        self._show_documents(report, chosen)

    def _show_pairs(self, shown: bool) -> None:
        self.pairs_label.setVisible(shown)
        self.pairs_table.setVisible(shown)

    def _chart_rows(self, report: AgreementReport) -> list[ScoreRow]:
        colours = {label.name: label_colour(label.colour) for label in self.project.labels()}

        def figures(scores) -> tuple[float | None, ...]:
            return tuple(getattr(scores, key) for key, _ in SERIES)
        overall = ScoreRow(rows.OVERALL, figures(report.corpus.overall))  # muted, first
        return [overall, *(ScoreRow(label, figures(scores), colours.get(label))
                           for label, scores in report.corpus.by_label.items())]

    def _show_documents(self, report: AgreementReport, chosen: int | None) -> None:
        table = self.documents_table
        model = tables.documents_model(report)
        _replace_model(table, model)
        keys = tables.document_columns(len(report.annotators))
        key, order = self._document_sort
        column = keys.index(key) if key in keys else keys.index(DEFAULT_SORT)
        table.horizontalHeader().setSortIndicator(column, order)
        table.setSortingEnabled(True)  # sorts now (stably: ties stay worst first)
        _size_columns(table, stretch=(0,))
        table.selectionModel().currentRowChanged.connect(self._document_chosen)
        rows_by_id = {model.item(r).data(tables.DOCUMENT_ID): r for r in range(model.rowCount())}
        self.select_document(chosen if chosen in rows_by_id else
                             (model.item(0).data(tables.DOCUMENT_ID) if model.rowCount() else None))
        if not model.rowCount():
            self._list_disagreements(None)

    def _remember_sort(self, column: int, order: Qt.SortOrder) -> None:
        if self.report is not None and self.documents_table.isSortingEnabled():
            keys = tables.document_columns(len(self.report.annotators))
            self._document_sort = (keys[column], order)

    # -- drill-down -------------------------------------------------------------------
    def selected_document_id(self) -> int | None:
        index = self.documents_table.currentIndex()
        if not index.isValid():
            return None
        return index.sibling(index.row(), 0).data(tables.DOCUMENT_ID)

    def select_document(self, document_id: int | None) -> None:
        model = self.documents_table.model()
        for row in range(model.rowCount() if model is not None else 0):
            if model.item(row).data(tables.DOCUMENT_ID) == document_id:
                self.documents_table.selectionModel().setCurrentIndex(
                    model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.documents_table.scrollTo(model.index(row, 0))
                return

    def _document_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._list_disagreements(current.sibling(current.row(), 0).data(tables.DOCUMENT_ID)
                                 if current.isValid() else None)

    def _list_disagreements(self, document_id: int | None) -> None:
        self.open_note.hide()
        if document_id is None or self.report is None:
            self._listed = []
            _replace_model(self.disagreements_table, None)
            self.disagreements_label.setText("Select a document to list its disagreements.")
            return
        self._listed = self._by_document.get(document_id, [])
        _replace_model(self.disagreements_table, tables.disagreements_model(self._listed))
        _size_columns(self.disagreements_table, stretch=tables.SPAN_TEXT_COLUMNS)
        title = next((rows.document_name(d) for d in self.report.documents
                      if d.document_id == document_id), f"document {document_id}")
        count = len(self._listed)
        self.disagreements_label.setText(
            f"{count:,} disagreement{'' if count == 1 else 's'} in “{one_line(title)}”"
            + (" (double-click one to open it at the span)" if count else ""))

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self._listed[index.sibling(index.row(), 0).data(tables.DISAGREEMENT)]
        span = item.span
        self.span_opened.emit(item.document_id, span.id if span.id is not None else -1,
                              span.start, span.end)

    def tell(self, note: str | None) -> None:
        """Say why an opened disagreement did not show as expected (or nothing)."""
        self.open_note.setText(note or "")
        self.open_note.setVisible(bool(note))

    # -- saving the chart -------------------------------------------------------------
    def choose_file_and_save(self) -> None:
        folder = self.project.path.parent if self.project.path is not None else Path.home()
        chosen = file_dialogs.save_file_name(self, "Save chart as PNG",
                                                str(folder / f"{CHART_KEY}.png"), PNG_FILTER)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        if not self.chart.save_png(path):
            box = plain_message_box("warning", TITLE,
                                    f"Could not write the chart to {path}.", parent=self)
            box.open()
            self.save_problem = box


# -- the window's side ----------------------------------------------------------------
def agreement_window(window) -> AgreementView:
    """The agreement view as a window of the main window: recomputed after edits there,
    opening disagreements there."""
    view = AgreementView(window.project, window)
    as_tool_window(view, 980, 700)
    window.session.subscribe(lambda change: change.kind in ("spans", "labels", "status")
                             and view.spans_changed())
    view.span_opened.connect(lambda document_id, span_id, start, end: view.tell(
        open_disagreement(window, document_id, span_id, start, end)))
    return view


def open_disagreement(window, document_id: int, span_id: int, start: int, end: int
                      ) -> str | None:
    """Open the document at the span in the main window and bring it to the front; a
    note for the user when the document or the span is gone since the figures were made."""
    try:
        window.corpus.open_span(document_id, span_id)
    except KeyError:
        return "That document is no longer in the project: Refresh to compute again."
    note = None
    if window.session.selected_id != span_id and _show_every_layer(window, span_id):
        window.corpus.open_span(document_id, span_id)
        note = "Showing all annotators' spans (View → Layer), so that both sides are seen."
    if window.session.selected_id != span_id:  # deleted or changed since: show its place
        window.corpus.open_at(document_id, start, end)
        note = "That span has changed since the figures were computed; its place is selected."
    window.raise_()
    window.activateWindow()
    return note


def _show_every_layer(window, span_id: int) -> bool:
    """When the window's layer hides the span (another annotator's), show every
    annotator's spans; False when the span is gone or the layer was not the reason."""
    session = window.session
    if getattr(session, "layer", None) is None or not hasattr(session, "set_layer"):
        return False
    try:
        span = window.project.get_span(span_id)
    except KeyError:
        return False
    if session.layer.shows(span, session.annotator):
        return False
    session.set_layer(Layer("all"))
    return True


# -- small helpers ----------------------------------------------------------------------
def _labels_of(project: Project) -> list[str]:
    """The catalogue's labels, then labels spans still use that it no longer has (as
    ``agreement`` compares them)."""
    names = project.label_names()
    return names + sorted(set(project.counts_by_label()) - set(names))


def _plain_label(name: str, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles and names are not HTML
    label.setWordWrap(wrap)
    return label


def _table(parent: QWidget, name: str, title: str) -> QTableView:
    table = row_table(parent, None, name, title)
    rows_header = table.verticalHeader()
    rows_header.hide()
    rows_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows_header.setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


def _replace_model(table: QTableView, model) -> None:
    old_model, old_selection = table.model(), table.selectionModel()
    table.setSortingEnabled(False)
    if model is not None:
        model.setParent(table)  # the table keeps it alive, and deletes it in turn
    table.setModel(model)
    if old_selection is not None:
        old_selection.deleteLater()
    if old_model is not None:
        old_model.deleteLater()


def _fit_height(table: QTableView) -> None:
    """At most as tall as its rows (a window too small for them scrolls them)."""
    model = table.model()
    rows_shown = model.rowCount() if model is not None else 0
    header = table.horizontalHeader()
    height = (header.sizeHint().height() + rows_shown * table.verticalHeader().defaultSectionSize()
              + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())
    table.setMaximumHeight(height)


def _size_columns(table: QTableView, stretch: tuple[int, ...]) -> None:
    """Figures as wide as they need; the ``stretch`` columns share what is left."""
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("0.000") * 2)
    for column in range(model.columnCount()):
        mode = (QHeaderView.ResizeMode.Stretch if column in stretch
                else QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(column, mode)
