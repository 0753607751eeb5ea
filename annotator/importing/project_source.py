"""Another analyst's project file as an import source (merging their work into ours).

The file is only read: it is opened read-only, never migrated, so a colleague's
project is left exactly as it came. Documents come out as RawDocuments with their
spans, each span keeping its annotator, and with the lead's adjudication decisions
(where nothing goes into gold); the import service then matches texts by checksum and
adds only the spans and decisions not yet present, so merging twice changes nothing.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from ..core.offsets import CODEPOINT
from ..formats.records import FormatError, Problem, RawDecision, RawDocument, RawSpan
from ..store.opening import ProjectError, inspect_existing, read_only_connection

DOCUMENT_COLUMNS = ("id", "title", "text", "source", "url", "author", "published",
                    "metadata", "status")
SPAN_COLUMNS = ("document_id", "start", "end", "label", "text", "speaker", "target", "cue",
                "note", "annotator")
DECISION_COLUMNS = ("document_id", "start", "end", "verdict", "annotator", "created")


def read_project(path: Path) -> Iterator[RawDocument]:
    """Every document of the project at ``path`` with its spans, in document order."""
    name = str(path)
    _require_project(path)
    try:
        connection = read_only_connection(path)
        try:
            yield from _documents(connection, name)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise FormatError(Problem(name, None, f"the project file cannot be read ({error})")) from None


def _require_project(path: Path) -> None:
    try:
        kind = inspect_existing(path)
    except ProjectError as error:
        raise FormatError(Problem(str(path), None, _without_path(str(error), path))) from None
    if kind != "project":
        raise FormatError(Problem(str(path), None, "an empty project file: nothing to merge"))


def _without_path(message: str, path: Path) -> str:
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _documents(connection: sqlite3.Connection, name: str) -> Iterator[RawDocument]:
    documents = connection.execute(
        f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents ORDER BY id")
    quoted = ", ".join(f'"{column}"' for column in SPAN_COLUMNS)
    spans = connection.execute(f'SELECT {quoted} FROM spans ORDER BY document_id, start, "end", id')
    by_document = groupby(spans, key=itemgetter(0))
    group = next(by_document, None)
    decisions = _decisions_by_document(connection)
    for row in documents:
        values = dict(zip(DOCUMENT_COLUMNS, row))
        found: list[RawSpan] = []
        if group is not None and group[0] == values["id"]:
            found = [_span(span_row) for span_row in group[1]]
            group = next(by_document, None)
        document = _document(values, found, name)
        document.decisions = decisions.get(values["id"], [])
        yield document


def _decisions_by_document(connection: sqlite3.Connection) -> dict[int, list[RawDecision]]:
    """The lead's decisions, by document; none in a project made before adjudication
    (schema steps up to 0004: the file is read as it is, never migrated)."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'decisions'").fetchone()
    if not has_table:
        return {}
    quoted = ", ".join(f'"{column}"' for column in DECISION_COLUMNS)
    found: dict[int, list[RawDecision]] = {}
    for document_id, start, end, verdict, annotator, created in connection.execute(
            f'SELECT {quoted} FROM decisions ORDER BY document_id, start, "end", id'):
        found.setdefault(document_id, []).append(
            RawDecision(start, end, verdict, annotator or "", created or ""))
    return found


def _document(values: dict, spans: list[RawSpan], name: str) -> RawDocument:
    return RawDocument(
        text=values["text"], file=f"{name} (document {values['id']})", line=None,
        title=values["title"] or "", source=values["source"] or "", url=values["url"] or "",
        author=values["author"] or "", published=values["published"] or "",
        metadata=_metadata(values["metadata"]), status=values["status"], spans=spans,
        offset_unit=CODEPOINT)


def _metadata(stored: str | None) -> dict:
    try:
        value = json.loads(stored or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _span(row: tuple) -> RawSpan:
    _, start, end, label, text, speaker, target, cue, note, annotator = row
    return RawSpan(start=start, end=end, label=label, text=text, speaker=speaker or "",
                   target=target or "", cue=cue or "", note=note or "",
                   annotator=annotator or "")
