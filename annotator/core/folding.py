"""Case- and accent-blind matching with exact code-point positions back in the text.

Find in document and the corpus search's first hit compare a folded copy of the
text: case folded (``casefold``: "ß" becomes "ss") and stripped of combining
diacritics whichever way they are encoded, so "zoe" finds "Zoë" written with a
precomposed ë or with e + U+0308 — as SQLite's unicode61 tokenizer does for the
corpus index (it removes diacritics). Folding changes some characters' length
("ß" → "ss", a combining accent → ""), so a position in the folded copy is
mapped back through the few characters whose folded length is not one, and a
match is widened so that it never cuts a character cluster.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

from .selection import cluster_safe

_NON_ASCII = re.compile("[^\x00-\x7f]")
_DOTTED_CAPITAL_I = "\u0130"
# Only the Latin-style diacritic blocks are dropped: Indic vowel signs and
# viramas are letters' parts, not decoration, and must still tell words apart.
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """One character as the folded copy holds it (possibly empty or longer)."""
    folded = ch.casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    if _DIACRITICS.search(decomposed):
        return _DIACRITICS.sub("", decomposed)
    return folded


def _lower_keeping_length(text: str) -> str:
    """``text.lower()``, but U+0130 (the only character lower() lengthens) kept for fold_char."""
    if _DOTTED_CAPITAL_I not in text:
        return text.lower()
    return _DOTTED_CAPITAL_I.join(part.lower() for part in text.split(_DOTTED_CAPITAL_I))


def _any_of(characters) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(ch) for ch in characters) + "]")


def _replace(text: str, pieces: dict[str, str]) -> str:
    if not pieces:
        return text
    return _any_of(pieces).sub(lambda found: pieces[found.group()], text)


def fold(text: str) -> str:
    return FoldedText(text).folded


class FoldedText:
    """A text's folded copy, and the way back from folded positions to the text's."""

    def __init__(self, text: str):
        self.text = text
        lowered = _lower_keeping_length(text)  # C speed for the common characters
        changed = {}
        if not lowered.isascii():
            for ch in set(_NON_ASCII.findall(lowered)):  # few, however long the text
                piece = fold_char(ch)
                if piece != ch:
                    changed[ch] = piece
        self.folded = _replace(lowered, changed)
        # characters whose folded piece is not one character long: (index, width)
        odd = {ch: len(piece) for ch, piece in changed.items() if len(piece) != 1}
        specials = [(m.start(), odd[m.group()]) for m in _any_of(odd).finditer(lowered)] if odd else []
        self._index = [index for index, _ in specials]
        self._width = [width for _, width in specials]
        self._extra_before = [0, *accumulate(width - 1 for width in self._width)]
        self._folded_start = [i + extra for i, extra in zip(self._index, self._extra_before)]

    def char_at(self, position: int) -> int:
        """Index in the text of the character whose folded piece holds ``position``."""
        k = bisect_right(self._folded_start, position)
        if k and position < self._folded_start[k - 1] + self._width[k - 1]:
            return self._index[k - 1]
        return position - self._extra_before[k]

    def to_text_range(self, start: int, end: int) -> tuple[int, int]:
        """The text range a folded range [start, end) came from, whole clusters."""
        if self._index:  # some characters changed length: map back through them
            start, end = self.char_at(start), self.char_at(end - 1) + 1
        if _surely_boundary(self.text, start) and _surely_boundary(self.text, end):
            return start, end  # the common case, without asking about clusters
        return cluster_safe(self.text, start, end)

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every match of ``needle`` in the text, in order, never overlapping."""
        return list(self.iter_matches(fold(needle)))

    def iter_matches(self, folded_needle: str) -> Iterator[tuple[int, int]]:
        if not folded_needle:
            return
        text, mapped, last_end = self.text, bool(self._index), 0
        for found in re.finditer(re.escape(folded_needle), self.folded):
            start, end = found.span()
            if mapped:  # some characters changed length: map back through them
                start, end = self.char_at(start), self.char_at(end - 1) + 1
            if not (_surely_boundary(text, start) and _surely_boundary(text, end)):
                start, end = cluster_safe(text, start, end)
            if start >= last_end:  # "s" twice inside one "ß" is one match
                yield start, end
                last_end = end

def _surely_boundary(text: str, index: int) -> bool:
    """True when no character cluster can straddle ``index``: ASCII on both sides (not CRLF)."""
    pair = text[index - 1:index + 1] if index > 0 else ""
    return not pair or (pair.isascii() and pair != "\r\n")

def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Case- and accent-blind matches of ``needle`` in ``text`` as code-point ranges."""
    return FoldedText(text).find_all(needle)
