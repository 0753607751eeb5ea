"""Detect offsets counted in another unit than the one assumed, and say so.

doccano counts UTF-16 code units by default, most other tools code points, and
tools that read text with universal newlines count a CRLF as one character.
We never convert on a guess: a mismatch, or offsets that name no unit where the
units differ, rejects the document with a message that names the option to use.
"""
from __future__ import annotations

import re
import unicodedata

from ..core.offsets import CODEPOINT, UNITS, UTF16, OffsetError, map_for
from ..core.selection import shortened
from ..formats.records import RawSpan

UNIT_WORDS = {"codepoint": "characters", "utf16": "UTF-16 units", "utf8": "UTF-8 bytes"}
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def describe_mismatch(text: str, item: RawSpan, unit: str) -> str | None:
    """For one span that does not fit: which other reading of its offsets would."""
    other = fitting_unit(text, item, unit)
    if other is not None:
        return (f"its offsets fit if they count {UNIT_WORDS[other]}: "
                f"import again with --offset-unit {other}")
    if item.text is not None and "\r" in text and _fits_universal_newlines(text, item):
        return ("its offsets fit the text with each CRLF counted as one character "
                "(tools that read with universal newlines, such as brat, do this)")
    return None


def fitting_unit(text: str, item: RawSpan, unit: str) -> str | None:
    """Another unit in which the span's offsets fit the text (and its text, if given)."""
    return next((other for other in UNITS if other != unit and _fits(text, item, other)), None)


def unstated_unit_problem(text: str, spans: list[RawSpan]) -> str | None:
    """Why offsets that name no unit cannot be read, or None when they can.

    Code points and UTF-16 units count alike up to the first character beyond U+FFFF;
    past it every offset means two places. A span whose own text is given is settled
    by that text; a bare one (doccano's) whose end lies past such a character is not,
    and nothing in the offsets tells which reading is meant: word-boundary evidence
    is shown to help the user choose, never used to choose.
    """
    astral = _ASTRAL.search(text)
    if astral is None:  # the usual case: both readings are the same
        return None
    found = _first_read_two_ways(spans, astral.start())
    if found is None:
        return None
    number, item = found
    readings = "; ".join(f"counted in {UNIT_WORDS[unit]} it is {_reading(text, item, unit)}"
                         for unit in (CODEPOINT, UTF16))
    return (f"the offsets do not say whether they count characters or UTF-16 units, and here "
            f"the two differ ({astral.group()!r}, beyond U+FFFF, at character {astral.start()} "
            f"comes before the end of span {number} {_describe(item)}): {readings}"
            f"{_word_cuts(text, spans)}; import again with --offset-unit utf16 (doccano's "
            f"unit) or --offset-unit codepoint (most other tools')")


def _first_read_two_ways(spans: list[RawSpan], first_astral: int) -> tuple[int, RawSpan] | None:
    """The first bare span (numbered from 1 among all) ending after ``first_astral``:
    up to there a code point is one UTF-16 unit, beyond it they part."""
    for number, item in enumerate(spans, 1):
        end = item.end
        if item.text is None and type(end) is int and end > first_astral:
            return number, item
    return None


def _reading(text: str, item: RawSpan, unit: str) -> str:
    """What a span covers with its offsets read in ``unit``, for a message."""
    try:
        offsets = map_for(text, unit)
        start, end = offsets.to_index(item.start), offsets.to_index(item.end)
    except (OffsetError, TypeError) as error:
        return f"not a span of the text ({error})"
    if start >= end:
        return "empty"
    return repr(shortened(text[start:end], 60))


def _word_cuts(text: str, spans: list[RawSpan]) -> str:
    """The word-boundary evidence, when the two readings give different counts."""
    pairs = [(item.start, item.end) for item in spans if item.text is None]
    cuts = {unit: _cut_edges(text, pairs, unit) for unit in (CODEPOINT, UTF16)}
    if None in cuts.values() or cuts[CODEPOINT] == cuts[UTF16]:
        return ""
    return (f"; of the {2 * len(pairs)} span edges, {cuts[CODEPOINT]} cut through a word or "
            f"character counted in {UNIT_WORDS[CODEPOINT]}, {cuts[UTF16]} counted in "
            f"{UNIT_WORDS[UTF16]}")


def _describe(item: RawSpan) -> str:
    return f"[{item.start}, {item.end}, {item.label!r}]"


def _fits(text: str, item: RawSpan, unit: str) -> bool:
    try:
        offsets = map_for(text, unit)
        start, end = offsets.to_index(item.start), offsets.to_index(item.end)
    except (OffsetError, TypeError):
        return False
    if start >= end:
        return False
    return item.text is None or text[start:end] == item.text


def _fits_universal_newlines(text: str, item: RawSpan) -> bool:
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return normalised[item.start:item.end] == item.text.replace("\r\n", "\n").replace("\r", "\n")
    except TypeError:
        return False


def _cut_edges(text: str, pairs, unit: str) -> int | None:
    """How many span edges fall inside a word or a character; None if they do not even fit."""
    try:
        offsets = map_for(text, unit)
        edges = [offsets.to_index(value) for pair in pairs for value in pair]
    except (OffsetError, TypeError):
        return None
    return sum(1 for edge in edges if _cuts(text, edge))


def _cuts(text: str, index: int) -> bool:
    if index <= 0 or index >= len(text):
        return False
    before, after = text[index - 1], text[index]
    if before.isalnum() and after.isalnum():
        return True
    return (unicodedata.category(after).startswith("M") or after in "\u200d\ufe0f"
            or before == "\u200d")
