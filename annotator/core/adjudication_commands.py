"""Adjudication edits as undoable commands: accept versions into gold (overruling a
rejection there, if any), reject a cluster (nothing goes to gold), reopen a cluster.

They follow the protocol of core/commands.py (apply, inverse, description,
document_id, span_id), so they share the window's one undo history. One command
may touch several spans, or none (a decision): ``span_ids`` lists them, which tells
the session to read the document again instead of following one span.

Redo puts back exactly what the first apply made, with the same ids, so commands
later in the history still find their spans; an undo removes only what still
holds the content it made, or is refused (CommandFailed) rather than remove what
another program changed meanwhile.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .adjudication import gold_copy, place_of, rivals, version_of
from .commands import (Command, CommandFailed, SpanRepository, StatusMove, move_status,
                       reversed_move, same_content)
from .decisions import Decision
from .layers import GOLD
from .model import Span


class AdjudicationRepository(SpanRepository, Protocol):
    def spans(self, document_id: int) -> list[Span]: ...
    def decision(self, decision_id: int) -> Decision: ...
    def add_decision(self, document_id: int, start: int, end: int, verdict: str,
                     annotator: str) -> Decision: ...
    def restore_decision(self, decision: Decision) -> Decision: ...
    def remove_decision(self, decision_id: int) -> None: ...


def new_gold_copies(spans: list[Span], gold: list[Span]) -> list[Span]:
    """Gold copies of ``spans`` that gold does not hold yet: a copy of the same version
    as a gold span (or as an earlier copy: offsets, label and attribution) would only be
    a duplicate. A span gold holds with another speaker is not the same version."""
    held = set(map(version_of, gold))
    copies = []
    for span in spans:
        if version_of(span) not in held:
            held.add(version_of(span))
            copies.append(gold_copy(span))
    return copies


def replaced_by(copies: list[Span], gold: list[Span]) -> list[Span]:
    """The gold spans that ``copies`` take the place of: the same offsets and label,
    another attribution (gold says once who said what there)."""
    places = set(map(place_of, copies))
    return [span for span in gold if place_of(span) in places]


@dataclass
class AcceptIntoGold:
    """Copy one or more annotators' spans into the gold layer, as one edit; a gold span
    at the same place with another attribution makes way for the copy in the same edit."""

    document_id: int
    spans: list[Span]
    description: str = "accept into gold"
    created: list[Span] | None = None
    replaced: list[Span] = field(default_factory=list)  # gold spans the copies took over from
    dropped: list[Decision] = field(default_factory=list)  # rejections the accept overrules
    status_move: StatusMove = None  # a new document's first spans begin it (see CreateSpan)

    @property
    def span_ids(self) -> tuple[int, ...]:
        return tuple(span.id for span in self.created or ())

    @property
    def span_id(self) -> int | None:
        return self.span_ids[0] if self.span_ids else None

    def apply(self, repo: AdjudicationRepository) -> None:
        if self.created is not None:  # redo: the same spans, with the ids they had
            take_out(repo, self.replaced, self.dropped, self.description)
            self.created = [repo.restore_span(span) for span in self.created]
            move_status(repo, self.document_id, self.status_move)
            return
        clashing = rivals(self.spans)
        if clashing:  # gold would say two things about who said what at one place
            raise CommandFailed(f"Cannot {self.description}: the versions differ in "
                                f"attribution at characters {clashing[0][0].start}–"
                                f"{clashing[0][0].end}; accept one of them.")
        gold = [span for span in repo.spans(self.document_id) if span.annotator == GOLD]
        copies = new_gold_copies(self.spans, gold)
        if not copies and not self.dropped:  # e.g. another program accepted it meanwhile
            raise CommandFailed(f"Cannot {self.description}: gold already holds it.")
        before = repo.document_status(self.document_id)
        self.replaced = replaced_by(copies, gold)
        take_out(repo, self.replaced, self.dropped, self.description)
        self.created = [repo.add_span(self.document_id, copy) for copy in copies]
        after = repo.document_status(self.document_id)
        self.status_move = (before, after) if after != before else None

    def inverse(self) -> Command:
        return Withdraw(self.document_id, spans=list(self.created),
                        description=f"undo {self.description}",
                        status_move=reversed_move(self.status_move),
                        swapped=list(self.replaced), swapped_decisions=list(self.dropped))


@dataclass
class RejectCluster:
    """Record that nothing in [start, end) of a document goes into gold."""

    document_id: int
    start: int
    end: int
    annotator: str = ""  # who decided
    description: str = "reject"
    decision: Decision | None = None

    @property
    def span_ids(self) -> tuple[int, ...]:
        return ()

    @property
    def span_id(self) -> None:
        return None

    def apply(self, repo: AdjudicationRepository) -> None:
        if self.decision is not None:  # redo: the same decision, with its id
            self.decision = repo.restore_decision(self.decision)
            return
        self.decision = repo.add_decision(self.document_id, self.start, self.end,
                                          "rejected", self.annotator)

    def inverse(self) -> Command:
        return Withdraw(self.document_id, decisions=[self.decision],
                        description=f"undo {self.description}")


@dataclass
class _GoldChange:
    """Gold spans and decisions that go out or come back together, in one command, and
    those that go the other way in the same step (``swapped``: the gold spans an accept
    replaced and the rejection it dropped, which its undo puts back)."""

    document_id: int
    spans: list[Span] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    description: str = ""
    status_move: StatusMove = None  # as the undo of an accept: the status it moved, back
    swapped: list[Span] = field(default_factory=list)
    swapped_decisions: list[Decision] = field(default_factory=list)

    @property
    def span_ids(self) -> tuple[int, ...]:
        return tuple(span.id for span in [*self.spans, *self.swapped])

    @property
    def span_id(self) -> int | None:
        return self.span_ids[0] if self.span_ids else None


@dataclass
class Withdraw(_GoldChange):
    """Take gold spans and decisions out (and put back what they had replaced): reopening
    a cluster, or the undo of an accept or a rejection."""

    description: str = "reopen"

    def apply(self, repo: AdjudicationRepository) -> None:
        take_out(repo, self.spans, self.decisions, self.description)
        self.swapped = [repo.restore_span(span) for span in self.swapped]
        self.swapped_decisions = [repo.restore_decision(d) for d in self.swapped_decisions]
        move_status(repo, self.document_id, self.status_move)

    def inverse(self) -> Command:
        return PutBack(self.document_id, list(self.spans), list(self.decisions),
                       description=f"undo {self.description}",
                       status_move=reversed_move(self.status_move), swapped=list(self.swapped),
                       swapped_decisions=list(self.swapped_decisions))


@dataclass
class PutBack(_GoldChange):
    """Restore withdrawn gold spans and decisions with their ids (the undo of a reopen),
    taking out again what they had made way for."""

    description: str = "put back"

    def apply(self, repo: AdjudicationRepository) -> None:
        take_out(repo, self.swapped, self.swapped_decisions, self.description)
        self.spans = [repo.restore_span(span) for span in self.spans]
        self.decisions = [repo.restore_decision(decision) for decision in self.decisions]
        move_status(repo, self.document_id, self.status_move)

    def inverse(self) -> Command:
        return Withdraw(self.document_id, list(self.spans), list(self.decisions),
                        description=f"undo {self.description}",
                        status_move=reversed_move(self.status_move), swapped=list(self.swapped),
                        swapped_decisions=list(self.swapped_decisions))


def take_out(repo: AdjudicationRepository, spans, decisions, description: str) -> None:
    """Remove gold spans and decisions, each only if it is still as this history left it:
    what another program changed meanwhile is its work, not ours to remove."""
    for span in spans:
        if not same_content(repo.get_span(span.id), span):
            raise CommandFailed(f"Cannot {description}: a gold span was changed "
                                "in another program.")
        repo.remove_span(span.id)
    for decision in decisions:
        if repo.decision(decision.id) != decision:
            raise CommandFailed(f"Cannot {description}: the decision was changed "
                                "in another program.")
        repo.remove_decision(decision.id)
