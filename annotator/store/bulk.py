"""Storing many new documents with their spans at once: the import's insert path.

``Project.add_document`` stores one document through sqlite-utils, which looks the
table up, builds its INSERT and reads the document back, every time: fine for one,
most of the cost for 10,000. Here the statements are built once and the spans go
in with one ``executemany``. The checks stay: every span is checked against its
document's text (the offset contract), labels by the foreign key, a text's sha256
by its UNIQUE column.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..core.model import Document, Span, check_span_against, now_iso
from .project import DOCUMENT_FIELDS, Project, _document_row

SHA_LOOKUP_CHUNK = 500  # well under SQLite's limit on host parameters
SPAN_INSERT_FIELDS = ("document_id", "start", "end", "label", "text", "speaker", "target",
                      "cue", "note", "annotator", "created", "updated")  # _span_values' order
INSERT_DOCUMENT = (f"INSERT INTO documents ({', '.join(DOCUMENT_FIELDS)}) "
                   f"VALUES ({', '.join('?' for _ in DOCUMENT_FIELDS)})")
_QUOTED_SPAN_FIELDS = ", ".join(f'"{name}"' for name in SPAN_INSERT_FIELDS)  # "end" is a keyword
INSERT_SPAN = (f"INSERT INTO spans ({_QUOTED_SPAN_FIELDS}) "
               f"VALUES ({', '.join('?' for _ in SPAN_INSERT_FIELDS)})")


def ids_by_sha256(project: Project, hashes: Iterable[str]) -> dict[str, int]:
    """The id of each document already stored under one of ``hashes``."""
    wanted, found = list(dict.fromkeys(hashes)), {}
    for first in range(0, len(wanted), SHA_LOOKUP_CHUNK):
        chunk = wanted[first:first + SHA_LOOKUP_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(project.conn.execute(
            f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks})", chunk).fetchall())
    return found


def add_documents(project: Project, items: Sequence[tuple[Document, list[Span]]]) -> list[int]:
    """Store new documents with their spans, all or nothing; their ids, in order.

    Like ``Project.add_document`` for each: a document given with spans and status
    "new" is stored "in-progress"; spans keep their own times if they have them.
    """
    for document, spans in items:  # before writing anything: nothing half-written
        _check_spans(document.text, spans)
    stamp = now_iso()
    connection = project.conn
    ids, span_rows = [], []
    with project.transaction():
        for document, spans in items:
            row = _document_row(document, created=stamp, updated=stamp)
            if spans and document.status == "new":
                row["status"] = "in-progress"
            document_id = connection.execute(
                INSERT_DOCUMENT, [row[name] for name in DOCUMENT_FIELDS]).lastrowid
            ids.append(document_id)
            span_rows.extend(_span_values(document_id, span, stamp) for span in spans)
        connection.executemany(INSERT_SPAN, span_rows)
    return ids


def _check_spans(text: str, spans: list[Span]) -> None:
    """The offset contract for each span; the passing case tested inline (100,000
    spans make a function call each count), a failing one explained by the model."""
    length = len(text)
    for span in spans:
        start, end = span.start, span.end
        if not (0 <= start < end <= length and text[start:end] == span.text):
            check_span_against(text, span)  # raises, saying what is wrong


def _span_values(document_id: int, span: Span, stamp: str) -> tuple:
    # spelled out, not a loop over SPAN_ATTRIBUTES: this runs for every span imported
    return (document_id, span.start, span.end, span.label, span.text, span.speaker or "",
            span.target or "", span.cue or "", span.note or "", span.annotator or "",
            span.created or stamp, span.updated or stamp)
