"""Layers in a merge: one annotator's spans in one document, compared as a whole.

A colleague's project file holds their own work and, beside it, copies of other
people's layers as they were when the colleague merged them. Merging span by span
(add whatever is missing) brought those old copies back over newer work: a span
deleted here returned, and a relabelled one came back beside its new label. So an
import compares a layer here with the file's as a whole, and merge.py decides per
layer: the importing annotator's own layer is never touched, another layer comes in
whole where this project has none, and a layer that is here stays as it is unless
the user asks for the file's version.

Two spans of one layer are the same span when they have the same start, end and
label; one that only changed its speaker, target, cue or note is "changed".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.layers import GOLD
from ..core.model import Span

ATTRIBUTES = ("speaker", "target", "cue", "note")


@dataclass
class LayerChanges:
    """What it takes to turn a layer here into the file's version of it."""
    remove: list[Span] = field(default_factory=list)  # here, not in the file
    add: list[Span] = field(default_factory=list)  # in the file, not here
    change: list[tuple[Span, Span]] = field(default_factory=list)  # (here, the file's)

    @property
    def none(self) -> bool:
        return not (self.remove or self.add or self.change)


def changes_between(here: list[Span], theirs: list[Span]) -> LayerChanges:
    """How ``theirs`` (the file's spans of one annotator in one document) differs from
    ``here`` (this project's spans of that annotator there)."""
    changes = LayerChanges()
    waiting: dict[tuple, list[Span]] = {}
    for span in here:
        waiting.setdefault(_place(span), []).append(span)
    unmatched = []
    for span in theirs:  # the same span, attributes and all, first
        same = waiting.get(_place(span), [])
        twin = next((old for old in same if _attributes(old) == _attributes(span)), None)
        if twin is None:
            unmatched.append(span)
        else:
            same.remove(twin)
    for span in unmatched:  # then the same place and label with other attributes
        same = waiting.get(_place(span))
        if same:
            changes.change.append((same.pop(0), span))
        else:
            changes.add.append(span)
    changes.remove = [span for spans in waiting.values() for span in spans]
    return changes


def _place(span: Span) -> tuple:
    return span.start, span.end, span.label


def _attributes(span: Span) -> tuple:
    return tuple(getattr(span, name) for name in ATTRIBUTES)


@dataclass
class LayerDifference:
    """One annotator's layer here against a file's, summed over the file's documents."""
    annotator: str
    documents: list[int] = field(default_factory=list)  # ids of the documents that differ
    only_here: int = 0
    only_in_file: int = 0
    changed: int = 0  # same place and label, another speaker, target, cue or note

    def count(self, document_id: int, changes: LayerChanges) -> None:
        if changes.none:
            return
        if document_id not in self.documents:
            self.documents.append(document_id)
        self.only_here += len(changes.remove)
        self.only_in_file += len(changes.add)
        self.changed += len(changes.change)

    def __bool__(self) -> bool:
        return bool(self.documents)


def layer_name(annotator: str) -> str:
    """How a report names a layer: "bo's spans", "the gold (adjudicated) spans"."""
    return "the gold (adjudicated) spans" if annotator == GOLD else f"{annotator}'s spans"


def by_annotator(spans: list[Span]) -> dict[str, list[Span]]:
    layers: dict[str, list[Span]] = {}
    for span in spans:
        layers.setdefault(span.annotator, []).append(span)
    return layers
