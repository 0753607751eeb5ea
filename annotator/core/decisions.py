"""The lead's adjudication decisions as plain data, and whose spans are compared.

Accepting a version needs no record of its own: the gold spans are the record. What
needs one is the decision that *nothing* in a stretch of text belongs in gold, since
it leaves no span behind; without it the stretch would look undecided for ever.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .layers import GOLD
from .model import Span

VERDICTS = ("rejected",)


@dataclass(frozen=True)
class Decision:
    """The lead's verdict on a stretch of a document where annotators disagreed."""
    document_id: int
    start: int
    end: int  # end exclusive, like spans
    verdict: str = "rejected"
    annotator: str = ""  # who decided (the lead at the keyboard)
    id: int | None = None
    created: str = ""


def decision_problem(start, end, verdict, length: int) -> str | None:
    """Why a decision on [start, end) cannot stand in a text of ``length`` characters,
    or None: the one rule, for the store and for decisions merged from another file."""
    if verdict not in VERDICTS:
        return f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}"
    for value in (start, end):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"offset {value!r} is not a whole number"
    if not 0 <= start < end <= length:
        return f"not within the document's {length} characters"
    return None


def compared_annotators(spans: Iterable[Span]) -> list[str]:
    """Everyone with spans among ``spans`` except gold (and unnamed spans), in name order:
    the annotators an adjudication compares unless told otherwise."""
    return sorted({span.annotator for span in spans} - {GOLD, ""})
