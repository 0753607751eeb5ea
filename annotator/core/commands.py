"""Edit commands: the one path by which a user's edit reaches the project.

Each command applies itself through a :class:`SpanRepository` (the store
implements it) and knows its inverse. :class:`History` runs every apply inside
one repository transaction, so a command is either wholly committed or not at
all, and undo is itself a committed edit.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from .model import Span


class SpanRepository(Protocol):
    def transaction(self) -> AbstractContextManager: ...
    def add_span(self, document_id: int, span: Span) -> Span: ...
    def get_span(self, span_id: int) -> Span: ...
    def remove_span(self, span_id: int) -> None: ...
    def restore_span(self, span: Span) -> Span: ...
    def change_span(self, span_id: int, **changes) -> Span: ...


class Command(Protocol):
    description: str
    document_id: int | None  # known once applied: the document the edit touched
    span_id: int | None  # the span the edit touched, if any

    def apply(self, repo: SpanRepository) -> None: ...
    def inverse(self) -> "Command": ...


@dataclass
class CreateSpan:
    document_id: int
    span: Span
    description: str = "create span"
    created: Span | None = None

    @property
    def span_id(self) -> int | None:
        return self.created.id if self.created else None

    def apply(self, repo: SpanRepository) -> None:
        if self.created is None:
            self.created = repo.add_span(self.document_id, self.span)
        else:  # redo keeps the id the span had, so later commands still find it
            self.created = repo.restore_span(self.created)

    def inverse(self) -> Command:
        return DeleteSpan(self.created.id, description=f"undo {self.description}", removed=self.created)


@dataclass
class DeleteSpan:
    span_id: int
    description: str = "delete span"
    removed: Span | None = None

    @property
    def document_id(self) -> int | None:
        return self.removed.document_id if self.removed else None

    def apply(self, repo: SpanRepository) -> None:
        self.removed = repo.get_span(self.span_id)
        repo.remove_span(self.span_id)

    def inverse(self) -> Command:
        return CreateSpan(self.removed.document_id, self.removed,
                          description=f"undo {self.description}", created=self.removed)


@dataclass
class ChangeSpan:
    """Relabel, resize or edit the attribution of one span."""

    span_id: int
    changes: dict = field(default_factory=dict)
    description: str = "change span"
    before: dict | None = None
    document_id: int | None = None

    def apply(self, repo: SpanRepository) -> None:
        old = repo.get_span(self.span_id)
        self.document_id = old.document_id
        self.before = {name: getattr(old, name) for name in self.changes}
        if "start" in self.changes or "end" in self.changes:
            self.before["text"] = old.text
        repo.change_span(self.span_id, **self.changes)

    def inverse(self) -> Command:
        return ChangeSpan(self.span_id, dict(self.before), description=f"undo {self.description}")


@dataclass
class SetStatus:
    """Mark a document new, in progress, done or skipped."""

    document_id: int
    status: str
    description: str = "set status"
    before: str | None = None
    span_id: None = None

    def apply(self, repo) -> None:
        self.before = repo.document(self.document_id).status
        repo.set_status(self.document_id, self.status)

    def inverse(self) -> Command:
        return SetStatus(self.document_id, self.before, description=f"undo {self.description}")


class History:
    """Undo/redo stacks over commands, each applied in one transaction."""

    def __init__(self, repo: SpanRepository):
        self.repo = repo
        self._undo: list[Command] = []
        self._redo: list[Command] = []

    def run(self, command: Command) -> Command:
        self._apply(command)
        self._undo.append(command)
        self._redo.clear()
        return command

    def undo(self) -> Command | None:
        if not self._undo:
            return None
        command = self._undo.pop()
        inverse = command.inverse()
        self._apply(inverse)
        self._redo.append(command)
        return inverse

    def redo(self) -> Command | None:
        if not self._redo:
            return None
        command = self._redo.pop()
        self._apply(command)  # each command re-applies itself faithfully
        self._undo.append(command)
        return command

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def _apply(self, command: Command) -> None:
        with self.repo.transaction():
            command.apply(self.repo)
