"""Which way a paragraph reads, decided as the Unicode bidirectional algorithm does.

A paragraph is right to left when its first strong letter is (rules P2 and P3 of
UAX #9): Hebrew (R) or Arabic and Persian (AL). Letters inside an isolate (between
LRI, RLI or FSI and the matching PDI) are passed over; digits and punctuation are
weak or neutral and decide nothing. A paragraph without a strong letter reads left to
right. Qt decides a paragraph's direction the same way when it lays text out.
"""
from __future__ import annotations

import unicodedata

_ISOLATE_OPENERS = frozenset(("LRI", "RLI", "FSI"))
_RIGHT_TO_LEFT = frozenset(("R", "AL"))


def is_right_to_left(paragraph: str) -> bool:
    """Whether ``paragraph`` (up to its first paragraph separator) reads right to left."""
    depth = 0  # how many isolates are open
    for character in paragraph:
        kind = unicodedata.bidirectional(character)
        if kind == "B":  # a paragraph separator: the paragraph ends here
            break
        if kind in _ISOLATE_OPENERS:
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and (kind == "L" or kind in _RIGHT_TO_LEFT):
            return kind in _RIGHT_TO_LEFT
    return False
