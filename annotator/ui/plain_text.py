"""User text shown where Qt might guess it is rich text (tooltips), or on one line."""
from __future__ import annotations

import re

# Every line break str.splitlines() knows; CRLF first so it shows as one mark.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
LINE_BREAK_MARK = "\u23ce"  # ⏎
# html.escape's five replacements: the html module would bring its entity tables (2 ms
# of start-up, where the label bar's tooltips are the first to need escaping)
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                               '"': "&quot;", "'": "&#x27;"})


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: QToolTip treats anything that looks
    like HTML as rich text, so the text is escaped and wrapped as pre-wrapped HTML."""
    return f'<p style="white-space:pre-wrap">{text.translate(_HTML_ESCAPES)}</p>'


def plain_window_title(text: str) -> str:
    """A window title that shows ``text`` literally: Qt reads "[*]" in a title as the
    place of the unsaved-changes mark and drops it; "[*][*]" shows one "[*]"."""
    return text.replace("[*]", "[*][*]")


def no_mnemonic(text: str) -> str:
    """``text`` for a button, menu entry or action: Qt reads "&" as marking the next
    letter a shortcut and hides it; "&&" shows one "&"."""
    return text.replace("&", "&&")


def one_line(text: str) -> str:
    """``text`` for a one-line cell or label: each line break shown as ⏎."""
    return _LINE_BREAK.sub(LINE_BREAK_MARK, text)
