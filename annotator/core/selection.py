"""What a mouse or keyboard selection becomes as a span: pure functions on code points.

By default a selection snaps outward to whole words and drops the whitespace
around it, so a sloppy drag still gives a clean span; "exact" mode keeps the
characters as selected but never splits a character cluster (an accent from its
letter, a ZWJ emoji sequence).
"""
from __future__ import annotations

import re
import unicodedata

# Characters that continue the cluster before them: combining marks, ZWJ and
# the variation selectors; a ZWJ also binds what follows it (unless a space).
_JOINERS = "\u200d\ufe0e\ufe0f"
# Emoji skin tones ("👍🏽") and the tag characters of subdivision flags ("🏴 + tags")
# belong to the emoji before them, though they are not combining marks.
_EMOJI_EXTENDERS = (("\U0001F3FB", "\U0001F3FF"), ("\U000E0020", "\U000E007F"))
# Word-internal punctuation: "don't", "Le Drian's", "re-negotiation" stay whole.
_INNER_PUNCT = "'\u2019-\u00ad"
_EXTRA_SPACE = "\u200b\ufeff"
_SENTENCE_END = re.compile(r"[.!?\u2026\u061f\u06d4]+[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)|(?:\r\n|[\r\n\u2028\u2029])+")


def is_space(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_SPACE


def _continues_cluster(text: str, index: int) -> bool:
    """True when text[index] cannot start a span: it belongs to the character before."""
    if index <= 0 or index >= len(text):
        return False
    ch, before = text[index], text[index - 1]
    if _breaks_after(before):  # nothing attaches to a line break or a control
        return before == "\r" and ch == "\n"  # CRLF is one break (and one Qt character)
    if ch in _JOINERS or unicodedata.category(ch).startswith("M") or _extends_emoji(ch):
        return True
    if before == "\u200d" and not is_space(ch):
        return True
    # a flag is a pair of regional indicators: do not cut between them
    return _is_regional(ch) and _is_regional(before) and _regional_run_before(text, index) % 2 == 1


def _breaks_after(ch: str) -> bool:
    return ch in _EXTRA_SPACE or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _extends_emoji(ch: str) -> bool:
    return any(low <= ch <= high for low, high in _EMOJI_EXTENDERS)


def _is_regional(ch: str) -> bool:
    return "\U0001F1E6" <= ch <= "\U0001F1FF"


def _regional_run_before(text: str, index: int) -> int:
    count = 0
    while index - count - 1 >= 0 and _is_regional(text[index - count - 1]):
        count += 1
    return count


def _cluster_base(text: str, index: int) -> int:
    """Where the character cluster holding text[index] begins."""
    while index > 0 and _continues_cluster(text, index):
        index -= 1
    return index


def shortened(text: str, limit: int) -> str:
    """``text`` for a message or a tooltip: as it is if it has at most ``limit`` code
    points, else its start and "…", ``limit`` in all at most. The cut falls between
    whole characters (a letter with its accents, an emoji sequence, a flag), so that a
    quote in any script never shows half a character."""
    if len(text) <= limit:
        return text
    return text[:_cluster_base(text, limit - 1)].rstrip() + "…"


def _is_word(text: str, index: int) -> bool:
    # a mark or tag riding on a letter is part of that letter's word ("00000" + a tag
    # character is one word: snapping must not start the span in its middle)
    base = _cluster_base(text, index)
    if base != index and _is_word(text, base):
        return True
    ch = text[index]
    category = unicodedata.category(ch)
    # emoji and other symbols count as words: a selection never cuts one in half
    if ch.isalnum() or category.startswith("M") or category == "So" or ch in _JOINERS:
        return True
    inside = 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()
    return ch in _INNER_PUNCT and inside


def cluster_safe(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) just enough that no character cluster is cut."""
    start = _cluster_base(text, start)
    while end < len(text) and _continues_cluster(text, end):
        end += 1
    return start, end


def snap(text: str, start: int, end: int, whole_words: bool = True) -> tuple[int, int] | None:
    """The span a selection [start, end) should become, or None if it holds no text."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if whole_words:
        while start > 0 and start < len(text) and _is_word(text, start - 1) and _is_word(text, start):
            start -= 1
        while 0 < end < len(text) and _is_word(text, end - 1) and _is_word(text, end):
            end += 1
    start, end = without_outer_space(text, start, end)
    if start >= end:
        return None
    return cluster_safe(text, start, end)


def without_outer_space(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) with the whitespace at either end left out (empty if all of it is)."""
    while start < end and is_space(text[start]):
        start += 1
    while end > start and is_space(text[end - 1]):
        end -= 1
    return start, end


def sentence_starts(text: str) -> list[int]:
    """Where sentences and paragraphs begin, for moving the caret by sentence."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        index = match.end()
        while index < len(text) and is_space(text[index]):
            index += 1
        if index < len(text) and index != starts[-1]:
            starts.append(index)
    return starts


def step(text: str, index: int, direction: int, by_word: bool = False) -> int:
    """The next caret position left (-1) or right (+1), by character cluster or by word."""
    index = max(0, min(len(text), index))
    if not by_word:
        index += direction
        while 0 < index < len(text) and _continues_cluster(text, index):
            index += direction
        return max(0, min(len(text), index))
    # by word: skip the spaces and punctuation, then the word itself
    inside = (lambda i: 0 <= i < len(text) and _is_word(text, i))
    probe = (lambda i: i) if direction > 0 else (lambda i: i - 1)
    while 0 <= probe(index) < len(text) and not inside(probe(index)):
        index += direction
    while inside(probe(index)):
        index += direction
    index = max(0, min(len(text), index))
    while 0 < index < len(text) and _continues_cluster(text, index):
        index += direction
    return index
