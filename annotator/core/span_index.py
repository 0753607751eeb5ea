"""Find the spans over a stretch of text quickly, as the view paints or the mouse moves.

Spans are kept sorted by start. A span can only overlap [a, b) if it starts
before b and no earlier than a minus the longest span; the few very long spans
(a whole quoted paragraph) are kept apart so that they do not widen that window
for everyone. Building the index is one sort, and adding or removing a span is
a binary search, which keeps opening a document with 10,000 spans cheap. The
counts per label are kept as spans come and go, because the label bar asks for
them after every edit.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from typing import Iterable, Iterator

from .model import Span

LONG = 4096  # spans longer than this are searched one by one


def text_order(span: Span) -> tuple:
    """A span's place in text order (``in_order``): by start, the longer first, then by id."""
    return (span.start, -span.end, span.id or 0)


_order = text_order


class SpanIndex:
    def __init__(self, spans: Iterable[Span] = ()):
        self._spans: dict[int, Span] = {}
        self._ordered: list[tuple] = []  # _order keys of the short spans, sorted
        self._starts: list[int] = []  # their starts, for bisect
        self._long: dict[int, Span] = {}
        self._labels: Counter = Counter()
        self.add_many(spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, span_id: int) -> bool:
        return span_id in self._spans

    def __iter__(self) -> Iterator[Span]:
        return iter(self._spans.values())

    def get(self, span_id: int) -> Span | None:
        return self._spans.get(span_id)

    def add_many(self, spans: Iterable[Span]) -> None:
        """Add spans in bulk (one sort for all of them)."""
        for span in spans:
            self._forget_everywhere(span.id)  # the sorted lists are rebuilt below
            self._spans[span.id] = span
            self._labels[span.label] += 1
            if span.end - span.start > LONG:
                self._long[span.id] = span
        self._ordered = sorted(_order(s) for s in self._spans.values() if s.id not in self._long)
        self._starts = [key[0] for key in self._ordered]

    def add(self, span: Span) -> None:
        self.remove(span.id)
        self._spans[span.id] = span
        self._labels[span.label] += 1
        if span.end - span.start > LONG:
            self._long[span.id] = span
            return
        key = _order(span)
        position = bisect_left(self._ordered, key)
        self._ordered.insert(position, key)
        self._starts.insert(position, key[0])

    def remove(self, span_id: int) -> None:
        span = self._forget(span_id)
        if span is None or self._long.pop(span_id, None) is not None:
            return
        position = bisect_left(self._ordered, _order(span))
        del self._ordered[position]
        del self._starts[position]

    def _forget(self, span_id: int) -> Span | None:
        span = self._spans.pop(span_id, None)
        if span is not None:
            self._labels[span.label] -= 1
        return span

    def _forget_everywhere(self, span_id: int) -> None:
        self._forget(span_id)
        self._long.pop(span_id, None)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans sharing at least one character with [start, end), in text order."""
        end = max(end, start + 1)
        first = bisect_left(self._starts, start - LONG)
        last = bisect_left(self._starts, end)
        found = [self._spans[key[2]] for key in self._ordered[first:last]
                 if self._spans[key[2]].end > start]
        found.extend(s for s in self._long.values() if s.start < end and s.end > start)
        return sorted(found, key=_order) if self._long else found

    def at(self, position: int) -> list[Span]:
        """Spans covering the character at ``position``, outermost first."""
        return self.overlapping(position, position + 1)

    def in_order(self) -> list[Span]:
        ordered = [self._spans[key[2]] for key in self._ordered]
        if self._long:
            for span in self._long.values():
                insort(ordered, span, key=_order)
        return ordered

    def counts(self) -> dict[str, int]:
        return {label: count for label, count in self._labels.items() if count}

    def depth(self, span: Span) -> int:
        """How many other spans enclose this one (0 for an outermost span)."""
        key = _order(span)
        return sum(1 for other in self.overlapping(span.start, span.end)
                   if other.id != span.id and other.start <= span.start and other.end >= span.end
                   and _order(other) < key)
