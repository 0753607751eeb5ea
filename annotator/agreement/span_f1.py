"""Span F1 between two annotators, exact and overlapping, from one pairing of their spans.

The spans of two annotators in one document are paired in steps, each span in at most
one pair:

  1. EXACT: same start, end and label (as multisets: two identical spans of one
     annotator need two on the other side);
  2. BOUNDARY: of the spans left, same label and at least one character in common,
     paired GREEDILY BY LARGEST OVERLAP: of all such pairs the one sharing the most
     characters first, then the next among spans still free, and so on; ties go to the
     pair whose shared characters come first in the text, then to the pair starting
     earlier, then to the one ending earlier (a rule blind to which annotator is
     which, so that the figures are symmetric);
  3. LABEL: of the spans left, different labels and a character in common, paired the
     same way (only to explain disagreements, see disagreements.py);
  4. the spans left have nothing of the other annotator on their characters.

Exact F1 counts the pairs of step 1, overlap F1 those of steps 1 and 2 (an exact match
is the best overlap there is, so it is taken first). With m pairs out of n1 and n2
spans, F1 = 2m / (n1 + n2): symmetric (one annotator's precision against the other is
the other's recall) and undefined (None) when neither has a span. Counts add up, so per
label, micro-overall (labels pooled), per document and corpus come from the same counts.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..core.model import Span


@dataclass(frozen=True)
class Matches:
    """Matched pairs between two annotators and how many spans each had."""

    matched: int = 0
    first: int = 0
    second: int = 0

    @property
    def f1(self) -> float | None:
        total = self.first + self.second
        return 2 * self.matched / total if total else None


@dataclass
class Pairing:
    """Two annotators' spans in one document, paired as the module doc says."""

    first: list[Span]
    second: list[Span]
    exact: list[tuple[Span, Span]] = field(default_factory=list)
    boundary: list[tuple[Span, Span]] = field(default_factory=list)
    relabelled: list[tuple[Span, Span]] = field(default_factory=list)
    only_first: list[Span] = field(default_factory=list)
    only_second: list[Span] = field(default_factory=list)

    def counts(self) -> dict[tuple[str, str], int]:
        """(label, "exact" | "overlap" | "first" | "second") → how many (additive)."""
        out: dict[tuple[str, str], int] = {}
        for kind, spans in (("first", self.first), ("second", self.second)):
            for span in spans:
                out[span.label, kind] = out.get((span.label, kind), 0) + 1
        for kind, pairs in (("exact", self.exact), ("overlap", self.exact),
                            ("overlap", self.boundary)):
            for span, _ in pairs:
                out[span.label, kind] = out.get((span.label, kind), 0) + 1
        return out


def pair_spans(first: list[Span], second: list[Span]) -> Pairing:
    pairing = Pairing(first, second)
    mine, theirs = _pair_exact(first, second, pairing.exact)
    for pairs, same_label in ((pairing.boundary, True), (pairing.relabelled, False)):
        matched = overlap_pairs(mine, theirs, same_label)
        pairs += [(mine[i], theirs[j]) for i, j in matched]
        used_mine, used_theirs = {i for i, _ in matched}, {j for _, j in matched}
        mine = [s for i, s in enumerate(mine) if i not in used_mine]
        theirs = [s for j, s in enumerate(theirs) if j not in used_theirs]
    pairing.only_first, pairing.only_second = mine, theirs
    return pairing


def _pair_exact(first: list[Span], second: list[Span], pairs: list[tuple[Span, Span]]
                ) -> tuple[list[Span], list[Span]]:
    """Pair identical spans into ``pairs``; return the spans of each side left over."""
    waiting: dict[tuple[int, int, str], list[Span]] = {}
    for span in second:
        waiting.setdefault((span.start, span.end, span.label), []).append(span)
    left = []
    for span in first:
        same = waiting.get((span.start, span.end, span.label))
        if same:
            pairs.append((span, same.pop(0)))
        else:
            left.append(span)
    if not pairs:
        return left, list(second)
    matched = {id(theirs) for _, theirs in pairs}
    return left, [span for span in second if id(span) not in matched]


def overlap_pairs(first: list[Span], second: list[Span], same_label: bool = True
                  ) -> list[tuple[int, int]]:
    """(index in first, index in second) of the greedy one-to-one pairing by largest
    overlap; paired spans share a character, and a label when ``same_label`` (else
    they differ in label)."""
    candidates = []
    for i, j in _overlapping(first, second):
        if (first[i].label == second[j].label) == same_label:
            a, b = first[i], second[j]
            begins = max(a.start, b.start)
            shared = min(a.end, b.end) - begins
            candidates.append((-shared, begins, min(a.start, b.start), max(a.end, b.end), i, j))
    candidates.sort()
    used_first, used_second, pairs = set(), set(), []
    for *_, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((i, j))
    return pairs


def _overlapping(first: list[Span], second: list[Span]):
    """Index pairs of spans sharing at least one character, without trying every pair:
    a span of ``second`` that overlaps [start, end) starts before ``end`` and no earlier
    than ``start`` minus the longest span of ``second``."""
    if not first or not second:
        return
    order = sorted(range(len(second)), key=lambda j: second[j].start)
    starts = [second[j].start for j in order]
    longest = max(s.end - s.start for s in second)
    for i, span in enumerate(first):
        for position in range(bisect_left(starts, span.start - longest),
                              bisect_left(starts, span.end)):
            j = order[position]
            if second[j].end > span.start:
                yield i, j


def matches(counts: dict[tuple[str, str], int], labels: list[str], kind: str
            ) -> tuple[Matches, dict[str, Matches]]:
    """Micro-overall and per-label Matches of ``kind`` ("exact" or "overlap")."""
    by_label = {label: Matches(counts.get((label, kind), 0), counts.get((label, "first"), 0),
                               counts.get((label, "second"), 0)) for label in labels}
    overall = Matches(sum(m.matched for m in by_label.values()),
                      sum(m.first for m in by_label.values()),
                      sum(m.second for m in by_label.values()))
    return overall, by_label
