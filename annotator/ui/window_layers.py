"""View → Layer: whose spans the window shows (mine, a colleague's, all, gold).

The choices are rebuilt each time the menu opens, so colleagues merged in since
(or added by another program) are there; the status bar says which layer is shown.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from ..core.layers import GOLD, Layer
from ..session import Change
from .plain_text import no_mnemonic

FIXED = (  # layer, menu text, shortcut
    (Layer("all"), "&All annotators", "Ctrl+Alt+A"),
    (Layer("mine"), "&My spans", "Ctrl+Alt+M"),
    (Layer(GOLD), "&Gold (adjudicated)", "Ctrl+Alt+G"),
)


class WindowLayers:
    def __init__(self, window):
        self.window = window
        self.session = window.session
        self.menu = QMenu("&Layer", window)
        self.menu.aboutToShow.connect(self._rebuild)
        view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
        view_menu.addSeparator()
        view_menu.addMenu(self.menu)
        # the fixed layers' actions live as long as the window: their keys work before
        # the menu was ever opened; only the colleagues are listed anew on each opening
        self.fixed = {layer: self._action(layer, text, key) for layer, text, key in FIXED}
        for action in self.fixed.values():
            window.addAction(action)
        self.menu.addActions(list(self.fixed.values()))  # listed by F1 before it is opened
        self.colleague_actions: list[QAction] = []
        self.label = QLabel(window)
        self.label.setObjectName("layerLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a colleague's name is user text
        self.label.setContentsMargins(2 * window.fontMetrics().averageCharWidth(), 0, 0, 0)
        window.statusBar().addPermanentWidget(self.label)
        self.session.subscribe(self._on_change)
        self._show()

    def _action(self, layer: Layer, text: str, key: str | None) -> QAction:
        action = QAction(text, self.window)
        action.setCheckable(True)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, layer=layer: self.session.set_layer(layer))
        return action

    def _rebuild(self) -> None:
        self.menu.clear()
        for action in self.colleague_actions:
            action.deleteLater()
        self.fixed[Layer("mine")].setText(f"&My spans ({no_mnemonic(self.session.annotator)})")
        colleagues = {Layer("annotator", name): self._action(Layer("annotator", name),
                                                             no_mnemonic(name), None)
                      for name in self.session.colleagues()}
        self.colleague_actions = list(colleagues.values())
        self.menu.addActions(list(self.fixed.values()))
        if colleagues:
            self.menu.addSection("Colleagues")
            self.menu.addActions(self.colleague_actions)
        for layer, action in [*self.fixed.items(), *colleagues.items()]:
            action.setChecked(layer == self.session.layer)  # the layer shown

    def _on_change(self, change: Change) -> None:
        if change.kind == "layer":
            self._show()

    def _show(self) -> None:
        self.label.setText(f"Showing: {self.session.layer.title(self.session.annotator)}")
