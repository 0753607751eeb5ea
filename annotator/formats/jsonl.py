"""JSON lines: this project's export, the seed file, Prodigy, and both doccano variants.

Each physical line is read on its own, so one broken line becomes a Problem and the
rest still import. The variant is recognised per line from the keys it has.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from annotator.core.selection import shortened
from annotator.formats.decoding import require_utf8_json
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan

# Keys that name a RawDocument field, and the field each fills.
FIELD_ALIASES = {
    "title": "title",
    "source": "source",
    "outlet": "source",
    "url": "url",
    "link": "url",
    "author": "author",
    "published": "published",
    "date": "published",
}
NESTED_METADATA = ("meta", "metadata")  # Prodigy's "meta", this project's "metadata"

# Keys that carry the annotations or bookkeeping, not facts about the document.
STRUCTURAL = frozenset({
    "text", "spans", "label", "entities", "relations", "Comments", "tokens", "answer",
    "_input_hash", "_task_hash", "_view_id", "schema_version", "offset_unit", "sha256",
    "status", *NESTED_METADATA,
})

# This project's export says "schema_version"; its "id", "created" and "updated" belong to
# the exporting project's database, not to the document.
NATIVE_MARKER = "schema_version"
NATIVE_BOOKKEEPING = frozenset({"id", "created", "updated"})

# Keys only Prodigy (and spaCy's JSONL) write: such a record counts code points, as
# Prodigy defines its offsets; doccano's records, which count UTF-16 units, have none.
PRODIGY_KEYS = ("tokens", "answer", "_input_hash", "_task_hash", "_view_id")
UNIMPORTED_EXTRAS = (("relations", "relation", "relations"), ("Comments", "comment", "comments"))
SKIPPED_ANSWERS = frozenset({"reject", "ignore"})
JSON_TYPE_NAMES = {
    dict: "an object", list: "a list", tuple: "a list", str: "a string", bool: "true/false",
    type(None): "null",
}
SPAN_FIELDS = ("speaker", "target", "cue", "note", "annotator")


class BadRecord(ValueError):
    """One record cannot be read; its message is the Problem's reason."""


def read(
    stream: BinaryIO, name: str, offset_unit: str | None = None
) -> Iterator[RawDocument | Problem]:
    data = require_utf8_json(stream.read(), name)
    found_a_record = False
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.strip():
            found_a_record = True
            yield _read_line(line, name, number, offset_unit)
    if not found_a_record:
        raise FormatError(Problem(file=name, line=None, reason="no records (only blank lines)"))


def _read_line(
    line: bytes, name: str, number: int, offset_unit: str | None
) -> RawDocument | Problem:
    try:
        return parse_record(_parse_json(line), name, number, offset_unit)
    except BadRecord as bad:
        return Problem(file=name, line=number, reason=str(bad))


