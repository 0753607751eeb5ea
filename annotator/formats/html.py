"""Saved web pages: the main article text, extracted offline by trafilatura.

Nothing is fetched and no script runs: trafilatura parses the markup with lxml and
drops navigation, footers, scripts and styles. The document text is what it extracts,
so spans index that text, not the HTML.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import trafilatura
from trafilatura.xml import xmltotxt

from annotator.formats.decoding import BOMS, decode
from annotator.formats.records import FormatError, Problem, RawDocument
from annotator.formats.text import file_metadata

# The HTML standard looks for a declared charset in the first 1024 bytes only.
PRESCAN_BYTES = 1024
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)

# Labels browsers treat as windows-1252 (WHATWG Encoding); Python's latin-1 would turn
# the curly quotes and dashes of 0x80-0x9F into invisible control characters instead.
WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii"})

# htmldate's markup-only mode: dates stated in meta tags or <time>, never guessed from
# "© 2026" footers or the text (the default extensive search does that).
DATE_FROM_MARKUP_ONLY = {"extensive_search": False, "original_date": True}

# trafilatura fields that become RawDocument fields or are not metadata at all.
NOT_METADATA = frozenset({
    "title", "author", "url", "date", "sitename", "text", "raw_text", "body",
    "comments", "commentsbody", "fingerprint", "id", "filedate",
})


# A page whose text has no line of prose (this many words) is a menu, a cookie banner
# or a footer, not an article: what trafilatura falls back to on a page that has none
# ("Home | News"). A one-sentence news brief has such a line.
PROSE_LINE_WORDS = 6

# Invisible characters that are part of words: the zero-width non-joiner of Persian
# ("می‌خواهد"), the joiner inside emoji sequences, soft hyphens, direction marks.
# trafilatura drops every character str.isprintable() refuses, these with them.
INVISIBLE_IN_WORDS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff"
# printable stand-ins for them while trafilatura works (alchemical symbols: no news text
# holds them; any the page does hold are not used)
STAND_INS = [chr(point) for point in range(0x1F700, 0x1F774)]


def read(
    stream: BinaryIO, name: str, encoding: str | None = None
) -> Iterator[RawDocument | Problem]:
    html, used = decode_html(stream.read(), name, encoding)
    extracted = _extract(html)
    text = extracted.get("text") or ""
    if not text.strip():
        raise FormatError(Problem(file=name, line=None, reason="no article text found"))
    if not any(len(line.split()) >= PROSE_LINE_WORDS for line in text.splitlines()):
        raise FormatError(Problem(file=name, line=None, reason=(
            f"no article text found (only {text.strip()[:60]!r}: a menu, a banner or a "
            "footer, not an article)")))
    yield RawDocument(
        text=text,
        file=name,
        line=1,
        title=extracted.get("title") or "",
        source=extracted.get("sitename") or extracted.get("hostname") or "",
        url=extracted.get("url") or "",
        author=extracted.get("author") or "",
        published=extracted.get("date") or "",
        metadata=_metadata(extracted, name, used),
    )


def decode_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode as a browser would: the caller's encoding, a BOM, <meta charset>, then guess."""
    if encoding or data.startswith(tuple(bom for bom, _, _ in BOMS)):
        return decode(data, name, encoding)
    declared = declared_charset(data)
    if declared:
        try:
            return decode(data, name, declared)
        except FormatError:
            pass  # pages often lie about their charset; detection may still succeed
    return decode(data, name)


def declared_charset(data: bytes) -> str | None:
    """The codec named by a <meta charset> or http-equiv Content-Type, if Python knows it."""
    match = META_CHARSET.search(data[:PRESCAN_BYTES])
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if codec in WINDOWS_1252_ALIASES:
        return "cp1252"
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"  # bytes we can read this far are ASCII-compatible (HTML standard)
    return codec


def _extract(html: str) -> dict[str, Any]:
    """What trafilatura finds, with the page's invisible in-word characters kept."""
    html, stand_ins = _protect_invisible(html)
    extracted = _trafilatura(html)
    return {key: _restore(value, stand_ins) if isinstance(value, str) else value
            for key, value in extracted.items()}


def _protect_invisible(html: str) -> tuple[str, dict[str, str]]:
    # entities first (&zwnj;, &#8204;, &shy;): the parser would make them characters
    html = _INVISIBLE_ENTITY.sub(_entity_character, html)
    present = [char for char in INVISIBLE_IN_WORDS if char in html]
    free = (char for char in STAND_INS if char not in html)
    stand_ins = {char: next(free) for char in present}
    for char, stand_in in stand_ins.items():
        html = html.replace(char, stand_in)
    return html, stand_ins


def _restore(text: str, stand_ins: dict[str, str]) -> str:
    for char, stand_in in stand_ins.items():
        text = text.replace(stand_in, char)
    return text


_NAMED_INVISIBLE = {"shy": "\u00ad", "zwnj": "\u200c", "zwj": "\u200d", "lrm": "\u200e",
                    "rlm": "\u200f"}
_INVISIBLE_ENTITY = re.compile(r"&(?:(shy|zwnj|zwj|lrm|rlm)|#(\d+)|#[xX]([0-9A-Fa-f]+));")


def _entity_character(found: re.Match) -> str:
    entity = found[0]
    if found[1]:
        return _NAMED_INVISIBLE[found[1]]
    point = int(found[2]) if found[2] else int(found[3], 16)
    if point > 0x10FFFF or chr(point) not in INVISIBLE_IN_WORDS:
        return entity  # any other entity, or none at all: the parser's to read
    return chr(point)


def _trafilatura(html: str) -> dict[str, Any]:
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            date_extraction_params=DATE_FROM_MARKUP_ONLY,
        )
    except ValueError:
        return {}  # trafilatura's way of saying the tree was unusable
    if document is None:
        return {}
    extracted = document.as_dict()
    paragraphs = _paragraphs(document.body)
    if paragraphs:
        extracted["text"] = paragraphs
    return extracted


def _paragraphs(body) -> str:
    """The article's blocks (heading, paragraphs, lists, quotes) a blank line apart, as
    in a text file; a <br> inside one stays a single line break. trafilatura's own text
    put one line break between paragraphs too, so the two could not be told apart."""
    if body is None:
        return ""
    blocks = (xmltotxt(block, False).strip("\n") for block in body)
    return "\n\n".join(block for block in blocks if block.strip())


def _metadata(extracted: dict[str, Any], name: str, encoding: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        key: value for key, value in extracted.items() if key not in NOT_METADATA and value
    }
    return {**metadata, **file_metadata(name, encoding), "format": "html"}
