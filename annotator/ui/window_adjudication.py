"""The window's Adjudication dock (View → Adjudicate), hidden until asked for.

Apart from adjudication_panel.py so that neither the panel's module nor the deciding
behind it (adjudicating.py, the adjudication commands) is imported at start-up: the
dock is made with the window (the saved layout places it), its panel when first shown.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class WindowAdjudication:
    """The dock, hidden until View → Adjudicate; its panel is made when first shown."""

    def __init__(self, window):
        self.window = window
        self.dock = window.add_dock("Adjudication", QWidget(), "adjudicationDock", BOTTOM)
        self.dock.hide()
        self._panel = None
        self.dock.visibilityChanged.connect(self._shown)

    @property
    def panel(self):
        """The AdjudicationPanel, made (and its module imported) the first time it is asked for."""
        if self._panel is None:
            from .adjudication_panel import AdjudicationPanel
            self._panel = AdjudicationPanel(self.window.session, self.window.view, self.window)
            self.dock.setWidget(self._panel)
        return self._panel

    def _shown(self, visible: bool) -> None:
        if visible and self._panel is None:
            self.panel.setVisible(True)  # built by asking for it

    def toggle(self) -> None:
        """Show the panel and start adjudicating; if shown, focus it; if focused, close it."""
        panel = self.panel
        if not self.dock.isVisible():
            self.dock.show()
            self.dock.raise_()
            panel.adjudication.start()
            panel.show_current()
            panel.setFocus()
        elif panel.isAncestorOf(QApplication.focusWidget()):
            self.dock.hide()
            panel.adjudication.stop()
            self.window.view.setFocus()
        else:
            self.dock.raise_()
            panel.setFocus()
