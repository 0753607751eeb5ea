"""Help → Keyboard shortcuts (F1): every key, grouped by where it works, in two columns.

The menus' shortcuts are read from the window's own actions and the Attribution panel's
letters from its field titles, and the adjudication list's keys from the table its key
handler acts on, so the list cannot drift from what the keys do; the text view's and
the find bar's and the Spans list's keys are listed next to the code that handles them
(keys.TEXT_KEYS, find_bar.FIELD_KEYS, span_list.LIST_KEYS).
"""
from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from .adjudication_panel import list_keys as adjudication_list_keys
from .attribution_fields import LINE_FIELDS, NOTE_TITLE, mnemonic_letter
from .find_bar import FIELD_KEYS as FIND_FIELD_KEYS
from .keys import TEXT_KEYS
from .overrides import reported_errors
from .span_list import LIST_KEYS as SPAN_LIST_KEYS

Rows = list[tuple[str, str]]
SIZE = (720, 640)


def attribution_keys() -> Rows:
    titles = [title for title, _placeholder in LINE_FIELDS.values()] + [NOTE_TITLE]
    letters = " / ".join(f"Alt+{mnemonic_letter(title).upper()}" for title in titles)
    names = ", ".join(_plain(title).lower() for title in titles)
    return [(letters, f"into the selected span's {names}"),
            ("Tab / Shift+Tab", "next / previous field"),
            ("Enter", "save the field (in the note: Ctrl+Enter)"),
            ("Esc", "save the field and go back to the text")]


def menu_keys(window) -> Rows:
    """Each menu entry that has a key, as the menus show it, submenus too (View → Layer)."""
    rows = []
    for menu_entry in window.menuBar().actions():
        rows += _keys_of(menu_entry.menu(), _plain(menu_entry.text()))
    return rows


def _keys_of(menu, where: str) -> Rows:
    rows = []
    for action in menu.actions() if menu is not None else ():
        place = f"{where} → {_plain(action.text())}"
        if action.menu() is not None:
            rows += _keys_of(action.menu(), place)
            continue
        # a standard key the platform has no binding for (Quit on some) is empty
        keys = [key.toString(QKeySequence.SequenceFormat.NativeText)
                for key in action.shortcuts() if not key.isEmpty()]
        if keys:
            rows.append((" or ".join(keys), place))
    return rows


def shortcut_sections(window) -> list[tuple[str, Rows]]:
    return [("In the text", list(TEXT_KEYS)),
            ("Saying who said it (the Attribution panel)", attribution_keys()),
            ("Anywhere in the window (the menus)", menu_keys(window)),
            ("In the Spans list", list(SPAN_LIST_KEYS)),
            ("In the find bar (Ctrl+F)", list(FIND_FIELD_KEYS)),
            ("In the adjudication list (Ctrl+Shift+J)", adjudication_list_keys())]


def _plain(menu_text: str) -> str:
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def as_html(sections: list[tuple[str, Rows]]) -> str:
    """One table for all sections, so that their columns line up."""
    parts = ["<table cellspacing='0' cellpadding='3'>"]
    for title, rows in sections:
        parts.append(f"<tr><td colspan='2'><h3>{escape(title)}</h3></td></tr>")
        parts.extend(f"<tr><td style='white-space:nowrap'><b>{escape(keys)}</b>&nbsp;&nbsp;</td>"
                     f"<td>{escape(what)}</td></tr>" for keys, what in rows)
    parts.append("</table>")
    return "".join(parts)


@reported_errors
class ShortcutsDialog(QDialog):
    """Not modal: it can stay open beside the text while the keys are tried."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("Keyboard shortcuts")
        self.browser.setObjectName("shortcutsText")
        self.browser.setHtml(as_html(shortcut_sections(window)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(*SIZE)


def show_shortcuts(window) -> ShortcutsDialog:
    """Show the list (made once per window; F1 again brings it to the front)."""
    dialog = getattr(window, "shortcuts_dialog", None)
    if dialog is None:
        dialog = window.shortcuts_dialog = ShortcutsDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
