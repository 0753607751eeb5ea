"""Export a project's documents and spans to a dataset file.

Files appear whole or not at all: they are written to a temporary name in the
target folder, flushed to disk, and renamed over the target.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, TextIO

from .core.model import STATUSES, ContractError, check_span_against
from .core.offsets import CODEPOINT, UNITS
from .formats import native
from .store import Project

FORMATS = ("jsonl",)


class ExportError(Exception):
    """The export cannot be made; nothing was written. The message is for users."""


@dataclass
class ExportResult:
    path: Path
    documents: int = 0
    spans: int = 0
    by_label: Counter = field(default_factory=Counter)


def parse_statuses(value: str) -> list[str] | None:
    """'done', 'done,in-progress' or 'any' (None: every status)."""
    names = [part.strip() for part in value.split(",") if part.strip()]
    if not names or "any" in names:
        return None
    unknown = [name for name in names if name not in STATUSES]
    if unknown:
        raise ExportError(f"unknown status {unknown[0]!r}; use one of {', '.join(STATUSES)} or any")
    return names


def export(project: Project, out: Path, fmt: str = "jsonl", statuses: list[str] | None = ("done",),
           offset_unit: str = CODEPOINT) -> ExportResult:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; this version exports {', '.join(FORMATS)}")
    if offset_unit not in UNITS:
        raise ExportError(f"unknown offset unit {offset_unit!r}; use one of {', '.join(UNITS)}")
    _refuse_empty_selection(project, statuses)
    result = ExportResult(Path(out))
    with atomic_text_file(Path(out)) as stream:
        result.documents = native.write(stream, _selected(project, statuses, result), offset_unit)
    return result


def _selected(project: Project, statuses, result: ExportResult):
    for document in project.documents(statuses):
        spans = project.spans(document.id)
        for span in spans:
            try:
                check_span_against(document.text, span)
            except ContractError as error:
                raise ContractError(f"document {document.id} ({document.title}): {error}") from None
        result.spans += len(spans)
        result.by_label.update(span.label for span in spans)
        yield document, spans


def _refuse_empty_selection(project: Project, statuses) -> None:
    if project.document_count(statuses):
        return
    chosen = "any status" if statuses is None else "status " + ", ".join(statuses)
    message = f"no documents with {chosen} in {project.path}; nothing was written"
    others = project.count_documents_with_spans()
    if statuses is not None and others:
        message += (f". {others} document(s) with other statuses hold spans: "
                    "use --status any (or --status in-progress)")
    raise ExportError(message)


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException as error:
        os.unlink(temp)
        if isinstance(error, ContractError):
            raise ExportError(f"export stopped, nothing was written: {error}") from None
        raise
