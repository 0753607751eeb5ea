"""The annotation browser's view as CSV: one row per span, the same rows the view lists.

Like the dataset CSV (csv_export.py): UTF-8 with a byte order mark so that Excel
reads it as UTF-8, contexts on one line (each line break shown as ⏎), the span text
exact, and any text cell that a spreadsheet would run as a formula (starting with
= + - @, a tab or a carriage return) given a leading apostrophe. The file is
written under a temporary name beside the destination and renamed into place, so it
appears whole or not at all.
"""
from __future__ import annotations

import csv
import os
import secrets
from pathlib import Path
from typing import Iterable

from ..core.concordance import BrowserRow
from .csv_export import defused, one_line

COLUMNS = ("label", "left_context", "text", "right_context", "speaker", "target", "cue", "note",
           "document_id", "document_title", "annotator", "span_id", "start", "end")


def write_view(rows: Iterable[BrowserRow], destination: Path) -> int:
    """Write ``rows`` to ``destination`` atomically; return how many were written."""
    destination = Path(destination)
    handle, temporary = _new_temporary(destination)
    try:
        with open(handle, "w", encoding="utf-8-sig", newline="") as stream:
            written = _write_rows(csv.writer(stream), rows)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _new_temporary(destination: Path) -> tuple[int, str]:
    """A new file beside ``destination``, with the permissions any file the user writes
    gets (mkstemp's were the owner's only: a shared CSV became private)."""
    while True:
        temporary = destination.with_name(f".{destination.name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), str(temporary)
        except FileExistsError:
            continue  # another name: never write over a file that is there


def _write_rows(out, rows: Iterable[BrowserRow]) -> int:
    out.writerow(COLUMNS)
    written = 0
    for row in rows:
        out.writerow([defused(cell) for cell in cells(row)])
        written += 1
    return written


def cells(row: BrowserRow) -> list:
    """One span's cells, in COLUMNS order, before guarding against formulas."""
    return [row.label, one_line(row.left), row.text, one_line(row.right), row.speaker,
            row.target, row.cue, row.note, row.document_id, row.document_title, row.annotator,
            row.span_id, row.start, row.end]
