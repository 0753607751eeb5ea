"""Case- and accent-blind matching with exact code-point positions back in the text.

Find in document and the corpus search's first hit compare a folded copy of the
text: case folded (``casefold``: "ß" becomes "ss") and stripped of combining
diacritics whichever way they are encoded, so "zoe" finds "Zoë" written with a
precomposed ë or with e + U+0308 — as SQLite's unicode61 tokenizer does for the
corpus index (it removes diacritics).

For find in document the folded copy also reads the text the way the analyst
sees it on screen (the corpus search folds it as its index reads it instead: see
FoldedText):

* every run of white space (space, no-break spaces, tabs, CRLF and the other line
  breaks, U+2028/2029, the ideographic space...) is one space, so a typed space
  finds "a\u00a0meeting" and "meeting\twith";
* invisible format characters (soft hyphen, zero-width space, word joiner, BOM,
  bidi marks: ``_INVISIBLE``) are left out, so "spokeswoman" finds "spokes\u00adwoman".
  ZWJ and ZWNJ are kept: they change what is drawn (a ZWJ makes one family emoji
  of three, a ZWNJ stops Persian letters joining), so text with them is not the
  text without them.

Folding changes some characters' length ("ß" → "ss", a combining accent or a
soft hyphen → "", the second character of a white-space run → ""), so a position
in the folded copy is mapped back through the few characters whose folded length
is not one, and a match is widened so that it never cuts a character cluster: the
range found is the stored text's own characters, no-break space and soft hyphen
included.
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
# The invisible format characters, which draw nothing where they stand (a character
# class): soft hyphen, Arabic letter mark, zero-width space, LRM and RLM, the bidi
# embeddings and isolates, word joiner and the invisible operators, BOM (zero-width
# no-break space). Not ZWNJ and ZWJ (see the top of this module), nor the tag
# characters that spell a subdivision flag's emoji.
_INVISIBLE = ("\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
              "\ufeff")
_IS_INVISIBLE = re.compile(f"[{_INVISIBLE}]")
# A run of white space that is not one plain space (plain spaces, most of a text's
# white space, are left alone): it folds to one space, invisible characters inside it too.
_ODD_GAP = re.compile(f"(?:[^\\S ]| (?=[{_INVISIBLE}]*\\s))(?:[{_INVISIBLE}]*\\s)*")


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


def _each_as_space(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with each of the ranges (in order) made one space; one scan found them."""
    if not ranges:
        return text
    pieces, done = [], 0
    for start, end in ranges:
        pieces += [text[done:start], " "]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def fold(text: str, as_indexed: bool = False) -> str:
    return FoldedText(text, as_indexed).folded


class FoldedText:
    """A text's folded copy, and the way back from folded positions to the text's.

    ``as_indexed`` folds case and accents only, as the corpus index (SQLite's unicode61)
    reads the text: there white space and invisible format characters are word breaks
    alike ("spokes\u00adwoman" is two words), and the corpus search's hits are placed
    where the index found them; its patterns take any run of breaks between words, so
    white space is left as it is (which also spares the scan for its runs)."""

    def __init__(self, text: str, as_indexed: bool = False):
        self.text, self.as_indexed = text, as_indexed
        lowered = _lower_keeping_length(text)  # C speed for the common characters
        changed = _changed_characters(lowered, skip_invisible=not as_indexed)
        # one scan for the runs of white space, used twice (the folded copy, the way back)
        gaps = [] if as_indexed else [found.span() for found in _ODD_GAP.finditer(lowered)]
        self.folded = _replace(_each_as_space(lowered, gaps), changed)
        # a match that ends on a run's space ends after the whole run, the way it began
        # at the run's first character: the typed space stands for all of it
        self._gap_end = {start: end for start, end in gaps if end - start > 1}
        specials = _odd_widths(lowered, changed, gaps)
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
            start, end = self._mapped(start, end)
        if _surely_boundary(self.text, start) and _surely_boundary(self.text, end):
            return start, end  # the common case, without asking about clusters
        return cluster_safe(self.text, start, end)

    def _mapped(self, start: int, end: int) -> tuple[int, int]:
        """The text range of the characters whose folded pieces make [start, end)."""
        start, end = self.char_at(start), self.char_at(end - 1) + 1
        return start, self._gap_end.get(end - 1, end)

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every match of ``needle`` in the text, in order, never overlapping."""
        return list(self.iter_matches(fold(needle, self.as_indexed)))

    def iter_matches(self, folded_needle: str) -> Iterator[tuple[int, int]]:
        if not folded_needle:
            return
        text, mapped, last_end = self.text, bool(self._index), 0
        for found in re.finditer(re.escape(folded_needle), self.folded):
            start, end = found.span()
            if mapped:  # some characters changed length: map back through them
                start, end = self._mapped(start, end)
            if not (_surely_boundary(text, start) and _surely_boundary(text, end)):
                start, end = cluster_safe(text, start, end)
            if start >= last_end:  # "s" twice inside one "ß" is one match
                yield start, end
                last_end = end


def _changed_characters(lowered: str, skip_invisible: bool) -> dict[str, str]:
    """The characters of a lowered text that fold to something else, and what they fold to
    (white space aside: _ODD_GAP finds its runs)."""
    changed = {}
    if not lowered.isascii():
        for ch in set(_NON_ASCII.findall(lowered)):  # few, however long the text
            piece = "" if skip_invisible and _IS_INVISIBLE.match(ch) else fold_char(ch)
            if piece != ch:
                changed[ch] = piece
    return changed


def _odd_widths(lowered: str, changed: dict[str, str],
                gaps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(index, folded length) of each character whose folded length is not one, in order."""
    odd = {ch: len(piece) for ch, piece in changed.items() if len(piece) != 1}
    widths = {m.start(): odd[m.group()] for m in _any_of(odd).finditer(lowered)} if odd else {}
    if not gaps:
        return list(widths.items())
    for start, end in gaps:  # a run's first character is its space, the others fold to nothing
        widths.update(dict.fromkeys(range(start + 1, end), 0))
    return sorted(widths.items())


def _surely_boundary(text: str, index: int) -> bool:
    """True when no character cluster can straddle ``index``: ASCII on both sides (not CRLF)."""
    pair = text[index - 1:index + 1] if index > 0 else ""
    return not pair or (pair.isascii() and pair != "\r\n")

def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Case- and accent-blind matches of ``needle`` in ``text`` as code-point ranges."""
    return FoldedText(text).find_all(needle)
