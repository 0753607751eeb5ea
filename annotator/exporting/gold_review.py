"""What an export of gold spans must say about the adjudication behind them.

A gold span reads as the lead's word, and a document of the gold layer without spans
reads as "nothing here" (in spaCy or CoNLL, every token outside any span). Where the
adjudication does not back that up, the export says so in notes and the manifest:

* a gold span in a cluster the lead marked rejected (merged from a copy where that
  stretch was accepted) is written, as the project holds it, with a note naming it;
* with the gold layer alone, a document nobody has adjudicated (no gold span, no
  decision) is left out: gold says nothing about it yet, not "no spans";
* a document exported with clusters not yet settled is counted: gold may lack spans
  there that the annotators marked.

The clusters are those the Adjudication panel shows with everyone compared.
"""
from __future__ import annotations

from ..core.adjudication import clusters
from ..core.decisions import compared_annotators
from ..core.layers import GOLD
from ..core.model import Document, Span

EXAMPLES = 3  # documents named in the note on unsettled clusters


class GoldReview:
    """Looks at each exported document's gold spans beside its clusters and rejections."""

    def __init__(self, rejected: dict[int, list[tuple[int, int]]], gold_layer: bool = False):
        self.rejected = rejected  # the project's rejected regions, per document
        self.gold_layer = gold_layer  # the export is of the gold layer alone
        self.notes: list[str] = []  # one per gold span written from a rejected cluster
        self.gold_in_rejected = 0
        self.left_out = 0  # documents nobody adjudicated, with the gold layer
        self.unsettled: dict[str, int] = {}  # document (as named in notes) → clusters

    def see(self, document: Document, spans: list[Span], exported: list[Span]) -> bool:
        """Whether the document is exported; ``spans``: all its spans (they make its
        clusters), ``exported``: those the export would write."""
        regions = self.rejected.get(document.id, [])
        if self.gold_layer:
            if not regions and not any(span.annotator == GOLD for span in spans):
                self.left_out += 1
                return False
        elif not regions or not any(span.annotator == GOLD for span in exported):
            return True  # the common case, at the cost of a lookup: nothing to say
        found = clusters(spans, compared_annotators(spans), regions)
        self._note_rejected_gold(document, found, exported)
        if self.gold_layer:
            count = sum(not cluster.settled for cluster in found)
            if count:
                self.unsettled[_named(document)] = count
        return True

    def _note_rejected_gold(self, document: Document, found, exported: list[Span]) -> None:
        written = {span.id for span in exported if span.annotator == GOLD}
        for cluster in found:
            for span in cluster.gold if cluster.rejected else ():
                if span.id in written:
                    self.gold_in_rejected += 1
                    self.notes.append(
                        f"{_named(document)}: gold {span.label} at {span.start}–{span.end} is "
                        f"written although the cluster there ({cluster.start}–{cluster.end}) "
                        "is marked rejected; settle it in View → Adjudicate")

    def summary_notes(self) -> list[str]:
        """The notes on what the gold layer leaves out or has not settled."""
        notes = []
        if self.left_out:
            notes.append(f"{_count(self.left_out, 'document')} nobody has adjudicated (no "
                         "gold span, no decision) left out: the gold layer says nothing "
                         "about them yet")
        if self.unsettled:
            total = sum(self.unsettled.values())
            named = "; ".join(f"{name}: {count}" for name, count in
                              list(self.unsettled.items())[:EXAMPLES])
            more = "; …" if len(self.unsettled) > EXAMPLES else ""
            notes.append(f"{_count(total, 'cluster')} not settled yet in "
                         f"{_count(len(self.unsettled), 'document')} exported, where gold may "
                         "lack spans the annotators marked (settle them in View → "
                         f"Adjudicate): {named}{more}")
        return notes + self.notes

    def counts(self) -> dict | None:
        """For the manifest (None when the export is not of the gold layer)."""
        if not self.gold_layer:
            return None
        return {"documents_not_adjudicated_left_out": self.left_out,
                "unsettled_clusters": sum(self.unsettled.values()),
                "documents_with_unsettled_clusters": len(self.unsettled),
                "gold_spans_in_rejected_clusters": self.gold_in_rejected}

    def nothing_adjudicated(self) -> str:
        """Why a gold export wrote nothing when every document selected was left out."""
        return (f"nobody has adjudicated any of the {_count(self.left_out, 'document')} "
                "selected (no gold span, no decision): nothing was written. Adjudicate them "
                "in View → Adjudicate, or export another layer")


def _named(document: Document) -> str:
    return f"document {document.id} ({document.title})"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
