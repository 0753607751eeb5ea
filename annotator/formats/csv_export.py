"""CSV for spreadsheets: one row per span, with the words around it for context.

Columns: document_id, title, source, published, url, span_id, label, start, end, text,
left_context, right_context, speaker, target, cue, note, annotator. Offsets are code
points. The file is UTF-8 with a byte order mark ("utf-8-sig"), without which Excel
reads UTF-8 as the local code page; the csv module quotes cells holding commas, quotes
or line breaks. The context columns show up to ``options.context`` characters either
side, each line break (a CRLF counts once) shown as "⏎" so a row reads on one line.

CSV injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
return, which some spreadsheets skip before looking) as a formula, so a span text such
as "=HYPERLINK(...)" could act when the file is opened. Such text cells get a leading
apostrophe, which spreadsheets hide and treat as "this is text". The cell then differs
from the span by that apostrophe; start and end still count the original text.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from ..core.model import Document, Span
from .export_base import ExportDoc, WriterOptions

SUFFIX = ".csv"
COLUMNS = ("document_id", "title", "source", "published", "url", "span_id", "label", "start",
           "end", "text", "left_context", "right_context", "speaker", "target", "cue", "note",
           "annotator")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_BREAK_SHOWN_AS = "⏎"
# where str.splitlines() breaks a line, a CRLF counting once
LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    guarded = 0  # cells that got an apostrophe
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(COLUMNS)
        for doc in docs:
            for span in doc.spans:
                cells = row(doc.document, span, options.context)
                safe = [defused(cell) for cell in cells]
                guarded += sum(1 for cell, kept in zip(cells, safe) if cell != kept)
                out.writerow(safe)
    return _defused_note(guarded)


def row(document: Document, span: Span, context: int) -> list:
    """The cells of one span's row, before defusing; ids not yet stored are empty."""
    text = document.text
    left = text[max(0, span.start - context):span.start]
    right = text[span.end:span.end + context]
    return [_or_empty(document.id), document.title, document.source, document.published,
            document.url, _or_empty(span.id), span.label, span.start, span.end, span.text,
            one_line(left), one_line(right), span.speaker, span.target, span.cue, span.note,
            span.annotator]


def _or_empty(value):
    return "" if value is None else value


def one_line(text: str) -> str:
    return LINE_BREAKS.sub(LINE_BREAK_SHOWN_AS, text)


def defused(value):
    """Text a spreadsheet would run as a formula, made plain text; numbers as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _defused_note(count: int) -> list[str]:
    if not count:
        return []
    return [f"{count} cell(s) began with = + - @, a tab or a carriage return; they got a "
            "leading apostrophe so spreadsheets do not run them as formulas"]
