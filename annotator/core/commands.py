"""Edit commands: the one path by which a user's edit reaches the project.

Each command applies itself through a :class:`SpanRepository` (the store
implements it) and knows its inverse. :class:`History` runs every apply inside
one repository transaction, so a command is either wholly committed or not at
all, and undo is itself a committed edit.

Another program (a second window, a command-line import) may change the project
between two commands. A command whose span vanished or changed meanwhile is
refused with :class:`CommandFailed` instead of crashing or overwriting that
other program's work.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from .model import ContractError, Span

# What makes two versions of a span the same annotation (ids and times aside).
SPAN_CONTENT = ("document_id", "start", "end", "label", "text",
                "speaker", "target", "cue", "note", "annotator")


class CommandFailed(ContractError):
    """A command cannot be applied any more: what it works on was deleted or changed
    outside this history (in another program). The message is meant for users."""


class SpanRepository(Protocol):
    def transaction(self) -> AbstractContextManager: ...
    def document_status(self, document_id: int) -> str: ...
    def set_status(self, document_id: int, status: str) -> None: ...
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


# A document's status as an edit moved it on the side: (before, after), or None.
StatusMove = tuple[str, str] | None


@dataclass
class CreateSpan:
    """Add a span to a document; undone by removing the span it created.

    The store marks a new document in progress on its first span: the command records
    that move (``status_move``), so that its undo puts the document back to new and its
    redo marks it in progress again."""
    document_id: int
    span: Span
    description: str = "create span"
    created: Span | None = None
    status_move: StatusMove = None

    @property
    def span_id(self) -> int | None:
        return self.created.id if self.created else None

    def apply(self, repo: SpanRepository) -> None:
        if self.created is None:
            before = repo.document_status(self.document_id)
            self.created = repo.add_span(self.document_id, self.span)
            after = repo.document_status(self.document_id)
            self.status_move = (before, after) if after != before else None
        else:  # redo keeps the id the span had, so later commands still find it
            self.created = repo.restore_span(self.created)
            move_status(repo, self.document_id, self.status_move)

    def inverse(self) -> Command:
        return DeleteSpan(self.created.id, description=f"undo {self.description}",
                          removed=self.created, status_move=reversed_move(self.status_move))


@dataclass
class DeleteSpan:
    """Remove a span; undone by putting the removed span back, same id. As the undo of a
    CreateSpan it also takes back the status that creation moved (``status_move``)."""
    span_id: int
    description: str = "delete span"
    removed: Span | None = None
    status_move: StatusMove = None

    @property
    def document_id(self) -> int | None:
        return self.removed.document_id if self.removed else None

    def apply(self, repo: SpanRepository) -> None:
        current = repo.get_span(self.span_id)
        # an undo or redo deletes only the span it knows: the id may have been reused
        if self.removed is not None and not same_content(current, self.removed):
            raise CommandFailed(f"Cannot {self.description}: the span was changed in "
                                "another program.")
        self.removed = current
        repo.remove_span(self.span_id)
        move_status(repo, current.document_id, self.status_move)

    def inverse(self) -> Command:
        return CreateSpan(self.removed.document_id, self.removed,
                          description=f"undo {self.description}", created=self.removed,
                          status_move=reversed_move(self.status_move))


def move_status(repo: SpanRepository, document_id: int, move: StatusMove) -> None:
    """Move a document's status from ``move``'s first to its second, if it still holds the
    first: a status set since (done, skipped; here or in another program) is the analyst's
    decision, which undoing or redoing a span edit leaves alone."""
    if move is not None and repo.document_status(document_id) == move[0]:
        repo.set_status(document_id, move[1])


def reversed_move(move: StatusMove) -> StatusMove:
    return (move[1], move[0]) if move is not None else None


@dataclass
class ChangeSpan:
    """Relabel, resize or edit the attribution of one span."""

    span_id: int
    changes: dict = field(default_factory=dict)
    description: str = "change span"
    before: dict | None = None
    document_id: int | None = None
    # the values the span must hold for this to apply: an undo or a redo finds the span
    # as this history left it, or is refused rather than overwrite another program's edit
    expected: dict | None = None
    after: dict | None = None

    def apply(self, repo: SpanRepository) -> None:
        old = repo.get_span(self.span_id)
        if self.expected is not None and any(getattr(old, name) != value
                                             for name, value in self.expected.items()):
            raise CommandFailed(f"Cannot {self.description}: the span was changed in "
                                "another program.")
        self.document_id = old.document_id
        self.before = {name: getattr(old, name) for name in self.changes}
        if "start" in self.changes or "end" in self.changes:
            self.before["text"] = old.text
        new = repo.change_span(self.span_id, **self.changes)
        self.after = {name: getattr(new, name) for name in self.before}
        self.expected = dict(self.before)  # what a redo, after the undo, must find

    def inverse(self) -> Command:
        return ChangeSpan(self.span_id, dict(self.before), description=f"undo {self.description}",
                          expected=dict(self.after))


@dataclass
class SetStatus:
    """Mark a document new, in progress, done or skipped."""

    document_id: int
    status: str
    description: str = "set status"
    before: str | None = None
    span_id: None = None
    expected: str | None = None  # the status an undo or redo must find (see ChangeSpan)

    def apply(self, repo) -> None:
        self.before = repo.document(self.document_id).status
        if self.expected is not None and self.before != self.expected:
            raise CommandFailed(f"Cannot {self.description}: the document was marked "
                                f"{self.before} in another program.")
        repo.set_status(self.document_id, self.status)
        self.expected = self.before

    def inverse(self) -> Command:
        return SetStatus(self.document_id, self.before, description=f"undo {self.description}",
                         expected=self.status)


class History:
    """Undo/redo stacks over commands, each applied in one transaction.

    A command refused because its target vanished or changed elsewhere
    (ContractError, CommandFailed) leaves the stacks: it can never apply again.
    Any other failure (the project busy in another program) leaves them as they
    were, so that the same undo can be tried again.
    """

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
        command = self._undo[-1]
        inverse = command.inverse()
        self._apply_or_drop(inverse, self._undo)
        self._redo.append(self._undo.pop())
        return inverse

    def redo(self) -> Command | None:
        if not self._redo:
            return None
        command = self._redo[-1]
        self._apply_or_drop(command, self._redo)  # each command re-applies itself faithfully
        self._undo.append(self._redo.pop())
        return command

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def _apply_or_drop(self, command: Command, stack: list[Command]) -> None:
        try:
            self._apply(command)
        except ContractError:
            stack.pop()  # refused for good: the next undo (or redo) is the one before it
            raise

    def _apply(self, command: Command) -> None:
        try:
            with self.repo.transaction():
                command.apply(self.repo)
        except KeyError as missing:  # the repository's "no span 12": deleted elsewhere
            reason = missing.args[0] if missing.args else "it no longer exists"
            raise CommandFailed(f"Cannot {command.description}: {reason}; it was probably "
                                "deleted in another program.") from None


def same_content(one: Span, other: Span) -> bool:
    return all(getattr(one, name) == getattr(other, name) for name in SPAN_CONTENT)
