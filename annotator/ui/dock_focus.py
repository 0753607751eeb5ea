"""The keyboard follows a click on a dock's tab into the dock brought forward.

Clicking the Search tab (or Documents, Spans, Guidelines) brought the dock forward but
left the keyboard in the text, where the "2" of a search for "2 ministers" relabelled
the selected span. Now the dock takes the focus; its content says where it goes by its
``keyboard_entry()`` (a list), else by its focus proxy (the query field).

Only a click on a tab moves the focus: a dock shown as the window opens or comes back
from minimised leaves the keyboard where it was. The main window makes its tab bars
itself, when docks are tabbed together and whenever the analyst rearranges them; each
is met as it is polished, before it is first shown.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QTabBar

FOLLOWED = "annotatorFollowsClicks"  # a tab bar already connected


def follow_tab_bar(window, event) -> None:
    """From the window's childEvent: connect a new tab bar's clicks."""
    if event.type() != QEvent.Type.ChildPolished:
        return
    bar = event.child()
    if isinstance(bar, QTabBar) and not bar.property(FOLLOWED):
        bar.setProperty(FOLLOWED, True)
        bar.tabBarClicked.connect(lambda index: _tab_clicked(window, bar, index))


def _tab_clicked(window, bar: QTabBar, index: int) -> None:
    title = bar.tabText(index)
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.windowTitle() == title]
    if docks:
        # after the click has brought the dock forward (and built its content, the first time)
        QTimer.singleShot(0, docks[0], lambda: _focus_content(docks[0]))


def _focus_content(dock: QDockWidget) -> None:
    content = dock.widget()
    if dock.isVisible() and content is not None:
        # A panel with fields above its list names the list: as a focus proxy it would
        # also be where Tab enters the panel, passing over the fields (Qt 6)
        entry = getattr(content, "keyboard_entry", None)
        (entry() if entry is not None else content).setFocus(Qt.FocusReason.MouseFocusReason)
