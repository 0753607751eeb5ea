"""Maps between code-point offsets (our unit) and other units at the edges.

Other tools count offsets differently: doccano in UTF-16 code units, some byte
oriented tools in UTF-8 bytes, and a Qt text document in UTF-16 units with each
CRLF collapsed into one paragraph separator. An :class:`OffsetMap` is built once
per text from the few characters whose width differs from one, and answers
both ways with a binary search.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import add
from typing import Iterable

CODEPOINT = "codepoint"
UTF16 = "utf16"
UTF8 = "utf8"
UNITS = (CODEPOINT, UTF16, UTF8)

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_CRLF_OR_ASTRAL = re.compile("\r\n|[\U00010000-\U0010FFFF]")


class OffsetError(ValueError):
    """An offset is out of range or falls inside a character."""


class OffsetMap:
    """Converts between code-point indices and another unit for one text."""

    def __init__(self, length: int, specials: Iterable[tuple[int, int]]):
        # specials: (code point index, width in the other unit), sorted, width != 1
        pairs = list(specials)
        self.length = length
        self._index: list[int] = [index for index, _ in pairs]
        self._width: list[int] = [width for _, width in pairs]
        self._extra_before: list[int] = [0, *accumulate(width - 1 for width in self._width)]
        self._unit_start: list[int] = list(map(add, self._index, self._extra_before))
        self.unit_length = length + self._extra_before[-1]

    def to_units(self, index: int) -> int:
        if not 0 <= index <= self.length:
            raise OffsetError(f"index {index} outside the text (length {self.length})")
        k = bisect_right(self._index, index - 1)  # specials strictly before index
        return index + self._extra_before[k]

    def to_index(self, units: int) -> int:
        if not 0 <= units <= self.unit_length:
            raise OffsetError(f"offset {units} outside the text (length {self.unit_length})")
        k = bisect_right(self._unit_start, units)  # specials starting at or before units
        if k:
            start, width = self._unit_start[k - 1], self._width[k - 1]
            if units == start and width > 0:
                return self._index[k - 1]
            if units < start + width:
                raise OffsetError(f"offset {units} falls inside a character")
        return units - self._extra_before[k]


def identity_map(text: str) -> OffsetMap:
    return OffsetMap(len(text), ())


def utf16_map(text: str) -> OffsetMap:
    return OffsetMap(len(text), ((m.start(), 2) for m in _ASTRAL.finditer(text)))


def utf8_map(text: str) -> OffsetMap:
    return OffsetMap(len(text), ((m.start(), _utf8_width(m.group())) for m in _NON_ASCII.finditer(text)))


def qt_document_map(text: str) -> OffsetMap:
    """Positions in a QTextDocument holding ``text``: UTF-16 units, CRLF counted once.

    Qt turns CRLF into one U+2029 and lone CR into one U+2029 (see
    QT_TEXT_FACTS.md), so only the LF of a CRLF pair loses its width.
    """
    specials = [(m.start() + 1, 0) if m.group() == "\r\n" else (m.start(), 2)
                for m in _CRLF_OR_ASTRAL.finditer(text)]
    return OffsetMap(len(text), specials)


def as_utf16_units(text: str) -> str:
    """``text`` with each character beyond the BMP (an emoji) written as two U+FFFD: one
    character per UTF-16 unit, so that a Qt position indexes it directly. For looking at
    what a Qt layout holds (whitespace, a tab), never for offsets that are kept."""
    return _ASTRAL.sub("\ufffd\ufffd", text)


def map_for(text: str, unit: str) -> OffsetMap:
    if unit == CODEPOINT:
        return identity_map(text)
    if unit == UTF16:
        return utf16_map(text)
    if unit == UTF8:
        return utf8_map(text)
    raise OffsetError(f"unknown offset unit {unit!r}; expected one of {', '.join(UNITS)}")


def _utf8_width(ch: str) -> int:
    code = ord(ch)
    if code < 0x800:
        return 2
    if code < 0x10000:
        return 3
    return 4
