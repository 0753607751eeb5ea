"""The document's title and metadata above the text."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.model import Document

TITLE_SCALE = 1.6
UNTITLED = "Untitled document"


def document_title(document: Document) -> str:
    return document.title.strip() or UNTITLED


def metadata_line(document: Document) -> str:
    parts = (document.source, document.published, document.url, document.author)
    return " · ".join(part.strip() for part in parts if part and part.strip())


def _plain_label(parent: QWidget) -> QLabel:
    # Titles and metadata come from imported articles: never let Qt guess
    # that "<b>…" is rich text, and let analysts copy them.
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


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
        self.title.setText(document_title(document))
        self.metadata.setText(metadata_line(document))
        self.metadata.setVisible(bool(self.metadata.text()))

    def show_empty(self, message: str) -> None:
        self.title.setText("No documents")
        self.metadata.setText(message)
        self.metadata.setVisible(True)
