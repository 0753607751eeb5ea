"""Edits of the label schema as undoable commands, like the span edits in commands.py.

Each command applies itself through a :class:`LabelRepository` (the store's
``LabelStore`` implements it) and knows its inverse; :class:`History` runs each
in one transaction. The checks on names, keys and colours are the store's
(``label_rules``), so a refused edit raises ContractError and changes nothing.

A command records what it found before it changed anything (the old name, the
removed label and the spans it deleted or moved), so that undo puts back
exactly that: the same label at the same place, the same spans with the same ids.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from .label_rules import first_free_colour, first_free_key
from .model import ContractError, Label, Span, now_iso


class LabelRepository(Protocol):
    def transaction(self) -> AbstractContextManager: ...
    def labels(self) -> list[Label]: ...
    def label(self, name: str) -> Label: ...
    def insert_label(self, label: Label) -> Label: ...
    def update_label(self, name: str, /, **changes) -> Label: ...
    def move_label(self, name: str, position: int) -> None: ...
    def delete_label(self, name: str) -> None: ...
    def spans_with_label(self, name: str) -> list[Span]: ...
    def delete_spans(self, span_ids: Iterable[int]) -> None: ...
    def restore_spans(self, spans: Iterable[Span]) -> None: ...
    def relabel_spans(self, span_ids: Iterable[int], label: str, stamp: str) -> None: ...
    def restore_span_labels(self, spans: Iterable[Span]) -> None: ...


class LabelCommand:
    """An edit of the labels. It touches no one document, so a session that shares
    its history with these reloads its labels (and the open document) after one."""

    document_id = None
    span_id = None
    changes_labels = True  # what the session asks (it does not import this module)


@dataclass
class AddLabel(LabelCommand):
    """A new label; by default the next free key of 1–9, an unused colour, placed last."""

    name: str
    colour: str = ""
    key: str | None = None
    guideline: str = ""
    description: str = "add label"
    added: Label | None = None

    def apply(self, repo: LabelRepository) -> None:
        if self.added is None:
            labels = repo.labels()
            self.added = Label(
                self.name, self.colour or first_free_colour(label.colour for label in labels),
                first_free_key(label.key for label in labels) if self.key is None else self.key,
                self.guideline, len(labels))
        self.added = repo.insert_label(self.added)  # a redo puts it back where it was

    def inverse(self) -> "RemoveLabel":
        return RemoveLabel(self.added.name, description=f"undo {self.description}")


@dataclass
class RenameLabel(LabelCommand):
    """Every span keeps its label: the store renames it in place (ON UPDATE CASCADE)."""

    name: str
    new_name: str
    description: str = "rename label"

    def apply(self, repo: LabelRepository) -> None:
        repo.update_label(self.name, name=self.new_name)

    def inverse(self) -> "RenameLabel":
        return RenameLabel(self.new_name, self.name, description=f"undo {self.description}")


@dataclass
class _ChangeLabelField(LabelCommand):
    """Set one field of a label, remembering the value it had."""

    name: str
    value: str
    description: str = "change label"
    before: str | None = None
    field_name = ""  # set by each subclass

    def apply(self, repo: LabelRepository) -> None:
        self.before = getattr(repo.label(self.name), self.field_name)
        repo.update_label(self.name, **{self.field_name: self.value})

    def inverse(self) -> "_ChangeLabelField":
        return type(self)(self.name, self.before, description=f"undo {self.description}")


@dataclass
class RecolourLabel(_ChangeLabelField):
    description: str = "recolour label"
    field_name = "colour"


@dataclass
class SetLabelKey(_ChangeLabelField):
    """The key that chooses the label ("" for none); keys are unique among labels."""

    description: str = "set label key"
    field_name = "key"


@dataclass
class SetLabelDescription(_ChangeLabelField):
    """The label's guideline: its definition and examples, free text."""

    description: str = "edit guideline"
    field_name = "description"


@dataclass
class MoveLabel(LabelCommand):
    """Put a label at ``position`` (0 is first) in the order labels are shown."""

    name: str
    position: int
    description: str = "move label"
    before: int | None = None

    def apply(self, repo: LabelRepository) -> None:
        names = [label.name for label in repo.labels()]
        if self.name not in names:
            raise ContractError(f"There is no label named {self.name!r}.")
        self.before = names.index(self.name)
        repo.move_label(self.name, self.position)

    def inverse(self) -> "MoveLabel":
        return MoveLabel(self.name, self.before, description=f"undo {self.description}")


@dataclass
class RemoveLabel(LabelCommand):
    """Remove a label. Spans that use it are deleted (``delete_spans``) or moved to
    another label (``move_spans_to``, which wins when both are given); with neither,
    a used label is refused."""

    name: str
    move_spans_to: str | None = None
    delete_spans: bool = False
    description: str = "remove label"
    removed: Label | None = None
    deleted: list[Span] = field(default_factory=list)
    moved: list[Span] = field(default_factory=list)  # as they were before the move
    moved_at: str = ""  # the moved spans' time of change, the same again on redo

    def apply(self, repo: LabelRepository) -> None:
        self.removed = repo.label(self.name)
        used = repo.spans_with_label(self.name)
        self.deleted, self.moved = [], []
        if used and self.move_spans_to is not None:
            self._check_target(repo)
            self.moved_at = self.moved_at or now_iso()
            repo.relabel_spans([span.id for span in used], self.move_spans_to, self.moved_at)
            self.moved = used
        elif used and self.delete_spans:
            repo.delete_spans([span.id for span in used])
            self.deleted = used
        elif used:
            raise ContractError(f"The label {self.name!r} is used by {len(used)} span(s): "
                                "delete them or move them to another label.")
        repo.delete_label(self.name)

    def _check_target(self, repo: LabelRepository) -> None:
        if self.move_spans_to == self.name:
            raise ContractError(f"Spans cannot be moved to the label being removed ({self.name!r}).")
        repo.label(self.move_spans_to)  # refuses a label that does not exist

    def inverse(self) -> "RestoreLabel":
        return RestoreLabel(self.removed, list(self.deleted), list(self.moved),
                            self.move_spans_to, self.delete_spans, self.moved_at,
                            description=f"undo {self.description}")


@dataclass
class RestoreLabel(LabelCommand):
    """Undo of a removal: the label at its old place, its deleted spans back with their
    ids and times, its moved spans back with their label and time of change."""

    label: Label
    deleted: list[Span]
    moved: list[Span]
    move_spans_to: str | None = None
    delete_spans: bool = False
    moved_at: str = ""
    description: str = "restore label"

    def apply(self, repo: LabelRepository) -> None:
        repo.insert_label(self.label)
        repo.restore_spans(self.deleted)
        repo.restore_span_labels(self.moved)

    def inverse(self) -> RemoveLabel:
        return RemoveLabel(self.label.name, self.move_spans_to, self.delete_spans,
                           description=f"undo {self.description}", moved_at=self.moved_at)