def _parse_json(line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        where = f"byte 0x{error.object[error.start]:02x} at byte {error.start + 1} of the line"
        raise BadRecord(f"not valid UTF-8 ({where})") from None
    except json.JSONDecodeError as error:
        raise BadRecord(f"invalid JSON ({error.msg} at column {error.colno})") from None
    except ValueError:
        # int() refuses numbers of more than 4300 digits (CPython's guard against slow parsing)
        raise BadRecord("a number too long to read (more than 4300 digits)") from None
    except RecursionError:
        raise BadRecord("JSON nested too deeply to read") from None


def parse_record(
    record: Any, name: str, number: int, offset_unit: str | None = None
) -> RawDocument:
    if not isinstance(record, dict):
        raise BadRecord(f"not a JSON object (found {json_type(record)})")
    text = _text_of(record)
    answer = record.get("answer")
    if isinstance(answer, str) and answer in SKIPPED_ANSWERS:
        raise BadRecord(f'Prodigy answer is "{answer}"; not imported')
    spans, warnings = _spans_of(record)
    fields, metadata = _fields_and_metadata(record)
    declared_unit = record.get("offset_unit")
    return RawDocument(
        text=text,
        file=name,
        line=number,
        **fields,
        metadata=metadata,
        status=text_field(record.get("status"), "status"),
        spans=spans,
        offset_unit=text_field(declared_unit, "offset_unit") or offset_unit,
        format_unit="codepoint" if any(key in record for key in PRODIGY_KEYS) else None,
        warnings=warnings + _unimported_extras(record),
    )


def _fields_and_metadata(record: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    if NATIVE_MARKER not in record:
        return document_fields(record, STRUCTURAL)
    # The fields are at the top level and "metadata" is the document's own dict, kept
    # verbatim (not mined for a "url" or "source") so export then import is exact.
    fields, extra = document_fields(record, STRUCTURAL | NATIVE_BOOKKEEPING, nested=())
    own = record.get("metadata")
    return fields, ({**extra, **own} if isinstance(own, dict) else extra)


def _text_of(record: dict[str, Any]) -> str:
    if "text" not in record:
        raise BadRecord('missing the "text" field')
    if not isinstance(record["text"], str):
        raise BadRecord(f'the "text" field is not a string (found {json_type(record["text"])})')
    return record["text"]


def _spans_of(record: dict[str, Any]) -> tuple[list[RawSpan], list[str]]:
    """Spans from the first of "spans", "entities", "label" present; the others are noted."""
    present = [key for key in SPAN_READERS if key in record]
    if not present:
        return [], []
    key = present[0]
    spans = SPAN_READERS[key](record[key])
    ignored = [
        f'the "{other}" field was not imported (spans came from "{key}")' for other in present[1:]
    ]
    return spans, ignored


def _native_spans(items: Any) -> list[RawSpan]:
    shape = 'an object with "start", "end" and "label"'
    keys = ("start", "end", "label")
    items = _objects_with(items, "spans", keys, "span", shape)
    return [_native_span(item, number) for number, item in enumerate(items, start=1)]


def _native_span(item: dict[str, Any], number: int) -> RawSpan:
    """This project's spans and Prodigy's (whose token_start/token_end are not needed)."""
    where = f"span {number}: "
    span = RawSpan(
        start=item["start"], end=item["end"], label=item["label"],
        text=text_field(item.get("text"), "text", where),
    )
    for key in SPAN_FIELDS:
        setattr(span, key, text_field(item.get(key), key, where) or "")
    return span


def _doccano_entities(items: Any) -> list[RawSpan]:
    shape = 'an object with "start_offset", "end_offset" and "label"'
    keys = ("start_offset", "end_offset", "label")
    return [
        RawSpan(start=item["start_offset"], end=item["end_offset"], label=item["label"])
        for item in _objects_with(items, "entities", keys, "entity", shape)
    ]


def _doccano_labels(items: Any) -> list[RawSpan]:
    if _document_level_labels(items):
        raise BadRecord("document-level labels are not spans; not supported")
    spans = []
    for index, item in enumerate(_list_field(items, "label"), start=1):
        if not (isinstance(item, list) and len(item) == 3):
            raise BadRecord(f"span {index} is not [start, end, label]")
        spans.append(RawSpan(start=item[0], end=item[1], label=item[2]))
    return spans


def _document_level_labels(items: Any) -> bool:
    """doccano text classification: "label": "positive" or ["positive", "urgent"]."""
    if isinstance(items, str):
        return True
    return isinstance(items, list) and bool(items) and all(isinstance(i, str) for i in items)


SPAN_READERS: dict[str, Callable[[Any], list[RawSpan]]] = {
    "spans": _native_spans,
    "entities": _doccano_entities,
    "label": _doccano_labels,
}


def _objects_with(
    items: Any, field: str, keys: tuple[str, ...], noun: str, shape: str
) -> list[dict]:
    items = _list_field(items, field)
    for index, item in enumerate(items, start=1):
        if not (isinstance(item, dict) and all(key in item for key in keys)):
            raise BadRecord(f"{noun} {index} is not {shape}")
    return items


def _list_field(value: Any, field: str) -> list:
    if not isinstance(value, list):
        raise BadRecord(f'the "{field}" field is not a list (found {json_type(value)})')
    return value


def _unimported_extras(record: dict[str, Any]) -> list[str]:
    """doccano relations and comments have no place in this project; say they were dropped."""
    warnings = []
    for key, singular, plural in UNIMPORTED_EXTRAS:
        extras = record.get(key)
        if isinstance(extras, list) and extras:
            warnings.append(not_imported(len(extras), singular, plural))
    return warnings


def document_fields(
    record: dict[str, Any], skip: frozenset[str], nested: tuple[str, ...] = NESTED_METADATA
) -> tuple[dict[str, str], dict[str, Any]]:
    """Split a record into RawDocument fields (title, source, ...) and free metadata.

    Looks at the top level, then inside the nested dicts ("meta", "metadata"); the first
    non-empty value for a field wins. Keys in skip are left out of both.
    """
    fields: dict[str, str] = {}
    metadata: dict[str, Any] = {}
    for key, value in _flattened(record, skip, nested):
        field = FIELD_ALIASES.get(key)
        if field is None:
            metadata.setdefault(key, value)
        elif field not in fields and (text := text_field(value, key)):
            fields[field] = text
    return fields, metadata


def _flattened(
    record: dict[str, Any], skip: frozenset[str], nested: tuple[str, ...]
) -> Iterator[tuple[str, Any]]:
    for key, value in record.items():
        if key in nested:
            if not isinstance(value, dict):
                yield key, value  # an odd "meta" that is not a dict is kept rather than lost
        elif key not in skip:
            yield key, value
    for key in nested:
        if isinstance(record.get(key), dict):
            yield from record[key].items()


def not_imported(count: int, singular: str, plural: str) -> str:
    if count == 1:
        return f"1 {singular} was not imported"
    return f"{count} {plural} were not imported"


def json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return JSON_TYPE_NAMES.get(type(value), f"a {type(value).__name__}")


def text_field(value: Any, field: str, where: str = "") -> str | None:
    """The value of a field that holds text: a string as it is, a number as its JSON
    text ("2024"), null as absent. A list, an object or true/false is refused, naming
    the field: str() would store a Python repr ("['Ana', 'Bo']") that nobody wrote, and
    choosing how to join a list is the user's call, not ours."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return json.dumps(value)
    raise BadRecord(f'{where}the "{field}" field is {json_type(value)} ({_shown(value)}), not text: '
                    "write it as one string")


def _shown(value: Any) -> str:
    """A value as the file spells it, for a message (a DocBin may hold non-JSON values)."""
    try:
        spelled = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        spelled = repr(value)
    return shortened(spelled, 60)
