"""The keyboard of the text view, in one place: what each key does is TEXT_KEYS (which
F1 lists, shortcuts_dialog.py); handle_key does it. Arrows, Ctrl+arrows, Home/End and
PageUp/PageDown, with or without Shift, are Qt's own caret movement.

Window-wide shortcuts (undo, documents, zoom) are QActions (actions.py).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from .attribution_fields import NAMING_KEYS

# keys, what they do: F1's "In the text" (shortcuts_dialog.py)
TEXT_KEYS = (
    ("a label's key (1–9)", "label the selection; with none, relabel the selected span; "
                           "with neither, choose (or drop) the sticky label"),
    ("Delete, Backspace", "remove the selected span"),
    ("Esc", "drop the text selection, then the span selection, then the sticky label"),
    ("] / [", "select the next / previous span in text order"),
    (" / ".join(letter.upper() for letter in NAMING_KEYS),
     "with a span selected, then words selected (dragged, double-clicked, or found with "
     "Ctrl+F): make the words the span's " + " / ".join(NAMING_KEYS.values())),
    ("Space", "cycle through the spans under the caret"),
    ("Shift+Left / Shift+Right", "with a span selected: move its end (with Ctrl: by word)"),
    ("Alt+Shift+Left / Alt+Shift+Right",
     "with a span selected: move its start (with Ctrl: by word)"),
    ("Alt+Up / Alt+Down", "caret to the previous / next sentence (with Shift: select)"),
    ("arrows, Home, End, Page Up/Down", "move the caret (with Ctrl: by word, or to either "
                                        "end of the text; with Shift: select)"),
)

MOD = Qt.KeyboardModifier
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)  # remove the selected span
HORIZONTAL = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: +1}
SENTENCE = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: +1}


def handle_key(view, event) -> bool:
    """Act on a key press; False lets Qt handle it (caret movement, copy)."""
    key, mods, text = event.key(), event.modifiers(), event.text()
    session = view.session
    for handler in (_label_key, _naming_key, _span_keys, _edge_keys, _sentence_keys):
        if handler(view, session, key, mods, text):
            return True
    return False


def _label_key(view, session, key, mods, text) -> bool:
    if mods & (MOD.ControlModifier | MOD.AltModifier | MOD.MetaModifier) or not text:
        return False
    label = session.label_for_key(text)
    if label is None:
        return False
    choose_label(view, label)
    return True


def _naming_key(view, session, key, mods, text) -> bool:
    """S, T or U with words selected: they name the selected span's speaker, target, cue."""
    if mods & (MOD.ControlModifier | MOD.AltModifier | MOD.MetaModifier) or not text:
        return False
    name = NAMING_KEYS.get(text.lower())
    if name is None or view.selected_range() is None:
        return False
    view.name_from_selection(name)
    return True


def choose_label(view, label: str) -> None:
    """What a label key, a label button or a menu entry does: label the text selection,
    else relabel the selected span, else choose (or drop) the sticky label."""
    session = view.session
    if view.selected_range() is not None:
        view.label_selection(label)
    elif session.selected is not None:
        session.relabel(label)
    else:
        session.toggle_sticky_label(label)


def _span_keys(view, session, key, mods, text) -> bool:
    if key in DELETE_KEYS and session.selected is not None:
        session.delete_selected()
        return True
    if key == Qt.Key.Key_Escape:
        if view.selected_range() is not None:
            view.clear_selection()
        elif session.selected is not None:
            session.select(None)
        elif session.sticky_label:
            session.set_sticky_label(None)
        return True
    if text in ("]", "[") and not mods & MOD.ControlModifier:
        span = session.select_neighbour(+1 if text == "]" else -1)
        if span is not None:
            view.scroll_to_span(span.id, flash=False)
        return True
    if key == Qt.Key.Key_Space and not mods:
        session.click(view.caret_index())
        return True
    return False


def _edge_keys(view, session, key, mods, text) -> bool:
    if key not in HORIZONTAL or not mods & MOD.ShiftModifier or session.selected is None:
        return False
    if view.selected_range() is not None:
        return False  # extending a text selection: Qt's job
    edge = "start" if mods & MOD.AltModifier else "end"
    direction = HORIZONTAL[key]
    if view.is_right_to_left(getattr(session.selected, edge)):
        direction = -direction  # arrows move visually: in right-to-left text Left is forward
    session.nudge(edge, direction, by_word=bool(mods & MOD.ControlModifier))
    return True


def _sentence_keys(view, session, key, mods, text) -> bool:
    if key not in SENTENCE or not mods & MOD.AltModifier or session.document is None:
        return False
    starts = view.sentence_starts()
    caret = view.caret_index()
    if SENTENCE[key] > 0:
        i = bisect_right(starts, caret)
        target = starts[i] if i < len(starts) else len(session.document.text)
    else:
        i = bisect_left(starts, caret) - 1
        target = starts[i] if i >= 0 else 0
    cursor = view.textCursor()
    mode = QTextCursor.MoveMode.KeepAnchor if mods & MOD.ShiftModifier else QTextCursor.MoveMode.MoveAnchor
    cursor.setPosition(view.qt_at_index(target), mode)
    view.setTextCursor(cursor)
    return True
