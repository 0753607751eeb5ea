"""Counts gathered per document that add up over the corpus: token ratings, span
pairings per pair of annotators, alpha-u sections, disagreement kinds. Every figure of
a report is computed from one Tally (a document's, or the corpus's sum)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from ..core.model import Span
from .alpha import UnitizingTally, unitizing_tally
from .disagreements import Disagreement, disagreements
from .ratings import Ratings, token_ratings
from .span_f1 import pair_spans
from .units import DocumentUnits

Pair = tuple[int, int]  # indices into the report's annotators, first < second


@dataclass
class Tally:
    annotators: int
    labels: list[str]
    documents: int = 0
    tokens: int = 0
    characters: int = 0
    ratings: Ratings = field(default_factory=Counter)
    pair_documents: Counter = field(default_factory=Counter)
    # per pair: (label, "exact" | "overlap" | "first" | "second") → count (span_f1.py)
    span_counts: dict[Pair, Counter] = field(default_factory=dict)
    # only documents every annotator annotated (alpha-u needs all on the whole continuum)
    unitizing: dict[str, UnitizingTally] | None = None
    kinds: Counter = field(default_factory=Counter)  # disagreements by kind

    def add(self, other: Tally) -> None:
        self.documents += other.documents
        self.tokens += other.tokens
        self.characters += other.characters
        self.ratings.update(other.ratings)
        self.pair_documents.update(other.pair_documents)
        for pair, counts in other.span_counts.items():
            self.span_counts.setdefault(pair, Counter()).update(counts)
        if other.unitizing is not None:
            if self.unitizing is None:
                self.unitizing = {label: UnitizingTally(self.annotators) for label in self.labels}
            for label, part in other.unitizing.items():
                self.unitizing[label].add(part)
        self.kinds.update(other.kinds)


def document_tally(document: DocumentUnits, names: list[str], labels: list[str]
                   ) -> tuple[Tally, list[Disagreement]]:
    tally = Tally(len(names), labels, documents=1, tokens=document.tokens,
                  characters=document.length, ratings=token_ratings(document))
    found: list[Disagreement] = []
    present = document.present()
    for pair in combinations(present, 2):
        pairing = pair_spans(document.spans[pair[0]], document.spans[pair[1]])
        tally.pair_documents[pair] = 1
        tally.span_counts[pair] = Counter(pairing.counts())
        found += disagreements(document.document_id, (names[pair[0]], names[pair[1]]), pairing)
    if len(present) == len(names):
        marked = [_ranges_by_label(spans, labels) for spans in document.spans]
        tally.unitizing = {label: unitizing_tally([own[label] for own in marked],
                                                  document.length)
                           for label in labels}
    tally.kinds.update(d.kind for d in found)
    return tally, found


def _ranges_by_label(spans: list[Span], labels: list[str]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {label: [] for label in labels}
    for span in spans:
        out[span.label].append((span.start, span.end))
    return out
