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
# A span whose label the project does not define still shows, in grey.
UNKNOWN_LABEL_COLOUR = "#9AA0A6"


def highlight_colour(colour: str) -> QColor:
    colour = QColor(colour)
    if not colour.isValid():
        colour = QColor(UNKNOWN_LABEL_COLOUR)
    colour.setAlpha(HIGHLIGHT_ALPHA)
    return colour


def legend_entries(labels: Iterable[Label], spans: Iterable[Span]) -> list[tuple[Label, int]]:
    """Every label with its span count, then labels used by spans but not defined."""
    counts = Counter(span.label for span in spans)
    labels = list(labels)
    known = {label.name for label in labels}
    strays = [Label(name, UNKNOWN_LABEL_COLOUR, description="Not a label of this project.")
              for name in sorted(counts) if name not in known]
    return [(label, counts.get(label.name, 0)) for label in labels + strays]


def span_selections(document: QTextDocument, text: str, spans: Iterable[Span],
                    colours: dict[str, str]) -> list[QTextEdit.ExtraSelection]:
    """One extra selection per span; ``text`` is what ``document`` was filled from."""
    positions = qt_document_map(text)
    selections = []
    for span in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(positions.to_units(span.start))
        cursor.setPosition(positions.to_units(span.end), QTextCursor.MoveMode.KeepAnchor)
        char_format = QTextCharFormat()
        char_format.setBackground(highlight_colour(colours.get(span.label, UNKNOWN_LABEL_COLOUR)))
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = char_format
        selections.append(selection)
    return selections
