"""The labels as toolbar buttons: colour, name, key, count; a checked button is the sticky label."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from ..session import AnnotationSession, Change
from .keys import choose_label
from .legend import swatch_icon
from .overrides import reported_errors
from .plain_text import no_mnemonic, plain_tooltip


@reported_errors
class LabelBar(QToolBar):
    def __init__(self, session: AnnotationSession, view, parent: QWidget | None = None):
        super().__init__("Labels", parent)
        self.setObjectName("labelBar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.session = session
        self.view = view
        self.buttons: dict[str, QToolButton] = {}
        self.exact_action = QAction("Exact characters", self, checkable=True)
        self.exact_action.setToolTip("Keep the selection exactly as dragged instead of snapping "
                                     "to whole words (or hold Alt while dragging)")
        self.exact_action.toggled.connect(self._set_exact)
        self._build()
        session.subscribe(self._on_change)

    def _build(self) -> None:
        for label in self.session.labels:
            button = QToolButton(self)
            button.setObjectName(f"label-{label.name}")
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            # the guideline, shown as plain text
            button.setToolTip(_plain_tip(label.description))
            button.clicked.connect(lambda _=False, name=label.name: self._clicked(name))
            self.addWidget(button)
            self.buttons[label.name] = button
        self.addSeparator()
        self.addAction(self.exact_action)
        self._paint_swatches()
        self._refresh()

    def _paint_swatches(self) -> None:
        for label in self.session.labels:  # each the highlight as it looks on the page
            self.buttons[label.name].setIcon(swatch_icon(label.colour))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_swatches()
        super().changeEvent(event)

    def _clicked(self, name: str) -> None:
        choose_label(self.view, name)
        self.view.setFocus()
        self._refresh()

    def _set_exact(self, exact: bool) -> None:
        self.view.whole_words = not exact

    def _on_change(self, change: Change) -> None:
        if change.kind == "labels":
            self.clear()
            self.buttons.clear()
            self._build()
            return
        if change.kind == "document" and not self.session.complete:
            return  # counted once the rest of the spans is in ("loaded")
        if change.kind in ("document", "loaded", "spans", "sticky", "selection"):
            self._refresh()

    def _refresh(self) -> None:
        counts = self.session.counts()
        for label in self.session.labels:
            button = self.buttons[label.name]
            key = f"  {label.key}" if label.key else ""
            # QToolButton text is plain; "&" would become a mnemonic, so double it
            button.setText(no_mnemonic(f"{label.name}{key} · {counts.get(label.name, 0)}"))
            button.setChecked(self.session.sticky_label == label.name)


def _plain_tip(text: str) -> str:
    return plain_tooltip(text) if text else ""
