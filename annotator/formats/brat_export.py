"""brat standoff: per document a .txt holding the text exactly and a .ann of its spans,
plus an annotation.conf naming the labels, so brat opens the folder as it is.

    <stem>.txt         the text as UTF-8 bytes, no newline translation
    <stem>.ann         T1<TAB>claim 66 98<TAB>the talks were ...
                       #1<TAB>AnnotatorNotes T1<TAB>speaker=Le Drian; cue=said; note=...
    annotation.conf    [entities] with the labels used

The stem is the document id, zero-padded, and a slug of the title. A target ending in
".zip" gets the same files in a zip archive instead of a folder.

brat cannot hold a line break inside a span: like brat itself, a span crossing line
breaks is written as fragments ("0 5;6 12") around them, its text column their texts
joined by a space; our reader joins such fragments back into one span. Line breaks at a
span's very start or end cannot be kept and are left out (the notes count them). brat
attribute values cannot hold spaces, so speaker, target and cue travel in the
AnnotatorNotes as "key=value" fields, with ";" and "\\" escaped by a backslash.
Offsets are code points, brat's unit.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.model import Span
from .brat import LINE_BREAKS, NOTE_KEYS, parse_note_fields
from .export_base import ExportDoc, WriterOptions

SUFFIX = ""
CONF_NAME = "annotation.conf"
SLUG_LENGTH = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_WHITESPACE = re.compile(r"\s")


NOTES = {
    "edge_breaks": "{} span(s) began or ended with a line break; brat spans cannot hold "
                   "line breaks, so those breaks were left out of the span",
    "only_breaks": "{} span(s) held nothing but line breaks and were left out",
    "flattened": "{} span(s) had line breaks in a note, speaker, target or cue; brat notes "
                 "are one line, so they became spaces",
    "carriage_returns": "{} document(s) contain carriage returns (\\r); brat reads .txt "
                        "files with universal newlines, so its offsets drift in them (brat "
                        "issue #853); our importer reads them exactly",
    "nul": "{} document(s) contain NUL characters; import them back with --encoding utf-8 "
           "(a .txt holding NUL bytes looks binary to detection)",
}


class Tally(Counter):
    """What could not be written as it is, counted for the notes."""

    def notes(self) -> list[str]:
        return [NOTES[key].format(self[key]) for key in NOTES if self[key]]


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    tally = Tally()
    with _files_in(target) as save:
        for position, doc in enumerate(docs, 1):
            stem = file_stem(doc, position)
            save(f"{stem}.txt", doc.document.text.encode("utf-8"))  # exact: no newline translation
            save(f"{stem}.ann", ann_text(doc.spans, doc.document.text, tally).encode("utf-8"))
            _count_text_traps(doc.document.text, tally)
        labels = sorted({span.label for doc in docs for span in doc.spans})
        save(CONF_NAME, annotation_conf(labels).encode("utf-8"))
    return tally.notes() + _renamed_labels_note(labels)


def file_stem(doc: ExportDoc, position: int) -> str:
    number = doc.document.id if doc.document.id is not None else position
    slug = slugify(doc.document.title)
    return f"{number:06d}-{slug}" if slug else f"{number:06d}"


def slugify(title: str) -> str:
    """ASCII letters and digits of the title, lower-cased, words joined by "-"."""
    ascii_only = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-")


def ann_text(spans: list[Span], text: str, tally: Tally) -> str:
    lines, written, notes = [], 0, 0
    for span in spans:
        fragments = fragments_of(text, span.start, span.end)
        if not fragments:
            tally["only_breaks"] += 1
            continue
        if fragments[0][0] != span.start or fragments[-1][1] != span.end:
            tally["edge_breaks"] += 1
        written += 1
        lines.append(_span_line(f"T{written}", span.label, fragments, text))
        note = _note_content(span, tally)
        if note:
            notes += 1
            lines.append(f"#{notes}\tAnnotatorNotes T{written}\t{note}")
    return "".join(line + "\n" for line in lines)


def fragments_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of [start, end) between line breaks; empty stretches dropped."""
    fragments, cursor = [], start
    for found in LINE_BREAKS.finditer(text, start, end):
        if found.start() > cursor:
            fragments.append((cursor, found.start()))
        cursor = found.end()
    if end > cursor:
        fragments.append((cursor, end))
    return fragments


def brat_label(label: str) -> str:
    return _WHITESPACE.sub("_", label)


def annotation_conf(labels: list[str]) -> str:
    entities = "".join(brat_label(label) + "\n" for label in labels)
    return ("# The labels of this annotator export, so brat can open the folder as it is.\n"
            f"[entities]\n{entities}[relations]\n[events]\n[attributes]\n")


def _span_line(ident: str, label: str, fragments: list[tuple[int, int]], text: str) -> str:
    offsets = ";".join(f"{start} {end}" for start, end in fragments)
    covered = " ".join(text[start:end] for start, end in fragments)
    return f"{ident}\t{brat_label(label)} {offsets}\t{covered}"


def _note_content(span: Span, tally: Tally) -> str:
    """A plain note as it is; with a speaker, target or cue (or a note that would read
    back as fields), "key=value" fields. Line breaks become spaces: one line per note."""
    values = {key: getattr(span, key) for key in NOTE_KEYS if getattr(span, key)}
    flat = {key: LINE_BREAKS.sub(" ", value) for key, value in values.items()}
    if flat != values:
        tally["flattened"] += 1
    if set(flat) == {"note"} and parse_note_fields(flat["note"]) is None:
        return flat["note"]
    return "; ".join(f"{key}={_escape(value)}" for key, value in flat.items())


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;")


def _count_text_traps(text: str, tally: Tally) -> None:
    tally["carriage_returns"] += "\r" in text
    tally["nul"] += "\x00" in text


def _renamed_labels_note(labels: list[str]) -> list[str]:
    renamed = [f"{label!r} as {brat_label(label)!r}" for label in labels
               if brat_label(label) != label]
    if not renamed:
        return []
    return [f"brat label names cannot hold spaces: wrote {', '.join(renamed)}; rename the "
            "label in the project (or in the files) before importing them back"]


@contextmanager
def _files_in(target: Path) -> Iterator[Callable[[str, bytes], object]]:
    """A function saving (name, bytes) into a zip archive if the target ends in .zip,
    else into the target folder; files are written as they come, not held in memory."""
    if target.suffix.lower() == ".zip":
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            yield archive.writestr
        return
    target.mkdir(parents=True, exist_ok=True)
    yield lambda name, data: (target / name).write_bytes(data)
