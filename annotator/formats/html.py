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


def read(
    stream: BinaryIO, name: str, encoding: str | None = None
) -> Iterator[RawDocument | Problem]:
    html, used = decode_html(stream.read(), name, encoding)
    extracted = _extract(html)
    text = extracted.get("text") or ""
    if not text.strip():
        raise FormatError(Problem(file=name, line=None, reason="no article text found"))
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
    return document.as_dict() if document is not None else {}


def _metadata(extracted: dict[str, Any], name: str, encoding: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        key: value for key, value in extracted.items() if key not in NOT_METADATA and value
    }
    return {**metadata, **file_metadata(name, encoding), "format": "html"}
