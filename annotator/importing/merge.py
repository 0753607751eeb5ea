"""Merging a file's document into the same text already in the project, layer by layer.

A layer is one annotator's spans in one document. A file holds its owner's layers
and copies of other people's as they were when its owner merged them; merging such
a copy span by span into a newer version brought back what had been deleted, and
put a relabelled span beside its old label. So each layer the file holds is taken
whole or not at all:

- the importing annotator's own layer is never taken: the project one works in is
  the reference for one's own work; the file's copy is only compared, for the report;
- another annotator's layer comes in whole where this project has no layer of theirs
  in that document (no spans, and none deleted here: an emptied layer is there);
- where it has, the layer here is left as it is and compared with the file's,
  unless the user asked to replace that annotator's layer with the file's version
  (--replace-layer NAME: a colleague's updated work); then, in every document the
  file holds, it becomes the file's, with as few edits as that takes.

Spans the file names nobody for are not a copy of anyone's layer: they carry the
importing annotator's name because the importer brings them (a model's
pre-annotation, a brat file), and are merged span by span as before. Adjudication
decisions are merged one by one: each stretch once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..core.decisions import Decision
from ..core.model import Span
from ..store import Project
from .layers import ATTRIBUTES, LayerChanges, by_annotator, changes_between, layer_name
from .resolve import Resolved


@dataclass(frozen=True)
class MergeRules:
    """Whose layers one file's merge may take, and whose it only compares."""
    own: str  # the name the import runs under: that layer is never taken
    carried: frozenset[str]  # everyone the file names on a span, in any of its documents
    replacing: frozenset[str] = frozenset()  # layers to make the file's, as asked

    @classmethod
    def for_file(cls, accepted: list[Resolved], own: str,
                 replacing: frozenset[str] = frozenset()) -> "MergeRules":
        # a document of the file without spans of someone it names elsewhere holds
        # their empty layer: that too is compared with theirs here (and replaces it)
        return cls(own, frozenset(span.annotator for resolved in accepted
                                  for span in named_spans(resolved)), frozenset(replacing))

    def refusal(self) -> str:
        """Why the layers asked to be replaced cannot be, or "" when they can."""
        if self.own in self.replacing:
            return (f"your own spans ({self.own}) cannot be replaced with a file's: an import "
                    "never changes the importing annotator's spans")
        missing = sorted(self.replacing - self.carried)
        if missing:
            return (f"{layer_name(missing[0])} cannot be replaced with the file's: the file "
                    f"holds no spans of {missing[0]!r}, so it does not say what theirs are")
        return ""


@dataclass
class DocumentMerge:
    """What merging one document did, and how the file's layers differ from these here."""
    spans_added: int = 0
    decisions_added: int = 0
    own_in_file: int = 0  # the file's spans of the importing annotator (none taken)
    own: LayerChanges = field(default_factory=LayerChanges)  # how they differ from theirs here
    differing: dict[str, LayerChanges] = field(default_factory=dict)  # left as they are here
    replaced: dict[str, LayerChanges] = field(default_factory=dict)  # made the file's

    @property
    def changed(self) -> bool:
        return bool(self.spans_added or self.decisions_added or self.replaced)


def merge_document(project: Project, doc_id: int, resolved: Resolved,
                   rules: MergeRules) -> DocumentMerge:
    outcome = DocumentMerge()
    here = project.spans(doc_id)
    layers = {annotator: [] for annotator in project.emptied_layers(doc_id)}
    layers.update(by_annotator(here))
    taken = _layers_to_take(layers, by_annotator(named_spans(resolved)), rules, outcome)
    new_spans = _not_yet_present(here, [span for place, span in enumerate(resolved.spans)
                                        if place in resolved.unnamed or span.annotator in taken])
    if new_spans:
        outcome.spans_added = project.add_spans(doc_id, new_spans)
    for changes in outcome.replaced.values():
        _make_it_the_files(project, doc_id, changes)
    if resolved.decisions:
        outcome.decisions_added = project.add_decisions(
            doc_id, not_yet_decided(project.decisions(doc_id), resolved.decisions))
    return outcome


def named_spans(resolved: Resolved) -> list[Span]:
    """The spans the file names an annotator for (see Resolved.unnamed)."""
    if not resolved.unnamed:
        return resolved.spans
    return [span for place, span in enumerate(resolved.spans) if place not in resolved.unnamed]


def _layers_to_take(here: dict[str, list[Span]], theirs: dict[str, list[Span]],
                    rules: MergeRules, outcome: DocumentMerge) -> set[str]:
    """The annotators whose layer in this document comes in from the file; every other
    layer the file holds is compared with the one here, into ``outcome``."""
    taken = set()
    for annotator in sorted(rules.carried):
        file_layer = theirs.get(annotator, [])
        if annotator == rules.own:
            if file_layer:  # where the file holds none of yours, it says nothing of them
                outcome.own_in_file = len(file_layer)
                outcome.own = changes_between(here.get(annotator, []), file_layer)
        elif annotator in rules.replacing:
            changes = changes_between(here.get(annotator, []), file_layer)
            if not changes.none:
                outcome.replaced[annotator] = changes
        elif annotator not in here:
            if file_layer:
                taken.add(annotator)
        else:
            changes = changes_between(here[annotator], file_layer)
            if not changes.none:
                outcome.differing[annotator] = changes
    return taken


def _make_it_the_files(project: Project, doc_id: int, changes: LayerChanges) -> None:
    """Turn a layer here into the file's with as few edits as that takes: a span that
    stays keeps its id and times, so an open window's undo history still finds it."""
    for span in changes.remove:
        project.remove_span(span.id)
    for old, new in changes.change:
        project.change_span(old.id, **{name: getattr(new, name) for name in ATTRIBUTES})
    if changes.add:
        project.add_spans(doc_id, changes.add)


def not_yet_decided(old: list[Decision], new: list[Decision]) -> list[Decision]:
    """The decisions of ``new`` not already made here on the same stretch (whoever made
    them, whenever): merging a file twice adds none."""
    return _not_yet_in(old, new, key=lambda d: (d.start, d.end, d.verdict))


def _not_yet_present(old: list[Span], new: list[Span]) -> list[Span]:
    return _not_yet_in(old, new, key=lambda s: (s.start, s.end, s.label, s.annotator))


def _not_yet_in(old: list, new: list, key: Callable) -> list:
    """The items of ``new`` whose key neither ``old`` nor an earlier one of ``new`` has."""
    seen = {key(item) for item in old}
    fresh = []
    for item in new:
        if key(item) not in seen:
            seen.add(key(item))
            fresh.append(item)
    return fresh
