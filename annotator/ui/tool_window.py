"""A view opened as a window of its own beside the main one (Statistics, Agreement)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def as_tool_window(view: QWidget, width: int, height: int) -> None:
    """``view`` becomes a window, closed by Esc or Ctrl+W as a dialog is: with no Close
    button of its own, only the window manager's Alt+F4 closed it from the keyboard."""
    view.setWindowFlag(Qt.WindowType.Window)
    view.resize(width, height)
    close = QAction("Close", view)
    # every binding of the platform's Close: Ctrl+F4 and Ctrl+W on Linux (the first alone
    # would be Ctrl+F4)
    close.setShortcuts([QKeySequence(Qt.Key.Key_Escape),
                        *QKeySequence.keyBindings(QKeySequence.StandardKey.Close)])
    close.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    close.triggered.connect(view.close)
    view.addAction(close)
