"""Prodigy / spaCy JSONL: one accepted task per document, with tokens and spans.

    {"text", "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "token_start", "token_end", "label", "text",
                "speaker", "target", "cue", "note", "annotator"}],
     "answer": "accept", "meta": {title, source, url, author, published, ...metadata}}

Offsets are always code points (Prodigy's unit); ``token_end`` is INCLUSIVE, as in
Prodigy. The words come from syntok, which keeps exact offsets into the text; the
whitespace between them is kept as spaCy keeps it, because Prodigy's tokens are spaCy's
and consumers rebuild a Doc from them (``Doc(vocab, words, spaces)`` with "ws" as the
space): one space (U+0020) right after a word is that word's "ws"; every other stretch of
whitespace (a line break, a tab, a no-break space, a second space) is a token of its
own, "ws" false. So the tokens and their "ws" spell the text exactly, and token offsets
are the Doc's. A span keeps its exact character offsets even when its edges fall inside
a token; its token_start and token_end then name the tokens it overlaps, and the writer
says how many spans are like that. Prodigy ignores the extra span keys; our reader
(formats/jsonl.py) reads them.
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
    no_token: int = 0  # covers only the one space after a word, which no token holds

    def notes(self) -> list[str]:
        notes = []
        if self.off_boundary:
            notes.append(f"{self.off_boundary} span(s) do not start and end on token "
                         "boundaries: they keep their exact character offsets, and their "
                         "token_start/token_end name the tokens they overlap")
        if self.no_token:
            notes.append(f"{self.no_token} span(s) cover no token (only the space after a "
                         "token, its \"ws\"): they have no token_start/token_end")
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
    """The CoNLL export's words (syntok's, never cutting a character cluster), so both
    exports of one project agree, with the whitespace between them as spaCy's tokens
    hold it: nothing of the text is left out but the one space after a word."""
    words = [bounds for sentence in sentences(text) for bounds in sentence]
    tokens: list[Token] = []
    position = 0  # where the text not yet in a token starts
    for start, end in [*words, (len(text), len(text))]:  # the last: whitespace at the end
        if tokens and position < start and text[position] == " ":
            position += 1  # the word before has it as its "ws"
        if position < start:
            tokens.append(Token(text[position:start], position, start))
        if start < end:
            tokens.append(Token(text[start:end], start, end))
        position = end
    return tokens


def _token_item(token: Token, number: int, text: str) -> dict:
    # a whitespace token runs up to the next word, so only a word is followed by a space
    return {"text": token.text, "start": token.start, "end": token.end, "id": number,
            "ws": text.startswith(" ", token.end)}


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

