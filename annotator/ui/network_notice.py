"""A lasting mark in the status bar when the project lies on a network drive; a click
on it tells why that matters and what to do."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from ..store.location import network_filesystem, network_warning
from .message_box import plain_message_box
from .plain_text import no_mnemonic, plain_tooltip

NOTICE_NAME = "networkDriveNotice"


def show_network_notice(window) -> QToolButton | None:
    """Mark a project on a network drive; None when the project is on a local disk (or
    in memory, or where the drive cannot be told: see store/location.py)."""
    path = window.project.path
    kind = network_filesystem(path) if path is not None else None
    if kind is None:
        return None
    warning = network_warning(kind)
    notice = QToolButton(window)
    notice.setObjectName(NOTICE_NAME)
    notice.setAutoRaise(True)
    notice.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    notice.setText(no_mnemonic(f"\u26a0 On a network drive ({kind})"))
    notice.setToolTip(plain_tooltip(warning))
    notice.clicked.connect(lambda: _explain(window, warning))
    window.statusBar().addPermanentWidget(notice)
    window.statusBar().showMessage("This project is on a network drive: click the mark "
                                   "on the right to keep it safe", 15_000)
    return notice


def _explain(window, warning: str) -> None:
    box = plain_message_box("warning", "annotator", warning, parent=window)
    box.open()  # not modal to the whole app: reading it blocks nothing
    window.network_explanation = box  # kept alive while it is shown
