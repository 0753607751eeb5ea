"""Token ratings as a table of counts: how many tokens got each combination of labels
from the compared annotators, e.g. {("claim", "claim", O): 12, (O, O, O): 380}, O being
OUTSIDE (no span).

Every token measure (Cohen's and Fleiss' kappa, Krippendorff's alpha) needs only these
counts, which are small (a few dozen combinations per document) and add up over
documents. None stands for an annotator missing in a document (coverage "some").
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .units import OUTSIDE, DocumentUnits, kept_ranges

Ratings = Counter  # Counter[tuple[str | None, ...]]: rating combination → tokens


def token_ratings(document: DocumentUnits) -> Ratings:
    """Counted stretch by stretch, not token by token: between two consecutive span
    edges (in tokens) no annotator's label changes."""
    current = [None if spans is None else OUTSIDE for spans in document.spans]
    changes: dict[int, list[tuple[int, str]]] = {}  # token index → (annotator, new label)
    for number, spans in enumerate(document.spans):
        for first, stop, label in kept_ranges(document.starts, document.ends, spans or ()):
            # in token order, so where one range ends as the next begins, O comes first
            changes.setdefault(first, []).append((number, label))
            changes.setdefault(stop, []).append((number, OUTSIDE))
    out: Ratings = Counter()
    done = 0
    for edge in sorted(changes):
        if edge > done:
            out[tuple(current)] += edge - done
            done = edge
        for number, label in changes[edge]:
            current[number] = label
    if document.tokens > done:
        out[tuple(current)] += document.tokens - done
    return out


def pair_ratings(ratings: Ratings, first: int, second: int) -> Ratings:
    """The two annotators' (label, label) counts over the tokens both rated."""
    out: Ratings = Counter()
    for values, count in ratings.items():
        a, b = values[first], values[second]
        if a is not None and b is not None:
            out[(a, b)] += count
    return out


def complete_ratings(ratings: Ratings) -> Ratings:
    """Only the tokens every annotator rated."""
    return Counter({values: count for values, count in ratings.items() if None not in values})


@lru_cache(maxsize=4096)
def spread(values: tuple[str | None, ...]) -> tuple[int, dict[str, int]]:
    """How many ratings a combination holds (missing left out) and how many of each
    category. Remembered: the same few combinations come back in every document."""
    counts: dict[str, int] = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return sum(counts.values()), counts
