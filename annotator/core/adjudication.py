"""Adjudication: where annotators' spans meet, what each said, and what gold settled.

Spans of the compared annotators (and of the gold layer) that overlap, directly or
through a chain, form one *cluster*: the unit the lead decides on. A cluster is
*agreed* when every annotator marked exactly the same versions (offsets, label and
attribution: who said it, to whom, with which cue), and *settled* once the gold layer
holds a span in it or the lead recorded that nothing there belongs in gold, but not
both: a rejected cluster where gold holds a span is a *conflict* to settle again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .decisions import compared_annotators
from .layers import GOLD
from .model import Span


@dataclass
class Cluster:
    """Overlapping spans of the compared annotators, with what the lead kept of them."""
    start: int
    end: int
    versions: dict[str, list[Span]]  # every compared annotator, [] where they marked nothing
    gold: list[Span] = field(default_factory=list)
    rejected: bool = False  # the lead decided that nothing here goes into gold

    @property
    def agreed(self) -> bool:
        marks = [_marks(spans) for spans in self.versions.values()]
        return all(marks) and all(m == marks[0] for m in marks)

    def differences(self) -> list[str]:
        """In what the versions differ, among ASPECTS, then NOT_ALL_MARKED when an
        annotator marked nothing here; [] when they agree."""
        marked = [spans for spans in self.versions.values() if spans]
        found = [aspect for aspect, differs in _ASPECT_TESTS if differs(marked)]
        return found + [NOT_ALL_MARKED] * (len(marked) < len(self.versions))

    @property
    def conflicting(self) -> bool:
        """Rejected, and yet gold holds a span here (a copy where this stretch was
        accepted, merged after the rejection): gold must not be hidden behind a
        rejection, so the lead settles it again."""
        return self.rejected and bool(self.gold)

    @property
    def settled(self) -> bool:
        return (bool(self.gold) or self.rejected) and not self.conflicting

    def annotators_with_spans(self) -> list[str]:
        return [name for name, spans in self.versions.items() if spans]


def _marks(spans: list[Span]) -> frozenset:
    return frozenset(map(version_of, spans))


# What a version says besides where and what: who said it, to whom, with which words.
# The note is the annotator's remark, not part of the annotation, so it is left out.
ATTRIBUTION = ("speaker", "target", "cue")
ASPECTS = ("boundaries", "label", *ATTRIBUTION)
NOT_ALL_MARKED = "not all marked"


def version_of(span: Span) -> tuple:
    """What makes two annotators' spans the same version. A speaker left empty is not
    "any speaker": it differs from a named one (gold records who said what, and an
    empty one may mean "unattributed" or "not filled in": the lead must see it)."""
    return (span.start, span.end, span.label, *(getattr(span, name) or "" for name in ATTRIBUTION))


def place_of(span: Span) -> tuple[int, int, str]:
    """Where a span is and what it is: gold holds one version per place."""
    return span.start, span.end, span.label


def _differ_by(key, value):
    """A test of whether versions give different ``value``s to their spans of the same
    ``key`` (a place both marked); a place only one of them marked is no such case."""
    def differs(versions: list[list[Span]]) -> bool:
        seen: dict = {}  # key → each version's values there
        for spans in versions:
            values: dict = {}
            for span in spans:
                values.setdefault(key(span), set()).add(value(span))
            for place, found in values.items():
                seen.setdefault(place, set()).add(frozenset(found))
        return any(len(found) > 1 for found in seen.values())
    return differs


def _boundaries_differ(versions: list[list[Span]]) -> bool:
    return len({frozenset((s.start, s.end) for s in spans) for spans in versions}) > 1


_ASPECT_TESTS = (
    ("boundaries", _boundaries_differ),
    ("label", _differ_by(lambda s: (s.start, s.end), lambda s: s.label)),
    *((name, _differ_by(place_of, lambda s, name=name: getattr(s, name) or ""))
      for name in ATTRIBUTION),
)


def rivals(spans: Iterable[Span]) -> list[list[Span]]:
    """Spans at the same place (offsets and label) whose versions differ, one span per
    version, by place: gold can hold only one of each group."""
    by_place: dict[tuple, dict[tuple, Span]] = {}
    for span in spans:
        by_place.setdefault(place_of(span), {}).setdefault(version_of(span), span)
    return [list(group.values()) for group in by_place.values() if len(group) > 1]


def clusters(spans: Iterable[Span], annotators: list[str],
             rejected: Iterable[tuple[int, int]] = ()) -> list[Cluster]:
    """Clusters of the spans of ``annotators`` and gold, in text order.

    ``rejected`` are the (start, end) regions where the lead decided "nothing goes to
    gold"; a cluster is rejected when such a region lies within it.
    """
    wanted = set(annotators) | {GOLD}
    chosen = sorted((s for s in spans if s.annotator in wanted), key=lambda s: (s.start, s.end))
    found: list[Cluster] = []
    for span in chosen:
        if found and span.start < found[-1].end:
            _join(found[-1], span)
        else:
            found.append(_new(span, annotators))
    regions = list(rejected)
    for cluster in found:
        cluster.rejected = any(cluster.start <= s and e <= cluster.end for s, e in regions)
    return [c for c in found if c.annotators_with_spans() or c.gold]


def _new(span: Span, annotators: list[str]) -> Cluster:
    cluster = Cluster(span.start, span.end, {name: [] for name in annotators})
    _join(cluster, span)
    return cluster


def _join(cluster: Cluster, span: Span) -> None:
    cluster.end = max(cluster.end, span.end)
    if span.annotator == GOLD:
        cluster.gold.append(span)
    else:
        cluster.versions[span.annotator].append(span)


def compared_names(spans: Iterable[Span], chosen: list[str] | None) -> list[str] | None:
    """The annotators a document's clusters compare (``chosen``; None: everyone with
    spans, gold aside), or None when fewer than two of them marked anything among
    ``spans``: a document where only one did has nothing to adjudicate."""
    present = compared_annotators(spans)
    names = chosen if chosen is not None else present
    return names if len(set(names) & set(present)) >= 2 else None


def progress(found: list[Cluster]) -> tuple[int, int]:
    """(settled, to settle): agreed clusters count as settled only once gold has them."""
    return sum(c.settled for c in found), len(found)


def gold_copy(span: Span) -> Span:
    """A span as the gold layer takes it: same place, label and attribution."""
    return Span(start=span.start, end=span.end, label=span.label, text=span.text,
                speaker=span.speaker, target=span.target, cue=span.cue, note=span.note,
                annotator=GOLD)
