"""Progress by documents while a writer works through them.

Writers take a plain list of documents and walk it; a long export (Prodigy or CoNLL
tokenising 10,000 articles takes tens of seconds) should still say how far it got.
``watched`` hands the writer a list that reports, as the writer walks it, how many
documents of the whole export are done, without any writer knowing about progress.
"""
from __future__ import annotations

from typing import Callable

Progress = Callable[[int, int], None]
EVERY = 100  # documents between two reports: often enough for a bar, rarely enough to cost nothing


class ProgressCounter:
    """Documents done out of the export's total; never reports going backwards."""

    def __init__(self, total: int, report: Progress | None):
        self.total, self.report, self.done = total, report, 0

    def advance_to(self, done: int) -> None:
        if self.report is not None and done > self.done:
            self.done = min(done, self.total)
            self.report(self.done, self.total)


class WatchedDocs(list):
    """A list of documents that moves a counter forward while it is iterated.

    A writer that walks it a second time (to gather labels, say) reports nothing new:
    the counter only moves forward."""

    def __init__(self, docs, counter: ProgressCounter, offset: int = 0):
        super().__init__(docs)
        self.counter, self.offset = counter, offset

    def __iter__(self):
        advance, offset = self.counter.advance_to, self.offset
        for position, doc in enumerate(super().__iter__(), 1):
            yield doc
            if position % EVERY == 0:
                advance(offset + position)
        advance(offset + len(self))


def watched(docs, counter: ProgressCounter, offset: int = 0) -> list:
    """``docs`` as a WatchedDocs when someone listens, else unchanged (no cost)."""
    return docs if counter.report is None else WatchedDocs(docs, counter, offset)
