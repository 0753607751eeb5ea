"""The annotation window: the article, the labels, the spans and their attribution."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

from ..session import AnnotationSession, Change
from ..store import Project, ProjectError
from ..user_settings import default_annotator
from . import window_projects
from .actions import install_actions
from .annotation_view import AnnotationView
from .attribution_panel import AttributionPanel
from .dock_focus import follow_tab_bar
from .guidelines_panel import GuidelinesPanel
from .header import DocumentHeader, document_title
from .label_bar import LabelBar
from .label_popup import LabelPopup
from .network_notice import show_network_notice
from .overrides import reported_errors
from .plain_text import plain_window_title
from .span_list import SpanListPanel
from .store_failures import watch as watch_store_failures
from .window_adjudication import WindowAdjudication
from .window_corpus import WindowCorpus
from .window_layers import WindowLayers
from .window_layout import first_size, restore_layout, save_layout
from .window_refresh import WindowRefresh

APP_NAME = "annotator"
LAST_DOCUMENT = "last_document"
AFTER_PAINT_MS = 300  # work the first paint need not wait for comes this much later
NO_DOCUMENTS = "This project has no documents yet: use File → Import files… or drop files here."
# next and previous follow the Documents list; from a document it hides, to its nearest row
LEFT_UNLISTED = ("The document you left is not in the Documents list (filtered out): "
                 "this is the nearest one listed")


def initial_document_id(project: Project) -> int | None:
    """The document read last, if it still exists, else the first one."""
    remembered = project.setting(LAST_DOCUMENT)
    if remembered and remembered.isdigit():
        try:
            return project.document(int(remembered)).id
        except KeyError:
            pass  # deleted since; fall back to the first document
    return project.first_document_id()


def project_name(project: Project) -> str:
    return project.path.name if project.path is not None else "unsaved project"


@reported_errors
class MainWindow(QMainWindow):
    def __init__(self, project: Project, document_id: int | None = None,
                 parent: QWidget | None = None, owns_project: bool = False):
        super().__init__(parent)
        self.project = project
        self.owns_project = owns_project  # a window opened on another project closes it
        self.session = AnnotationSession(project, default_annotator())
        self.header = DocumentHeader(self)
        self.view = AnnotationView(self.session, self)
        self.setCentralWidget(_stacked(self.header, self.view))
        self.label_bar = LabelBar(self.session, self.view, self)
        self.addToolBar(self.label_bar)
        self.attribution = AttributionPanel(self.session, self)
        self.span_list = SpanListPanel(self.session, self)
        self.attribution_dock = self.add_dock("Attribution", self.attribution, "attributionDock")
        spans_dock = self.add_dock("Spans", self.span_list, "spanListDock")
        self.guidelines = GuidelinesPanel(self.session, self)
        guidelines_dock = self.add_dock("Guidelines", self.guidelines, "guidelinesDock")
        self.tabifyDockWidget(spans_dock, guidelines_dock)
        spans_dock.raise_()
        self.position_label = QLabel(self)
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the sticky label
        self.statusBar().addPermanentWidget(self.position_label)
        self.annotator_label = QLabel(self)  # whose name new spans carry, always in sight
        self.annotator_label.setObjectName("annotatorLabel")
        self.annotator_label.setTextFormat(Qt.TextFormat.PlainText)
        # a gap of two characters, not pixels, sets it apart from the position at any DPI
        self.annotator_label.setContentsMargins(2 * self.fontMetrics().averageCharWidth(), 0, 0, 0)
        self.statusBar().addPermanentWidget(self.annotator_label)
        self._show_annotator()
        self.network_notice = None  # see _after_opening
        self._importing = None  # made when first needed: see the importing property
        self.corpus = WindowCorpus(self)
        self._follow_the_list(self.corpus.navigator.model)
        self.actions_by_name = install_actions(self)
        self.layers = WindowLayers(self)  # View → Layer, and which one the status bar says
        self.adjudication = WindowAdjudication(self)  # View → Adjudicate: a dock, hidden at first
        self.backups = None  # see _after_opening
        self.view.selection_finished.connect(self._offer_labels)
        self.view.document_painted.connect(self._document_painted)
        self._after_paint_due = False
        self.span_list.span_activated.connect(self.view.scroll_to_span)
        self.session.subscribe(self._on_change)
        self.refresher = WindowRefresh(self)  # shows what other programs write to the project
        watch_store_failures(self)  # a full disk, a read-only or damaged file: a box too
        self.setAcceptDrops(True)
        self.resize(*first_size(self))
        restore_layout(self)
        self.open_document(document_id if document_id is not None else initial_document_id(project))
        self.view.setFocus()
        QTimer.singleShot(AFTER_PAINT_MS, self, self._after_opening)

    def add_dock(self, title: str, widget: QWidget, name: str,
                  area=Qt.DockWidgetArea.RightDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    # -- documents -------------------------------------------------------------
    def open_document(self, document_id: int | None) -> None:
        if document_id is None:
            self.header.show_empty(NO_DOCUMENTS)
            self.setWindowTitle(plain_window_title(f"{APP_NAME} — {project_name(self.project)}"))
            return
        self.session.open_document(document_id)

    def _on_change(self, change: Change) -> None:
        document = self.session.document
        if document is None or change.kind == "loaded":
            return
        if change.kind == "document":
            self.header.show_document(document)
            self.setWindowTitle(plain_window_title(
                f"{APP_NAME} — {document_title(document)} — {project_name(self.project)}"))
            # after the first paint: the rest of the spans, and remembering where we are
            self._after_paint_due = True
            QTimer.singleShot(0, self, self._after_first_paint)  # a view never shown: now
        if change.kind in ("document", "status", "sticky"):  # not on every span edit
            self._show_position()

    def _document_painted(self) -> None:
        QTimer.singleShot(0, self, self._after_first_paint)  # after the paint, not inside it

    def _after_first_paint(self) -> None:
        # A zero timer set when the document opens fires before a window being shown has
        # painted it: a shown view waits for its paint (document_painted calls again).
        if not self._after_paint_due or (self.view.isVisible()
                                         and not self.view.shown_document_painted):
            return
        self._after_paint_due = False
        if self.session.document is not None and not self.project.closed:
            self.session.load_rest()
            self._remember_place()

    def _remember_place(self) -> None:
        try:
            self.project.set_setting(LAST_DOCUMENT, str(self.session.document.id))
        except ProjectError:
            pass  # busy in another program: remembering the place can wait for the next

    def _after_opening(self) -> None:
        if self.project.closed:
            return
        # The project's writer (sqlite-utils, some 40 ms to import) is loaded while the
        # analyst reads, so the first label never waits for it.
        self.project.prepare_writer()
        # where SQLite's log is unsafe (reading the mount table takes a moment)
        self.network_notice = show_network_notice(self)
        # backed up soon after opening, then while it changes: the backup module (sha256,
        # dates) is loaded here, not on the way to the first paint
        from .backup_timer import attach_backups
        self.backups = attach_backups(self)

    def _show_position(self) -> None:
        document = self.session.document
        if document is None:  # an empty project, or its last document deleted elsewhere
            self.position_label.setText(f"no document · {self.project.document_count()} in the project")
            return
        sticky = f" · sticky label: {self.session.sticky_label}" if self.session.sticky_label else ""
        self.position_label.setText(f"{self._place(document.id)} · {document.status}{sticky}")

    def _follow_the_list(self, model) -> None:
        """The status bar's "document N of M" is the list's: it follows a new filter or
        sort, and a row moving, coming or going."""
        for changed in (model.modelReset, model.layoutChanged, model.rowsInserted,
                        model.rowsRemoved, model.rowsMoved):
            changed.connect(lambda *_: self.session.document is not None and self._show_position())

    def _place(self, document_id: int) -> str:
        """Where the document is in the Documents list as filtered and sorted: the list
        Alt+Left/Right and Ctrl+Enter walk through (project order, when unsorted)."""
        total = self.project.document_count()
        place = self.corpus.navigator.place_of(document_id)
        if place is None:
            listed = self.corpus.navigator.model.rowCount()
            return f"not in the Documents list as filtered ({listed:,} of {total:,} listed)"
        number, listed = place
        return f"document {number:,} of {listed:,}" + (
            f" listed ({total:,} in all)" if listed != total else "")

    def go(self, step: int) -> None:
        unlisted = self._open_document_unlisted()
        if not self.session.go(step):
            self.statusBar().showMessage("No more documents in that direction", 3000)
        elif unlisted:
            self.statusBar().showMessage(LEFT_UNLISTED, 5000)

    def mark_done_and_next(self) -> None:
        if self.session.document is None:
            self.statusBar().showMessage("No document is open to mark done", 3000)
            return
        unlisted = self._open_document_unlisted()  # asked before "done" may list it
        if not self.session.mark_done_and_next():
            self._show_position()
            self.statusBar().showMessage("Marked done; this was the last document", 4000)
        elif unlisted:
            self.statusBar().showMessage(f"Marked done. {LEFT_UNLISTED}", 5000)

    def _open_document_unlisted(self) -> bool:
        document = self.session.document
        return document is not None and not self.corpus.navigator.lists(document.id)

    def undo(self) -> None:
        # a half-typed speaker is committed first (session.before_edit), so that undo
        # takes back the latest edit
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    def edit_labels(self) -> None:
        self.attribution.commit_pending()
        # dialogs and views not shown at start are imported when first opened (start-up)
        from .label_editor import LabelEditor
        self.label_editor = LabelEditor(self.project, self.session.history, self)
        self.label_editor.labels_changed.connect(self.session.reload_labels)
        self.label_editor.open()

    # -- who is annotating ------------------------------------------------------------
    def set_annotator(self, name: str) -> None:
        """New spans in this window carry ``name`` from now on."""
        self.session.set_annotator(name)
        self._show_annotator()

    def _show_annotator(self) -> None:
        self.annotator_label.setText(f"Annotating as: {self.session.annotator}")

    def show_settings(self) -> None:
        """Edit → Settings…, window-modal but not blocking (open, not exec)."""
        from .settings_dialog import SettingsDialog  # imported when first opened
        self.settings_dialog = SettingsDialog(self.session.annotator, self)
        self.settings_dialog.name_chosen.connect(self._name_chosen)
        self.settings_dialog.open()

    def _name_chosen(self, name: str) -> None:
        self.set_annotator(name)
        problem = self.settings_dialog.save_problem
        if problem:
            # a dialog's module is imported when the dialog is first needed (start-up)
            from .name_dialog import unsaved_name_box
            self.unsaved_box = unsaved_name_box(problem, "in this window until it is closed", self)
            self.unsaved_box.open()
        else:
            self.statusBar().showMessage(f"New spans now carry the name “{name}”", 4000)

    # -- labelling ---------------------------------------------------------------------
    def _offer_labels(self, pointer, band) -> None:
        self.popup = LabelPopup(self.view, self)
        self.popup.show_by(pointer, band)

    # -- importing ------------------------------------------------------------------------
    @property
    def importing(self):
        """Menus, drops and the command line's files import through it. Made when first
        needed: its modules (the import runner, the report dialog, and through them the
        readers and formats) are no part of showing the article, so start-up skips them."""
        if self._importing is None:
            from .window_importing import WindowImporting
            self._importing = WindowImporting(self)
        return self._importing

    def import_files(self, paths: list[Path]) -> None:
        """Import files or folders (new texts are added, known ones found), open the first."""
        self.importing.import_paths(paths)

    def choose_files_to_import(self) -> None:
        self.importing.choose_files()

    def choose_folder_to_import(self) -> None:
        self.importing.choose_folder()

    def corpus_changed(self) -> None:
        """Documents came in or changed elsewhere: views over the corpus read again."""
        self.corpus.corpus_changed()
        self._show_position()

    # -- exporting ---------------------------------------------------------------------------
    def export_dialog(self) -> None:
        """File → Export…, window-modal but not blocking (open, not exec)."""
        self.attribution.commit_pending()  # a half-typed speaker belongs in the export
        from .export_dialog import ExportDialog  # imported when first opened
        self.export_window = ExportDialog(self.project, self)
        self.export_window.open()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.importing.drop(event)

    def show_statistics(self) -> None:
        if getattr(self, "statistics", None) is None:
            from .stats_view import StatisticsView  # imported when first shown
            from .tool_window import as_tool_window
            self.statistics = StatisticsView(self.project, self)
            as_tool_window(self.statistics, 760, 520)
            # cheap while hidden: the view re-reads only when shown
            self.session.subscribe(lambda change: change.kind in ("spans", "status", "labels")
                                   and self.statistics.refresh())
        self.statistics.refresh()
        self.statistics.show()
        self.statistics.raise_()
        self.statistics.activateWindow()

    def show_agreement(self) -> None:
        """View → Agreement…: figures, chart and disagreements of two or more annotators."""
        self.attribution.commit_pending()  # a half-typed speaker is no disagreement
        if getattr(self, "agreement_view", None) is None:
            # imported when first asked for: its charts and figures stay out of start-up
            from .agreement_view import agreement_window
            self.agreement_view = agreement_window(self)
        self.agreement_view.show_in_front()

    # -- projects ------------------------------------------------------------------------------
    def new_project(self) -> None:
        window_projects.new_project(self)

    def open_project(self) -> None:
        window_projects.open_project(self)

    def open_project_at(self, path: Path) -> None:
        window_projects.open_project_at(self, path)

    def childEvent(self, event) -> None:
        follow_tab_bar(self, event)  # a click on a dock's tab takes the keyboard there
        super().childEvent(event)

    def closeEvent(self, event) -> None:
        save_layout(self)
        self.attribution.commit_pending()
        if self._after_paint_due and self.session.document is not None and not self.project.closed:
            self._remember_place()  # closed before the work after its first paint came
        if self._importing is not None:  # never made: no import can be running
            self._importing.runner.shutdown()
        if self.backups is not None:  # none yet, if closed within AFTER_PAINT_MS
            self.backups.stop()
        self.refresher.timer.stop()  # a closed window polls nothing
        super().closeEvent(event)
        if self.owns_project and not self.project.closed:
            self.project.close()


def _stacked(*widgets: QWidget) -> QWidget:
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget)
    return central
