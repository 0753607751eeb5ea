"""brat standoff: a .txt document beside a .ann file of annotations.

A document is imported whole or not at all: if any .ann line cannot be used (malformed,
or a discontinuous span this project cannot represent), only Problems are yielded.
Offsets are kept as brat wrote them; brat reads .txt files with universal newlines, so
spans in CRLF files drift (brat issue #853), which the import service detects.
"""
from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from annotator.formats.decoding import decode, describe_decode_error
from annotator.formats.jsonl import not_imported
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan
from annotator.formats.text import file_metadata, title_of

SPAN_ATTRIBUTES = ("speaker", "target", "cue")  # A lines this project keeps, any case
UNIMPORTED_KINDS = {"R": "relation", "*": "relation", "E": "event", "N": "normalisation"}
PLURALS = {
    "relation": "relations",
    "event": "events",
    "normalisation": "normalisations",
    "attribute": "attributes",
    "note on a relation or event": "notes on relations or events",
}


@dataclass
class Annotations:
    """What a .ann file holds, as far as this project can use it."""

    spans: dict[str, RawSpan] = field(default_factory=dict)  # by brat id, in file order
    unimported: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    unusable: set[str] = field(default_factory=set)  # span ids already reported as problems

    def warnings(self) -> list[str]:
        return [not_imported(n, kind, PLURALS[kind]) for kind, n in self.unimported.items()]


class BadLine(ValueError):
    """One .ann line cannot be used; its message is the Problem's reason."""


def read(
    txt_stream: BinaryIO,
    ann_stream: BinaryIO,
    name: str,
    ann_name: str,
    encoding: str | None = None,
) -> Iterator[RawDocument | Problem]:
    text, used = decode(txt_stream.read(), name, encoding)
    annotations = parse_ann(ann_stream.read(), ann_name)
    if annotations.problems:
        yield from annotations.problems
        return
    yield RawDocument(
        text=text,
        # Span lines are .ann lines, so messages about spans must name the .ann file.
        file=ann_name,
        title=title_of(text),
        metadata={**file_metadata(name, used), "annotations": PurePath(ann_name).name},
        spans=list(annotations.spans.values()),
        warnings=annotations.warnings(),
    )


def parse_ann(data: bytes, ann_name: str) -> Annotations:
    annotations = Annotations()
    later: list[tuple[int, str]] = []  # notes and attributes may precede their span
    for number, line in enumerate(_decode_ann(data, ann_name).split("\n"), start=1):
        line = line.removesuffix("\r")  # brat writes LF; tolerate a .ann saved with CRLF
        if not line.strip():
            continue
        if line.startswith(("#", "A", "M")):
            later.append((number, line))
        else:
            _guard(annotations, ann_name, number, _read_span_or_other, line)
    for number, line in later:
        _guard(annotations, ann_name, number, _read_note_or_attribute, line)
    annotations.problems.sort(key=lambda problem: problem.line)
    return annotations


def _guard(annotations: Annotations, ann_name: str, number: int, reader, line: str) -> None:
    try:
        reader(annotations, number, line)
    except BadLine as bad:
        annotations.problems.append(Problem(file=ann_name, line=number, reason=str(bad)))


def _decode_ann(data: bytes, ann_name: str) -> str:
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        return data[len(bom):].decode("utf-8")  # brat itself writes UTF-8
    except UnicodeDecodeError as error:
        reason = f"not valid UTF-8 ({describe_decode_error(error, skipped=len(bom))})"
        raise FormatError(Problem(file=ann_name, line=None, reason=reason)) from None


def _read_span_or_other(annotations: Annotations, number: int, line: str) -> None:
    ident = line.split("\t", 1)[0]
    if ident.startswith("T"):
        _read_span(annotations, number, line)
    elif ident[:1] in UNIMPORTED_KINDS and "\t" in line:
        annotations.unimported[UNIMPORTED_KINDS[ident[:1]]] += 1
    else:
        raise BadLine(f"not a brat annotation line: {_excerpt(line)}")


def _read_span(annotations: Annotations, number: int, line: str) -> None:
    fields = line.split("\t", 2)
    if len(fields) < 2:
        raise BadLine(f"not a brat annotation line: {_excerpt(line)}")
    ident = fields[0]
    label, _, offsets = fields[1].partition(" ")
    if ";" in offsets:
        annotations.unusable.add(ident)  # its notes and attributes need no second problem
        raise BadLine(f"discontinuous span {ident} ({offsets}) is not supported")
    bounds = offsets.split(" ")
    if not label or len(bounds) != 2 or not all(bound.isdigit() for bound in bounds):
        raise BadLine(f"malformed span {ident}: expected '{ident}<TAB>Label start end<TAB>text'")
    if ident in annotations.spans:
        raise BadLine(f"span {ident} is defined twice")
    text = fields[2] if len(fields) == 3 else None  # brat's copy of the text, to check against
    start, end = int(bounds[0]), int(bounds[1])
    annotations.spans[ident] = RawSpan(start, end, label, text=text, line=number)


def _read_note_or_attribute(annotations: Annotations, number: int, line: str) -> None:
    ident, _, rest = line.partition("\t")
    if ident.startswith("#"):
        _read_note(annotations, rest)
    else:
        _read_attribute(annotations, ident, rest)


def _read_note(annotations: Annotations, rest: str) -> None:
    """'#1<TAB>AnnotatorNotes T5<TAB>note text' becomes T5's note."""
    kind_and_target, _, note = rest.partition("\t")
    parts = kind_and_target.split(" ")
    if len(parts) != 2:
        expected = "'#1<TAB>AnnotatorNotes T1<TAB>note'"
        raise BadLine(f"malformed note: expected {expected}, got {_excerpt(rest)}")
    span = _span_for(annotations, parts[1])
    if span is None:
        annotations.unimported["note on a relation or event"] += 1
    else:
        span.note = f"{span.note}\n{note}" if span.note else note


def _read_attribute(annotations: Annotations, ident: str, rest: str) -> None:
    """'A1<TAB>Speaker T1 Le Drian' sets T1's speaker; other attributes are not kept."""
    attribute, _, target_and_value = rest.partition(" ")
    target, _, value = target_and_value.partition(" ")
    if not attribute or not target:
        raise BadLine(f"malformed attribute {ident}: expected '{ident}<TAB>Name T1 Value'")
    span = _span_for(annotations, target)
    if span is not None and attribute.lower() in SPAN_ATTRIBUTES:
        setattr(span, attribute.lower(), value)
    else:
        annotations.unimported["attribute"] += 1


def _span_for(annotations: Annotations, target: str) -> RawSpan | None:
    """The span a note or attribute is about; None if it is about a relation or event."""
    if not target.startswith("T") or target in annotations.unusable:
        return None
    if target not in annotations.spans:
        raise BadLine(f"refers to {target}, which is not defined")
    return annotations.spans[target]


def _excerpt(line: str) -> str:
    return repr(line if len(line) <= 40 else line[:40] + "…")
