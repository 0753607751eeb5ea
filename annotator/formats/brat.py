"""brat standoff: a .txt document beside a .ann file of annotations.

A document is imported whole or not at all: if any .ann line cannot be used (malformed,
or a discontinuous span this project cannot represent), only Problems are yielded.
Offsets are kept as brat wrote them; brat reads .txt files with universal newlines, so
spans in CRLF files drift (brat issue #853), which the import service detects.

brat never puts a line break inside a span: a span crossing lines becomes fragments
("0 5;6 12") around the breaks. Fragments separated by nothing but line breaks are read
back as one span, from the first start to the last end; other discontinuous spans are
not supported. An AnnotatorNotes text made of "key=value" fields separated by "; "
(speaker, target, cue, note; "\\;" and "\\\\" escaped) sets those span attributes, as
annotator's brat export writes them; any other note is the span's note.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from annotator.core.selection import shortened
from annotator.formats.decoding import decode, describe_decode_error
from annotator.formats.jsonl import not_imported
from annotator.formats.records import FormatError, Problem, RawDocument, RawSpan
from annotator.formats.text import file_metadata, title_of

SPAN_ATTRIBUTES = ("speaker", "target", "cue")  # A lines this project keeps, any case
NOTE_KEYS = ("speaker", "target", "cue", "note")  # fields an AnnotatorNotes text may set
# Where str.splitlines() breaks a line (a CRLF counts once): no brat span or .ann field
# may hold one, because line-based readers, brat's own among them, split there.
LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ONLY_LINE_BREAKS = re.compile(f"(?:{LINE_BREAKS.pattern})*")
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
    text: str | None = None  # the document text, to check fragments against

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
    text, used = _decode_text(txt_stream.read(), name, encoding)
    annotations = parse_ann(ann_stream.read(), ann_name, text)
    if annotations.problems:
        yield from annotations.problems
        return
    yield RawDocument(
        text=text,
        # Span lines are .ann lines, so messages about spans must name the .ann file.
        file=ann_name,
        title=title_of(text.removeprefix("\ufeff")),
        metadata={**file_metadata(name, used), "annotations": PurePath(ann_name).name},
        spans=list(annotations.spans.values()),
        warnings=annotations.warnings(),
        format_unit="codepoint",  # brat counts code points (Python string indices)
    )


def _decode_text(data: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    """The .txt as brat reads it: brat opens it as plain UTF-8, so a byte order mark is
    character 0 and every brat offset counts it; it must stay in the text."""
    if data.startswith(codecs.BOM_UTF8) and _means_utf8(encoding):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass  # decode() says where the bad bytes are
    return decode(data, name, encoding)


def _means_utf8(encoding: str | None) -> bool:
    if encoding is None:
        return True
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False  # decode() reports the unknown encoding


def parse_ann(data: bytes, ann_name: str, text: str | None = None) -> Annotations:
    """The .ann's annotations; without the document ``text`` no fragments can be joined."""
    annotations = Annotations(text=text)
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
    text = fields[2] if len(fields) == 3 else None  # brat's copy of the text, to check against
    if ";" in offsets:
        start, end, text = _joined_fragments(annotations, ident, offsets, text)
    else:
        start, end = _bounds(ident, offsets)
    if not label:
        raise BadLine(_malformed(ident))
    if ident in annotations.spans:
        raise BadLine(f"span {ident} is defined twice")
    annotations.spans[ident] = RawSpan(start, end, label, text=text, line=number)


def _bounds(ident: str, offsets: str) -> tuple[int, int]:
    bounds = offsets.split(" ")
    # isascii: "²".isdigit() is true, but int() refuses it
    if len(bounds) != 2 or not all(b.isascii() and b.isdigit() for b in bounds):
        raise BadLine(_malformed(ident))
    return int(bounds[0]), int(bounds[1])


def _malformed(ident: str) -> str:
    return f"malformed span {ident}: expected '{ident}<TAB>Label start end<TAB>text'"


def _joined_fragments(annotations: Annotations, ident: str, offsets: str,
                      column: str | None) -> tuple[int, int, str]:
    """One span (start, end, text) from fragments that only line breaks separate."""
    annotations.unusable.add(ident)  # until it proves usable: no second problem for its notes
    fragments = [_bounds(ident, part) for part in offsets.split(";")]
    text = annotations.text
    if text is None or not _only_line_breaks_between(text, fragments):
        raise BadLine(f"discontinuous span {ident} ({offsets}) is not supported")
    covered = " ".join(text[start:end] for start, end in fragments)
    if column is not None and column != covered:
        raise BadLine(f"span {ident}: its text {_excerpt(column)} does not match the "
                      f"document at {offsets} ({_excerpt(covered)})")
    annotations.unusable.discard(ident)
    start, end = fragments[0][0], fragments[-1][1]
    return start, end, text[start:end]


def _only_line_breaks_between(text: str, fragments: list[tuple[int, int]]) -> bool:
    if any(not start < end <= len(text) for start, end in fragments):
        return False
    gaps = zip((end for _, end in fragments), (start for start, _ in fragments[1:]))
    return all(before <= after and _ONLY_LINE_BREAKS.fullmatch(text, before, after)
               for before, after in gaps)


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
        return
    for key, value in (parse_note_fields(note) or {"note": note}).items():
        if key == "note":
            span.note = f"{span.note}\n{value}" if span.note else value
        else:
            setattr(span, key, value)


def parse_note_fields(note: str) -> dict[str, str] | None:
    """'speaker=Le Drian; cue=said' as {"speaker": "Le Drian", "cue": "said"}; None if
    the note is not made only of distinct known fields (then it is a plain note)."""
    values: dict[str, str] = {}
    for number, field_text in enumerate(_unescaped_fields(note)):
        if number:
            field_text = field_text.removeprefix(" ")  # fields are joined by "; "
        key, equals, value = field_text.partition("=")
        if not equals or key not in NOTE_KEYS or key in values:
            return None
        values[key] = value
    return values


def _unescaped_fields(note: str) -> list[str]:
    """Split at each ";" that no backslash escapes; a backslash keeps the next character."""
    fields, current, chars = [], [], iter(note)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == ";":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


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
    return repr(shortened(line, 41))
