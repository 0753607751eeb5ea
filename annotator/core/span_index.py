"""Find the spans over a stretch of text quickly, as the view paints or the mouse moves.

Spans are filed in fixed-size buckets of the text they touch, so asking for
what lies on screen costs in proportion to what is there, not to the whole
document, and adding or removing one span touches only its own buckets.
"""
from __future__ import annotations

from bisect import insort
from typing import Iterable, Iterator

from .model import Span

BUCKET = 2048


def _order(span: Span) -> tuple:
    return (span.start, -span.end, span.id or 0)


class SpanIndex:
    def __init__(self, spans: Iterable[Span] = ()):
        self._spans: dict[int, Span] = {}
        self._buckets: dict[int, set[int]] = {}
        self._ordered: list[tuple] | None = None
        for span in spans:
            self.add(span)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, span_id: int) -> bool:
        return span_id in self._spans

    def get(self, span_id: int) -> Span | None:
        return self._spans.get(span_id)

    def add(self, span: Span) -> None:
        if span.id in self._spans:
            self.remove(span.id)
        self._spans[span.id] = span
        for bucket in self._bucket_range(span.start, span.end):
            self._buckets.setdefault(bucket, set()).add(span.id)
        if self._ordered is not None:
            insort(self._ordered, (*_order(span), span.id))

    def remove(self, span_id: int) -> None:
        span = self._spans.pop(span_id, None)
        if span is None:
            return
        for bucket in self._bucket_range(span.start, span.end):
            self._buckets[bucket].discard(span_id)
        self._ordered = None

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans sharing at least one character with [start, end), in text order."""
        ids = set()
        for bucket in self._bucket_range(start, max(end, start + 1)):
            ids.update(self._buckets.get(bucket, ()))
        found = [self._spans[i] for i in ids
                 if self._spans[i].start < max(end, start + 1) and self._spans[i].end > start]
        return sorted(found, key=_order)

    def at(self, position: int) -> list[Span]:
        """Spans covering the character at ``position``, outermost first."""
        return self.overlapping(position, position + 1)

    def in_order(self) -> list[Span]:
        if self._ordered is None:
            self._ordered = sorted((*_order(s), s.id) for s in self._spans.values())
        return [self._spans[key[-1]] for key in self._ordered]

    def depth(self, span: Span) -> int:
        """How many other spans enclose this one (0 for an outermost span)."""
        return sum(1 for other in self.overlapping(span.start, span.end)
                   if other.id != span.id and other.start <= span.start and other.end >= span.end
                   and _order(other) < _order(span))

    def __iter__(self) -> Iterator[Span]:
        return iter(self.in_order())

    @staticmethod
    def _bucket_range(start: int, end: int) -> range:
        return range(start // BUCKET, (max(end, start + 1) - 1) // BUCKET + 1)
