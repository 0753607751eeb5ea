"""The reading window: one document of the project, its spans highlighted.

The full annotation window grows from here; for now it shows, it does not edit.
"""
from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from ..core.model import Document
from ..store import Project
from .header import DocumentHeader, document_title
from .highlights import legend_entries
from .legend import LegendBar
from .reading_view import ReadingView

APP_NAME = "annotator"
LAST_DOCUMENT = "last_document"
DEFAULT_SIZE = (1000, 720)
NO_DOCUMENTS = "This project has no documents yet; import articles to start."


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


class MainWindow(QMainWindow):
    def __init__(self, project: Project, document_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.document: Document | None = None
        self.legend = LegendBar(self)
        self.addToolBar(self.legend)
        self.header = DocumentHeader(self)
        self.reading_view = ReadingView(self)
        self.setCentralWidget(self._central(self.header, self.reading_view))
        self.resize(*DEFAULT_SIZE)
        if document_id is None:
            document_id = initial_document_id(project)
        if document_id is None:
            self.show_empty()
        else:
            self.show_document(document_id)

    @staticmethod
    def _central(*widgets: QWidget) -> QWidget:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in widgets:
            layout.addWidget(widget)
        return central

    def show_document(self, document_id: int) -> None:
        document = self.project.document(document_id)
        spans = self.project.spans(document_id)
        labels = self.project.labels()
        self.document = document
        self.header.show_document(document)
        colours = {label.name: label.colour for label in labels}
        self.reading_view.show_text(document.text, spans, colours)
        self.legend.show_labels(legend_entries(labels, spans), self._page_colour())
        self.setWindowTitle(f"{APP_NAME} — {document_title(document)} — {project_name(self.project)}")
        self.project.set_setting(LAST_DOCUMENT, str(document_id))

    def show_empty(self) -> None:
        self.document = None
        self.header.show_empty(NO_DOCUMENTS)
        self.reading_view.show_text("", (), {})
        self.legend.show_labels(legend_entries(self.project.labels(), ()), self._page_colour())
        self.setWindowTitle(f"{APP_NAME} — {project_name(self.project)}")

    def _page_colour(self):
        return self.reading_view.palette().color(QPalette.ColorRole.Base)
