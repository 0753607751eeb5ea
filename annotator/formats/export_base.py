"""What every exporter receives and returns.

An exporter is a module in annotator/formats with

    SUFFIX: str       the file name ending of one export file (".jsonl"), or "" for a folder
    write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]

``write`` creates ``target`` (a file, or a folder when SUFFIX is "") and returns notes
for the user (spans widened to token boundaries, overlaps left out of BIO, ...). The
export service has already checked every span's offsets, chooses ``target`` as a
temporary name and renames it when everything was written, so a writer never worries
about half-written files. A writer raises WriteError to stop the export.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Document, Span


@dataclass
class WriterOptions:
    offset_unit: str = "codepoint"  # for the JSON formats: codepoint, utf16 or utf8
    alignment: str = "strict"  # spaCy token alignment: strict, contract or expand
    doccano_variant: str = "label"  # doccano: "label" ([start, end, label]) or "entities"
    span_key: str = "sc"  # spaCy: doc.spans[span_key]
    context: int = 60  # CSV: characters of context left and right


@dataclass(frozen=True)
class ExportDoc:
    document: Document
    spans: list[Span] = field(default_factory=list)  # in text order


class WriteError(ValueError):
    """The export cannot be written as asked; the message says why, for users."""
