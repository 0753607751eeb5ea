"""The native JSONL format: one document per line, with its spans and metadata.

Schema (version 1); every line is one JSON object:

    schema_version  1
    offset_unit     "codepoint" (default), "utf16" or "utf8": the unit of start/end
    id, title, text, source, url, author, published, status, sha256, created, updated
    metadata        free key/value pairs from the source
    spans           [{id, start, end, label, text, speaker, target, cue, note,
                      annotator, created, updated}], sorted by start, end
                    (end exclusive; in code points text[start:end] == span text)

Read back with annotator/formats/jsonl.py.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, TextIO

from ..core.model import Document, Span
from ..core.offsets import CODEPOINT, map_for
from .export_base import ExportDoc, WriterOptions

SCHEMA_VERSION = 1
SUFFIX = ".jsonl"
_LINE_BREAKERS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
SPAN_KEYS = ("id", "start", "end", "label", "text", "speaker", "target", "cue", "note",
             "annotator", "created", "updated")
# records are plain trees built here: no cycles to look for, one encoder for every line
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def record(document: Document, spans: Iterable[Span], offset_unit: str = CODEPOINT) -> dict:
    """One line's object. The spans were checked by the export service before any writing."""
    out_spans = [_span_item(span) for span in spans]
    if offset_unit != CODEPOINT:
        offsets = map_for(document.text, offset_unit)
        for item in out_spans:
            item["start"], item["end"] = offsets.to_units(item["start"]), offsets.to_units(item["end"])
    return {
        "schema_version": SCHEMA_VERSION, "offset_unit": offset_unit,
        "id": document.id, "title": document.title, "text": document.text,
        "source": document.source, "url": document.url, "author": document.author,
        "published": document.published, "status": document.status,
        "metadata": document.metadata, "sha256": document.sha256,
        "created": document.created, "updated": document.updated,
        "spans": out_spans,
    }


def _span_item(span: Span) -> dict:
    # a copy of the span's own fields (a C-level dict copy: this runs 100,000 times in a
    # large export) less the document id, which the line itself carries
    item = dict(span.__dict__)
    del item["document_id"]
    return item


def dumps_line(obj: dict) -> str:
    """One JSON line that no line splitter can break: str.splitlines() and some
    editors also split at NEL, U+2028 and U+2029, so those are escaped."""
    text = _ENCODE(obj)
    for breaker, escaped in _LINE_BREAKERS:
        if breaker in text:  # a plain scan: much faster than a regex over megabytes
            text = text.replace(breaker, escaped)
    return text


def write_lines(stream: TextIO, items: Iterable[tuple[Document, list[Span]]],
                offset_unit: str = CODEPOINT) -> int:
    count = 0
    for document, spans in items:
        stream.write(dumps_line(record(document, spans, offset_unit)) + "\n")
        count += 1
    return count


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    with target.open("w", encoding="utf-8", newline="\n") as stream:
        write_lines(stream, ((d.document, d.spans) for d in docs), options.offset_unit)
    return []
