"""The right-click menu of the text view: label, relabel, delete, copy."""
from __future__ import annotations

from PySide6.QtWidgets import QMenu

from .keys import choose_label


def _entry_text(text: str) -> str:
    return text.replace("&", "&&")  # user text: "&" must not become a mnemonic


def build_menu(view, point) -> QMenu:
    """``point`` is in viewport coordinates."""
    session = view.session
    menu = QMenu(view)
    if view.selected_range() is None:
        spans = session.index.at(view.index_at_point(point))
        if spans and session.selected not in spans:
            session.click(view.index_at_point(point))
    target = "Label selection as" if view.selected_range() else (
        "Relabel span as" if session.selected else "Sticky label")
    submenu = menu.addMenu(target)
    for label in session.labels:
        key = f"\t{label.key}" if label.key else ""
        action = submenu.addAction(_entry_text(label.name) + key)
        action.triggered.connect(lambda _=False, name=label.name: choose_label(view, name))
    if session.selected is not None:
        menu.addAction("Delete span\tDel", session.delete_selected)
    menu.addSeparator()
    copy = menu.addAction("Copy\tCtrl+C", view.copy)
    copy.setEnabled(view.textCursor().hasSelection())
    return menu
