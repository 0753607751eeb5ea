"""Prodigy / spaCy JSONL: one accepted task per document, with tokens and spans.

    {"text", "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "token_start", "token_end", "label", "text",
                "speaker", "target", "cue", "note", "annotator"}],
     "answer": "accept", "meta": {title, source, url, author, published, ...metadata}}

Offsets are always code points (Prodigy's unit); ``token_end`` is INCLUSIVE, as in
Prodigy. Tokens come from syntok, which keeps exact offsets into the text. A span keeps
its exact character offsets even when its edges fall inside a token; its token_start and
token_end then name the tokens it overlaps, and the writer says how many spans are like
that. Prodigy ignores the extra span keys; our reader (formats/jsonl.py) reads them.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from ..core.model import Span
from .doccano_export import document_facts
from .conll_export import sentences
from .export_base import ExportDoc, WriterOptions
from .native import dumps_line

SUFFIX = ".jsonl"
SPAN_ATTRIBUTES = ("speaker", "target", "cue", "note", "annotator")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


class TokenIndex:
    """A document's tokens with their edges listed once, for binary search per span."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self._starts = [token.start for token in tokens]
        self._ends = [token.end for token in tokens]

    def overlapped(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last token sharing a character with [start, end);
        first > last when none does. Tokens are sorted and never overlap."""
        return bisect_right(self._ends, start), bisect_left(self._starts, end) - 1


@dataclass
class Tally:
    """Spans that Prodigy's token view cannot show exactly, for the notes."""

    off_boundary: int = 0  # an edge falls inside a token or between tokens
    no_token: int = 0  # covers only characters no token holds (whitespace)

    def notes(self) -> list[str]:
        notes = []
        if self.off_boundary:
            notes.append(f"{self.off_boundary} span(s) do not start and end on token "
                         "boundaries: they keep their exact character offsets, and their "
                         "token_start/token_end name the tokens they overlap")
        if self.no_token:
            notes.append(f"{self.no_token} span(s) cover no token (only spaces or line "
                         "breaks): they have no token_start/token_end")
        return notes


def write(docs: list[ExportDoc], target: Path, options: WriterOptions) -> list[str]:
    tally = Tally()
    with target.open("w", encoding="utf-8", newline="\n") as stream:
        for doc in docs:
            stream.write(dumps_line(task(doc, tally)) + "\n")
    return tally.notes()


def task(doc: ExportDoc, tally: Tally | None = None) -> dict:
    tally = tally if tally is not None else Tally()
    text = doc.document.text
    index = TokenIndex(tokenize(text, doc.document.id))
    return {
        "text": text,
        "tokens": [_token_item(token, number, text) for number, token in enumerate(index.tokens)],
        "spans": [_span_item(span, index, tally) for span in doc.spans],
        "answer": "accept",
        "meta": document_facts(doc.document),
    }


def tokenize(text: str, document_id: int | None = None) -> list[Token]:
    """The same tokens as the CoNLL export (syntok's, never cutting a character cluster,
    nothing lost between them), so both exports of one project agree."""
    return [Token(text[start:end], start, end)
            for sentence in sentences(text) for start, end in sentence]


def _token_item(token: Token, number: int, text: str) -> dict:
    follows = text[token.end:token.end + 1]
    return {"text": token.text, "start": token.start, "end": token.end, "id": number,
            "ws": follows.isspace()}


def _span_item(span: Span, index: TokenIndex, tally: Tally) -> dict:
    item = {"start": span.start, "end": span.end}
    first, last = index.overlapped(span.start, span.end)
    if first > last:
        tally.no_token += 1
    else:
        item.update(token_start=first, token_end=last)
        if index.tokens[first].start != span.start or index.tokens[last].end != span.end:
            tally.off_boundary += 1
    item.update(label=span.label, text=span.text)
    item.update({name: getattr(span, name) for name in SPAN_ATTRIBUTES})
    return item

