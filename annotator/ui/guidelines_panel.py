"""The guideline that applies now, beside the text while annotating.

It shows the guideline of the selected span's label, else of the sticky label,
else every label's guideline in short, always as plain text.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..core.model import Label
from ..core.selection import shortened
from ..session import AnnotationSession, Change
from .legend import swatch
from .overrides import reported_errors
from .plain_text import one_line

NO_GUIDELINE = "No guideline yet: write one in the label editor."
ALL_LABELS = "All labels"
SHORT = 140  # characters of each guideline in the overview
REFRESHING_CHANGES = ("selection", "sticky", "document", "labels")


def heading(label: Label, why: str) -> str:
    key = f" (key {label.key})" if label.key else ""
    return f"{label.name}{key} — {why}"


def guideline(label: Label) -> str:
    return label.description or NO_GUIDELINE


def overview(labels: list[Label]) -> str:
    """Each label's name and key with the start of its guideline, one paragraph each."""
    return "\n\n".join(f"{label.name}" + (f" ({label.key})" if label.key else "") + ": "
                       + _shortened(label.description or NO_GUIDELINE) for label in labels)


def _shortened(text: str) -> str:
    flat = " ".join(text.split())  # the overview gives each label one paragraph
    return shortened(flat, SHORT)


@reported_errors
class GuidelinesPanel(QWidget):
    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guidelinesPanel")
        self.session = session
        self.swatch = QLabel(self)
        self.heading = QLabel(self, objectName="guidelineHeading", wordWrap=True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # label names are user text
        self.body = QPlainTextEdit(self, objectName="guidelineText", readOnly=True)
        self.body.setAccessibleName("Guideline")
        self.setFocusProxy(self.body)  # the Guidelines tab clicked
        top = QHBoxLayout()
        top.addWidget(self.swatch)
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        session.subscribe(self._on_change)
        self.refresh()

    def _on_change(self, change: Change) -> None:
        if change.kind in REFRESHING_CHANGES:
            self.refresh()

    def labels_changed(self) -> None:
        """Call after the labels were edited (and session.labels read again)."""
        self.refresh()

    def refresh(self) -> None:
        label, why = self._label_in_use()
        if label is None:
            self._show(None, ALL_LABELS, overview(self.session.labels))
        else:
            self._show(label, heading(label, why), guideline(label))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light/dark: the swatch follows
            self.refresh()
        super().changeEvent(event)

    def _label_in_use(self) -> tuple[Label | None, str]:
        span = self.session.selected
        if span is not None and self.session.label(span.label) is not None:
            return self.session.label(span.label), "the selected span's label"
        sticky = self.session.sticky_label
        if sticky is not None and self.session.label(sticky) is not None:
            return self.session.label(sticky), "the sticky label"
        return None, ""

    def _show(self, label: Label | None, title: str, text: str) -> None:
        self.heading.setText(one_line(title))
        if text != self.body.toPlainText():  # keep the reader's scroll place otherwise
            self.body.setPlainText(text)  # plain: a guideline is never read as HTML
        if label is None:
            self.swatch.clear()
            self.swatch.hide()
        else:
            self.swatch.setPixmap(swatch(label.colour))
            self.swatch.show()
