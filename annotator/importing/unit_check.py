"""Detect offsets counted in another unit than the one assumed, and say so.

doccano counts UTF-16 code units by default, most other tools code points, and
tools that read text with universal newlines count a CRLF as one character.
We never convert on a guess: a mismatch rejects the document with a message
that names the option to use.
"""
from __future__ import annotations

import re
import unicodedata

from ..core.offsets import CODEPOINT, UNITS, UTF16, OffsetError, map_for
from ..formats.records import RawSpan

UNIT_WORDS = {"codepoint": "characters", "utf16": "UTF-16 units", "utf8": "UTF-8 bytes"}
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def describe_mismatch(text: str, item: RawSpan, unit: str) -> str | None:
    """For one span that does not fit: which other reading of its offsets would."""
    for other in UNITS:
        if other != unit and _fits(text, item, other):
            return (f"its offsets fit if they count {UNIT_WORDS[other]}: "
                    f"import again with --offset-unit {other}")
    if item.text is not None and "\r" in text and _fits_universal_newlines(text, item):
        return ("its offsets fit the text with each CRLF counted as one character "
                "(tools that read with universal newlines, such as brat, do this)")
    return None


def suspect_other_unit(text: str, pairs: list[tuple], unit: str) -> str | None:
    """Offsets that are valid in ``unit`` but cut words apart, where the other unit would not."""
    if unit not in (CODEPOINT, UTF16) or not pairs or not _ASTRAL.search(text):
        return None
    other = UTF16 if unit == CODEPOINT else CODEPOINT
    # only a clear case: every edge clean in the other unit, a good share cut in this one
    # (annotators may cut words on purpose, so a few cut edges prove nothing). The other
    # unit is asked first and gives up at its first cut edge: for well-formed files that
    # comes early, and this runs for every document with an emoji.
    if not _all_edges_clean(text, pairs, other):
        return None
    bad_here, bad_there = _cut_edges(text, pairs, unit), 0
    if bad_here is None or bad_here < max(1, len(pairs) // 2):
        return None
    return (f"the span offsets seem to count {UNIT_WORDS[other]}, not {UNIT_WORDS[unit]}: "
            f"read as {UNIT_WORDS[unit]}, {bad_here} of {2 * len(pairs)} span edges cut through a "
            f"word or character, read as {UNIT_WORDS[other]}, {bad_there}; "
            f"import again with --offset-unit {other}")


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


def _all_edges_clean(text: str, pairs, unit: str) -> bool:
    """Whether every span edge fits ``unit`` and none cuts a word; stops at the first that does."""
    try:
        offsets = map_for(text, unit)
        return not any(_cuts(text, offsets.to_index(value)) for pair in pairs for value in pair)
    except (OffsetError, TypeError):
        return False


def _cuts(text: str, index: int) -> bool:
    if index <= 0 or index >= len(text):
        return False
    before, after = text[index - 1], text[index]
    if before.isalnum() and after.isalnum():
        return True
    return (unicodedata.category(after).startswith("M") or after in "\u200d\ufe0f"
            or before == "\u200d")
