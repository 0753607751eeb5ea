"""The right-click menu of the text view: label, relabel, delete, name the selected
span's speaker, target or cue with the selected words, copy."""
from __future__ import annotations

from PySide6.QtWidgets import QMenu

from .attribution_fields import NAMING_KEYS
from .keys import choose_label
from .plain_text import no_mnemonic


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
        action = submenu.addAction(no_mnemonic(label.name) + key)
        action.triggered.connect(lambda _=False, name=label.name: choose_label(view, name))
    if session.selected is not None:
        menu.addAction("Delete span\tDel", session.delete_selected)
    if view.selected_range() is not None and session.selected_editable() is not None:
        naming = menu.addMenu(f"Use words as the {no_mnemonic(session.selected.label)} span's")
        for letter, name in NAMING_KEYS.items():
            naming.addAction(f"{name}\t{letter.upper()}",
                             lambda name=name: view.name_from_selection(name))
    menu.addSeparator()
    copy = menu.addAction("Copy\tCtrl+C", view.copy)
    copy.setEnabled(view.textCursor().hasSelection())
    return menu
