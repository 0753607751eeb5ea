"""Adjudication in the project file: the lead's decisions, and progress per document.

Mixed into Project, so the adjudication commands reach these methods through the
same repository as span edits (a LabelStore hands unknown names to its project)
and run in the History's transaction.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..core.adjudication import clusters, compared_names, progress
from ..core.decisions import Decision, decision_problem
from ..core.model import ContractError, now_iso

DECISION_FIELDS = ("id", "document_id", "start", "end", "verdict", "annotator", "created")
_COLUMNS = ", ".join(f'"{name}"' for name in DECISION_FIELDS)


class AdjudicationDecisions:
    """Decisions and adjudication progress; needs the Project's ``db``, ``transaction``,
    ``document_text`` and ``documents_with_spans``."""

    def decisions(self, document_id: int) -> list[Decision]:
        cursor = self.conn.execute(f'SELECT {_COLUMNS} FROM decisions WHERE document_id = ? '
                                   'ORDER BY start, "end", id', [document_id])
        return [Decision(**dict(zip(DECISION_FIELDS, row))) for row in cursor]

    def decision(self, decision_id: int) -> Decision:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM decisions WHERE id = ?",
                                [decision_id]).fetchone()
        if row is None:
            raise KeyError(f"no decision {decision_id}")
        return Decision(**dict(zip(DECISION_FIELDS, row)))

    def add_decision(self, document_id: int, start: int, end: int, verdict: str = "rejected",
                     annotator: str = "") -> Decision:
        decision = Decision(document_id, start, end, verdict, annotator, created=now_iso())
        self._check_decision(decision)
        with self.transaction():
            row = {name: getattr(decision, name) for name in DECISION_FIELDS if name != "id"}
            decision_id = self.db["decisions"].insert(row).last_pk
        return self.decision(decision_id)

    def add_decisions(self, document_id: int, decisions: Iterable[Decision]) -> int:
        """Store decisions made in another project (a colleague's, merged) in this
        document, with their lead and time; all or none. How many were stored."""
        rows = []
        for decision in decisions:
            decision = Decision(document_id, decision.start, decision.end, decision.verdict,
                                decision.annotator, created=decision.created or now_iso())
            self._check_decision(decision)
            rows.append({name: getattr(decision, name) for name in DECISION_FIELDS if name != "id"})
        if rows:
            with self.transaction():
                self.db["decisions"].insert_all(rows)
        return len(rows)

    def restore_decision(self, decision: Decision) -> Decision:
        """Put back a removed decision with its id and time (redo, undo of a reopen)."""
        self._check_decision(decision)
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM decisions WHERE id = ?", [decision.id]).fetchone():
                raise ContractError(f"decision {decision.id} cannot be put back: its id now "
                                    "belongs to a decision made in another program")
            self.db["decisions"].insert({name: getattr(decision, name) for name in DECISION_FIELDS})
        return self.decision(decision.id)

    def remove_decision(self, decision_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM decisions WHERE id = ?", [decision_id])

    def _check_decision(self, decision: Decision) -> None:
        length = len(self.document_text(decision.document_id))  # KeyError: no such document
        reason = decision_problem(decision.start, decision.end, decision.verdict, length)
        if reason:
            raise ContractError(f"decision [{decision.start}, {decision.end}): {reason}")

    def adjudication_progress(self, annotators: Iterable[str] | None = None
                              ) -> dict[int, tuple[int, int]]:
        """(settled, clusters) per document where at least two of ``annotators`` (by
        default: everyone with spans there, gold aside) marked something.

        One pass over the corpus (documents with their spans, then all rejections), not
        one query per document; the figures are those of core.adjudication.progress."""
        chosen = list(annotators) if annotators is not None else None
        rejected = self.rejected_regions()
        found = {}
        for document, spans in self.documents_with_spans():
            figures = _progress(spans, chosen, rejected.get(document.id, ()))
            if figures is not None:
                found[document.id] = figures
        return found

    def document_adjudication_progress(self, document_id: int,
                                       annotators: Iterable[str] | None = None
                                       ) -> tuple[int, int] | None:
        """adjudication_progress of one document; None if it has nothing to adjudicate."""
        chosen = list(annotators) if annotators is not None else None
        regions = [(d.start, d.end) for d in self.decisions(document_id) if d.verdict == "rejected"]
        return _progress(self.spans(document_id), chosen, regions)

    def rejected_regions(self) -> dict[int, list[tuple[int, int]]]:
        """Every document's rejected (start, end) regions, in one query."""
        regions: dict[int, list[tuple[int, int]]] = {}
        for document_id, start, end in self.conn.execute(
                "SELECT document_id, start, \"end\" FROM decisions WHERE verdict = 'rejected'"):
            regions.setdefault(document_id, []).append((start, end))
        return regions


def _progress(spans, chosen: list[str] | None, rejected) -> tuple[int, int] | None:
    names = compared_names(spans, chosen)
    return None if names is None else progress(clusters(spans, names, rejected))
