"""Label Studio JSON: a list of tasks, one per document, one annotation per annotator.

    {"id", "data": {"text", "title", "source", ..., metadata},
     "annotations": [{"id", "result": [
         {"id": "s<span id>", "from_name": "label", "to_name": "text", "type": "labels",
          "origin": "manual", "value": {"start", "end", "text", "labels": [label]},
          "meta": {"text": [note], "speaker", "target", "cue", "annotator"}}]}],
     "predictions": []}

No "completed_by": Label Studio accepts there only the numeric id or the email of a
member of its own organisation, and refuses the whole import for anything else ("not a
valid annotator's email or ID"); without it the annotations go to the importing user.
The annotator's name rides in each result's "meta", which Label Studio keeps as it is.

Label Studio counts code points (a CRLF is two characters), which is the default here.
Another ``options.offset_unit`` is honoured, for tools that want it, and the manifest
names it; the writer then warns that Label Studio itself would misplace such spans.
"meta" is where Label Studio keeps a region's notes ("text"); speaker, target, cue and
annotator ride beside them, and our reader (formats/label_studio.py) reads them back.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..core.model import Span
from ..core.offsets import CODEPOINT, OffsetMap, map_for
from .doccano_export import document_facts
from .export_base import ExportDoc, WriterOptions

SUFFIX = ".json"
META_ATTRIBUTES = ("speaker", "target", "cue", "annotator")
UNIT_NAMES = {"utf16": "UTF-16 code units", "utf8": "UTF-8 bytes"}
AFTER = {"utf16": "any emoji or other character beyond U+FFFF", "utf8": "any non-ASCII character"}


class Numbering:
    """Annotation and result ids, unique in the file, for spans and annotations the
    project has not numbered (only stored spans have ids)."""

    def __init__(self):
        self.annotations = 0
        self.results = 0

    def next_annotation(self) -> int:
        self.annotations += 1
        return self.annotations

    def result_id(self, span: Span) -> str:
        self.results += 1
        return f"s{span.id}" if span.id is not None else f"r{self.results}"


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    numbering = Numbering()
    tasks = [task(doc, options.offset_unit, numbering, position)
             for position, doc in enumerate(docs, 1)]
    # ensure_ascii=False keeps the file readable; a JSON list has no line-based reader
    # to trip over U+2028, so unlike JSONL nothing needs escaping.
    text = json.dumps(tasks, ensure_ascii=False, indent=1)
    target.write_text(text + "\n", encoding="utf-8", newline="\n")
    return _unit_note(options.offset_unit)


def task(doc: ExportDoc, unit: str = CODEPOINT, numbering: Numbering | None = None,
         position: int = 1) -> dict:
    numbering = numbering or Numbering()
    document = doc.document
    offsets = map_for(document.text, unit)
    data = {"text": document.text, **document_facts(document, {"text"})}
    annotations = [
        {"id": numbering.next_annotation(),
         "result": [_result(span, offsets, numbering) for span in spans]}
        for spans in _by_annotator(doc.spans).values()
    ]
    task_id = position if document.id is None else document.id
    return {"id": task_id, "data": data, "annotations": annotations, "predictions": []}


def _by_annotator(spans: list[Span]) -> dict[str, list[Span]]:
    """Spans grouped by who made them, in order of each annotator's first span."""
    groups: dict[str, list[Span]] = {}
    for span in spans:
        groups.setdefault(span.annotator, []).append(span)
    return groups


def _result(span: Span, offsets: OffsetMap, numbering: Numbering) -> dict:
    value = {"start": offsets.to_units(span.start), "end": offsets.to_units(span.end),
             "text": span.text, "labels": [span.label]}
    result = {"id": numbering.result_id(span), "from_name": "label", "to_name": "text",
              "type": "labels", "origin": "manual", "value": value}
    meta = _meta(span)
    if meta:
        result["meta"] = meta
    return result


def _meta(span: Span) -> dict:
    meta: dict = {"text": [span.note]} if span.note else {}
    meta.update({name: getattr(span, name) for name in META_ATTRIBUTES if getattr(span, name)})
    return meta


def _unit_note(unit: str) -> list[str]:
    if unit == CODEPOINT:
        return []
    return [f"offsets count {UNIT_NAMES[unit]}, as asked (the manifest says so); "
            f"Label Studio itself counts code points and would misplace spans after {AFTER[unit]}: "
            "export with the codepoint unit for Label Studio"]
