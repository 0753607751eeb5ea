"""The annotation browser (a concordance, keyword in context) as plain data.

A ``BrowserQuery`` says which spans to list and in what order; a ``BrowserRow`` is one
span with the words around it. Contexts are cut in code points, like every offset,
and widened just enough never to split a character cluster (a flag, an accent, a
CRLF), so ``left + text + right`` is always a slice of the document's text.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import ContractError
from .selection import cluster_safe

SORT_KEYS = ("document", "label", "speaker", "text")
CONTEXT_CHARACTERS = 60


@dataclass(frozen=True)
class BrowserQuery:
    labels: tuple[str, ...] = ()  # empty: every label
    speaker: str = ""  # empty: any speaker
    speaker_exact: bool = False  # the whole speaker, else contained in it (ASCII case ignored)
    speaker_missing: bool = False  # only spans no speaker is named for (speaker is then ignored)
    text: str = ""  # contained in the span text, ASCII case ignored
    annotator: str = ""  # exactly this annotator; empty: any
    sort: str = "document"  # one of SORT_KEYS; ties go in document order
    descending: bool = False

    def __post_init__(self):
        if self.sort not in SORT_KEYS:
            raise ContractError(f"unknown sort {self.sort!r}; expected one of {', '.join(SORT_KEYS)}")
        object.__setattr__(self, "labels", tuple(self.labels))


@dataclass(frozen=True)
class BrowserRow:
    span_id: int
    document_id: int
    document_title: str
    label: str
    start: int
    end: int
    left: str  # the characters just before the span
    text: str
    right: str  # the characters just after it
    speaker: str
    target: str
    cue: str
    note: str
    annotator: str


def contexts(text: str, start: int, end: int, width: int = CONTEXT_CHARACTERS) -> tuple[str, str]:
    """About ``width`` characters either side of ``text[start:end]``, never cutting a cluster."""
    first, last = cluster_safe(text, max(0, start - width), min(len(text), end + width))
    return text[first:start], text[end:last]
