"""The article text, read-only, with its spans highlighted."""
from __future__ import annotations

from typing import Iterable

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ..core.model import Span
from .highlights import span_selections

# Articles are read for long stretches: a size above the UI default.
MIN_READING_POINT_SIZE = 12.0
READING_SCALE = 1.25
PAGE_MARGIN = 16


class ReadingView(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(MIN_READING_POINT_SIZE, font.pointSizeF() * READING_SCALE))
        self.setFont(font)
        self.document().setDocumentMargin(PAGE_MARGIN)

    def show_text(self, text: str, spans: Iterable[Span], colours: dict[str, str]) -> None:
        # setPlainText: the article is shown as stored, never parsed as HTML.
        self.setPlainText(text)
        self.setExtraSelections(span_selections(self.document(), text, spans, colours))
