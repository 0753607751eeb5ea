"""doccano sequence-labelling JSONL: one line per document, in either export variant.

    label     {"id", "text", "label": [[start, end, label], ...], "Comments": [], ...metadata}
    entities  {"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
               "relations": [], ...metadata}

doccano merges a document's metadata into the top level of each line, so the title,
source, url, author and published date (when set) and the free metadata keys sit
beside "text". Offsets count ``options.offset_unit``; doccano itself counts UTF-16 units,
the unit the command line and the window choose for doccano unless asked otherwise
(formats/writers.py default_unit). Another unit is written as asked, with a note when a
text has characters that doccano would count otherwise. The file cannot say which unit
it uses (doccano would not understand the key): the export's manifest names it, and our
import (importing/manifest_unit.py) reads it there. Read back with formats/jsonl.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..core.model import Document, Span
from ..core.offsets import CODEPOINT, UTF8, UTF16, OffsetMap, map_for
from .export_base import ExportDoc, WriterOptions, WriteError
from .jsonl import STRUCTURAL
from .native import dumps_line

SUFFIX = ".jsonl"
VARIANTS = ("label", "entities")
DOCUMENT_FIELDS = ("title", "source", "url", "author", "published")
ATTRIBUTES = ("speaker", "target", "cue", "note")
# Keys a metadata entry must never take over: they carry the record's own content, and
# our reader would read them as annotations or bookkeeping rather than metadata.
RESERVED = STRUCTURAL | {"id"}
# characters that another unit counts otherwise than doccano's UTF-16 does
COUNTED_OTHERWISE = {CODEPOINT: (re.compile("[\U00010000-\U0010FFFF]"),
                                 "a character beyond U+FFFF (an emoji, say)"),
                     UTF8: (re.compile("[^\x00-\x7f]"), "a character beyond ASCII")}
UNIT_NAMES = {CODEPOINT: "code points", UTF8: "UTF-8 bytes"}


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    if options.doccano_variant not in VARIANTS:
        raise WriteError(f"unknown doccano variant {options.doccano_variant!r}; "
                         f"use one of {', '.join(VARIANTS)}")
    with target.open("w", encoding="utf-8", newline="\n") as stream:
        for position, doc in enumerate(docs, 1):
            stream.write(dumps_line(record(doc, options, position)) + "\n")
    return unit_note(docs, options.offset_unit) + lost_attributes_note(docs)


def unit_note(docs: list[ExportDoc], unit: str) -> list[str]:
    """A warning when doccano would misplace spans: the unit asked for is not doccano's
    and some text has characters the two units count differently."""
    if unit == UTF16:
        return []
    pattern, what = COUNTED_OTHERWISE[unit]
    affected = sum(1 for doc in docs if pattern.search(doc.document.text))
    if not affected:
        return []
    return [f"offsets count {UNIT_NAMES[unit]}, as asked (the manifest says so); doccano "
            f"counts UTF-16 units and would misplace the spans after {what} in "
            f"{affected} document(s): export with --offset-unit utf16 (the default for "
            "doccano) to load it in doccano"]


def record(doc: ExportDoc, options: WriterOptions, position: int = 1) -> dict:
    document = doc.document
    offsets = map_for(document.text, options.offset_unit)
    head: dict[str, Any] = {"id": _id_or(document.id, position), "text": document.text}
    if options.doccano_variant == "label":
        body = {"label": [_label_item(span, offsets) for span in doc.spans], "Comments": []}
    else:
        entities = [_entity(span, offsets, number) for number, span in enumerate(doc.spans, 1)]
        body = {"entities": entities, "relations": []}
    return {**head, **body, **document_facts(document, RESERVED)}


def document_facts(document: Document, reserved: frozenset[str] | set[str] = frozenset()
                   ) -> dict[str, Any]:
    """The document's set fields, then its free metadata, as one flat dict.

    A metadata key never overwrites a field (a stray "title" in the metadata must not
    replace the real one) nor any key in ``reserved``. Also used by the Prodigy and
    Label Studio writers, which flatten metadata the same way.
    """
    facts: dict[str, Any] = {name: getattr(document, name) for name in DOCUMENT_FIELDS
                             if getattr(document, name)}
    for key, value in document.metadata.items():
        if key not in reserved:
            facts.setdefault(key, value)
    return facts


def lost_attributes_note(docs: list[ExportDoc]) -> list[str]:
    count = sum(1 for doc in docs for span in doc.spans if _has_attributes(span))
    if not count:
        return []
    spans = "1 span carries" if count == 1 else f"{count} spans carry"
    return [f"doccano has no place for speaker, target, cue or note: {spans} them; "
            "use jsonl or label-studio to keep them"]


def _label_item(span: Span, offsets: OffsetMap) -> list:
    return [offsets.to_units(span.start), offsets.to_units(span.end), span.label]


def _entity(span: Span, offsets: OffsetMap, number: int) -> dict:
    return {"id": _id_or(span.id, number), "label": span.label,
            "start_offset": offsets.to_units(span.start),
            "end_offset": offsets.to_units(span.end)}


def _has_attributes(span: Span) -> bool:
    return any(getattr(span, name) for name in ATTRIBUTES)


def _id_or(stored_id: int | None, position: int) -> int:
    """The project's id; spans and documents not yet stored are numbered in file order."""
    return position if stored_id is None else stored_id
