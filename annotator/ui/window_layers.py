"""View → Layer: whose spans the window shows (mine, a colleague's, all, gold).

The choices are rebuilt each time the menu opens, so colleagues merged in since
(or added by another program) are there; the status bar says which layer is shown.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from ..core.layers import GOLD, Layer
from ..session import Change

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
        self._shortcuts = [self._shortcut(layer, key) for layer, _, key in FIXED]
        self.label = QLabel(window)
        self.label.setObjectName("layerLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a colleague's name is user text
        self.label.setContentsMargins(2 * window.fontMetrics().averageCharWidth(), 0, 0, 0)
        window.statusBar().addPermanentWidget(self.label)
        self.session.subscribe(self._on_change)
        self._show()

    def _shortcut(self, layer: Layer, key: str) -> QAction:
        # window-wide shortcuts that work before the menu was ever opened
        action = QAction(self.window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, layer=layer: self.session.set_layer(layer))
        self.window.addAction(action)
        return action

    def _rebuild(self) -> None:
        self.menu.clear()
        group = QActionGroup(self.menu)
        me = self.session.annotator
        for layer, text, key in FIXED:
            self._add(group, layer, text.replace("&My spans", f"&My spans ({me})"), key)
        colleagues = self.session.colleagues()
        if colleagues:
            self.menu.addSection("Colleagues")
        for name in colleagues:
            self._add(group, Layer("annotator", name), name.replace("&", "&&"), None)

    def _add(self, group: QActionGroup, layer: Layer, text: str, key: str | None) -> None:
        action = QAction(text, self.menu)
        action.setCheckable(True)
        action.setChecked(layer == self.session.layer)
        if key:
            action.setShortcut(QKeySequence(key))  # shown beside the entry
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the window's act
        action.triggered.connect(lambda _=False, layer=layer: self.session.set_layer(layer))
        group.addAction(action)
        self.menu.addAction(action)

    def _on_change(self, change: Change) -> None:
        if change.kind == "layer":
            self._show()

    def _show(self) -> None:
        self.label.setText(f"Showing: {self.session.layer.title(self.session.annotator)}")
