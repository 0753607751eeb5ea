"""The Attribution panel's fields, as titles with a mnemonic letter: Alt+S, Alt+T, Alt+U
and Alt+N go into them, and with words selected in the text, S, T and U (in the text or
the label popup) make those words the selected span's speaker, target or cue."""
from __future__ import annotations

from ..session import NAMED_FROM_TEXT

LINE_FIELDS = {  # attribute: (form label, placeholder)
    "speaker": ("&Speaker", "who says it"),
    "target": ("&Target", "whom it is aimed at"),
    "cue": ("C&ue", "the reporting verb: said, denied, urged…"),
}
NOTE_TITLE = "&Note"


def mnemonic_letter(title: str) -> str:
    """The letter after the title's "&", as typed: "&Speaker" → "s"."""
    return title[title.index("&") + 1].lower()


# letter: attribute, for the words selected in the text (keys.py, label_popup.py)
NAMING_KEYS = {mnemonic_letter(LINE_FIELDS[name][0]): name for name in NAMED_FROM_TEXT}
