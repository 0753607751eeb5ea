"""The document's title and metadata above the text."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.direction import is_right_to_left
from ..core.model import Document
from .overrides import reported_errors

TITLE_SCALE = 1.6
UNTITLED = "Untitled document"


def document_title(document: Document) -> str:
    return document.title.strip() or UNTITLED


# FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9): text between them takes
# its own direction and does not reorder what is around it
ISOLATE, END_ISOLATE = "\u2068", "\u2069"


def metadata_line(document: Document) -> str:
    """Source · date · URL · author, each part isolated from the others: after a source
    in Arabic script, a date's digits would be taken for Arabic numbers and its parts
    shown in reverse (01-05-2024)."""
    parts = (document.source, document.published, document.url, document.author)
    return " · ".join(f"{ISOLATE}{part.strip()}{END_ISOLATE}" for part in parts
                      if part and part.strip())


def _plain_label(parent: QWidget) -> QLabel:
    # Titles and metadata come from imported articles: never let Qt guess
    # that "<b>…" is rich text, and let analysts copy them.
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


@reported_errors
class DocumentHeader(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = _plain_label(self)
        self.title.setObjectName("documentTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        self.title.setFont(font)
        self.metadata = _plain_label(self)
        self.metadata.setObjectName("documentMetadata")
        self.metadata.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.metadata)

    def show_document(self, document: Document) -> None:
        title = document_title(document)
        self.title.setText(title)
        self.metadata.setText(metadata_line(document))
        self.metadata.setVisible(bool(self.metadata.text()))
        self._read_as(title)

    def show_empty(self, message: str) -> None:
        self.title.setText("No documents")
        self.metadata.setText(message)
        self.metadata.setVisible(True)
        self._read_as(message)

    def _read_as(self, title: str) -> None:
        """The header reads the way its title does: a Persian or Hebrew title (and the
        line under it) from the right margin, as its article's paragraphs."""
        direction = (Qt.LayoutDirection.RightToLeft if is_right_to_left(title)
                     else Qt.LayoutDirection.LeftToRight)
        self.title.setLayoutDirection(direction)
        self.metadata.setLayoutDirection(direction)
