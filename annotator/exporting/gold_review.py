"""What an export of gold spans must say about the adjudication behind them.

A gold span reads as the lead's word. Where the adjudication says otherwise, the export
still writes what gold holds (it is the project's content) but says so in a note, as
the Adjudication panel does: a gold span in a cluster the lead marked rejected (merged
from a copy where that stretch was accepted) is a conflict nobody has settled yet.
"""
from __future__ import annotations

from ..core.adjudication import clusters
from ..core.decisions import compared_annotators
from ..core.layers import GOLD
from ..core.model import Document, Span


class GoldReview:
    """Looks at each exported document's gold spans beside its clusters and rejections."""

    def __init__(self, rejected: dict[int, list[tuple[int, int]]]):
        self.rejected = rejected  # the project's rejected regions, per document
        self.notes: list[str] = []
        self.gold_in_rejected = 0

    def see(self, document: Document, spans: list[Span], exported: list[Span]) -> None:
        """``spans``: all the document's spans (they make its clusters); ``exported``:
        those the export writes."""
        regions = self.rejected.get(document.id)
        written = {span.id for span in exported if span.annotator == GOLD}
        if not regions or not written:  # the common case, at the cost of a lookup
            return
        for cluster in clusters(spans, compared_annotators(spans), regions):
            for span in cluster.gold if cluster.rejected else ():
                if span.id in written:
                    self.gold_in_rejected += 1
                    self.notes.append(
                        f"document {document.id} ({document.title}): gold {span.label} at "
                        f"{span.start}–{span.end} is written although the cluster there "
                        f"({cluster.start}–{cluster.end}) is marked rejected; settle it in "
                        "View → Adjudicate")
