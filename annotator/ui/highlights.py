"""Spans painted over the reading view as translucent label colours."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from ..core.model import Label, Span
from ..core.offsets import qt_document_map

# Light enough that overlapping (nested) spans still read as darker layers
# and the text on top stays legible.
HIGHLIGHT_ALPHA = 90
# Label colours are free text in the project file: an unreadable one shows grey.
UNKNOWN_LABEL_COLOUR = "#9AA0A6"


def highlight_colour(colour: str) -> QColor:
    colour = QColor(colour)
    if not colour.isValid():
        colour = QColor(UNKNOWN_LABEL_COLOUR)
    colour.setAlpha(HIGHLIGHT_ALPHA)
    return colour


def legend_entries(labels: Iterable[Label], spans: Iterable[Span]) -> list[tuple[Label, int]]:
    """Every label of the project (the store refuses spans of other labels) with
    how many of ``spans`` carry it."""
    counts = Counter(span.label for span in spans)
    return [(label, counts[label.name]) for label in labels]


def span_selections(document: QTextDocument, text: str, spans: Iterable[Span],
                    colours: dict[str, str]) -> list[QTextEdit.ExtraSelection]:
    """One extra selection per span; ``text`` is what ``document`` was filled from."""
    positions = qt_document_map(text)
    formats = {label: _background(colour) for label, colour in colours.items()}
    fallback = _background(UNKNOWN_LABEL_COLOUR)
    selections = []
    for span in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(positions.to_units(span.start))
        cursor.setPosition(positions.to_units(span.end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = formats.get(span.label, fallback)
        selections.append(selection)
    return selections


def _background(colour: str) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setBackground(highlight_colour(colour))
    return char_format
