"""``agreement(...)``: every figure for two or more annotators, over the corpus and per
document, overall and per label, with the disagreements behind them."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.gc_pause import cyclic_gc_paused
from ..core.model import Span
from ..store import Project
from .disagreements import KINDS, Disagreement
from .scores import PairResult, Scores, pair_results, scope_scores
from .tally import Tally, document_tally
from .units import COVERAGE, build_units


class AgreementError(ValueError):
    """The comparison cannot be made as asked; the message is for users."""


@dataclass(frozen=True)
class ScopeResult:
    """The figures of the corpus, or of one document."""

    documents: int
    tokens: int
    characters: int
    overall: Scores
    by_label: dict[str, Scores]
    pairs: list[PairResult]
    disagreements: dict[str, int]  # by kind

    def to_json(self) -> dict:
        return {"documents": self.documents, "tokens": self.tokens,
                "characters": self.characters, "overall": self.overall.to_json(),
                "by_label": {label: s.to_json() for label, s in self.by_label.items()},
                "pairs": [pair.to_json() for pair in self.pairs],
                "disagreements": self.disagreements}


@dataclass(frozen=True)
class DocumentResult:
    document_id: int | None
    title: str
    figures: ScopeResult

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "title": self.title, **self.figures.to_json()}


@dataclass(frozen=True)
class AgreementReport:
    annotators: list[str]
    labels: list[str]
    coverage: str
    statuses: list[str] | None  # None: any status
    corpus: ScopeResult
    documents: list[DocumentResult]
    disagreements: list[Disagreement]

    def to_json(self) -> dict:
        return {"annotators": self.annotators, "labels": self.labels,
                "coverage": self.coverage, "statuses": self.statuses or "any",
                "corpus": self.corpus.to_json(),
                "documents": [d.to_json() for d in self.documents],
                "disagreements": [d.to_json() for d in self.disagreements]}


def agreement(source: Project | Iterable[tuple[object, list[Span]]], annotators: list[str],
              labels: list[str] | None = None, statuses: list[str] | None = None,
              coverage: str = "all") -> AgreementReport:
    """Compare ``annotators`` on a project's documents (of ``statuses``; None: any), or
    on (document, spans) pairs. ``labels``: only these (default: all). ``coverage``:
    which documents count (units.py): "all", "some" or "any"."""
    if coverage not in COVERAGE:
        raise AgreementError(f"unknown coverage {coverage!r}; use one of {', '.join(COVERAGE)}")
    if isinstance(source, Project):
        pairs = source.documents_with_spans(statuses)
        known_annotators = source.distinct_values("annotator")
        known_labels = source.label_names()
        known_labels += sorted(set(source.counts_by_label()) - set(known_labels))
    else:
        pairs = list(source)
        known_annotators = sorted({s.annotator for _, spans in pairs for s in spans} - {""})
        known_labels = sorted({s.label for _, spans in pairs for s in spans})
        if labels is not None:  # no catalogue of labels to check them against
            known_labels += [label for label in labels if label not in known_labels]
    _check_annotators(annotators, known_annotators)
    chosen = _check_labels(labels, known_labels)
    with cyclic_gc_paused():  # about a seventh of the time (see core/gc_pause.py)
        documents = build_units(pairs, annotators, chosen, coverage)
        return _report(documents, annotators, chosen, coverage, statuses)


def _report(documents, names, labels, coverage, statuses) -> AgreementReport:
    corpus = Tally(len(names), labels)
    per_document, found = [], []
    for document in documents:
        tally, disagreements = document_tally(document, names, labels)
        corpus.add(tally)
        found += disagreements
        per_document.append(DocumentResult(document.document_id, document.title,
                                           _scope(tally, names)))
    return AgreementReport(list(names), labels, coverage, statuses, _scope(corpus, names),
                           per_document, found)


def _scope(tally: Tally, names: list[str]) -> ScopeResult:
    pairs = pair_results(tally, names)
    overall, by_label = scope_scores(tally, pairs)
    return ScopeResult(tally.documents, tally.tokens, tally.characters, overall, by_label,
                       pairs, {kind: tally.kinds[kind] for kind in KINDS})


def _check_annotators(annotators: list[str], known: list[str]) -> None:
    present = ", ".join(known) if known else "none: no span names its annotator"
    if len(annotators) < 2:
        raise AgreementError("agreement needs at least two annotators; annotators with "
                             f"spans: {present}")
    repeated = sorted({name for name in annotators if annotators.count(name) > 1})
    if repeated:
        raise AgreementError(f"annotator {repeated[0]!r} is named twice")
    unknown = [name for name in annotators if name not in known]
    if unknown:
        raise AgreementError(f"no spans by annotator {unknown[0]!r}; annotators with spans: "
                             f"{present}")


def _check_labels(labels: list[str] | None, known: list[str]) -> list[str]:
    if labels is None:
        return list(known)
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise AgreementError(f"unknown label {unknown[0]!r}; labels: {', '.join(known)}")
    return list(dict.fromkeys(labels))
