"""The figures of one scope (the corpus or one document) from its Tally.

With two annotators every figure is that pair's. With more: span F1 and Cohen's kappa
are the mean over the pairs (where defined; each pair also reported), Fleiss' kappa
and both alphas take all annotators at once. Per label, the token measures are
one-vs-rest (a token is the label or it is not); span F1 counts that label's spans.
"""
from __future__ import annotations

from statistics import fmean
from typing import NamedTuple

from .alpha import nominal_alphas, unitizing_alphas
from .kappa import cohen_kappas, fleiss_kappas
from .ratings import complete_ratings, pair_ratings
from .span_f1 import Matches, matches
from .tally import Tally


class Scores(NamedTuple):  # tuples: a report holds thousands, one per document and label
    exact_f1: float | None = None
    overlap_f1: float | None = None
    cohen_kappa: float | None = None
    fleiss_kappa: float | None = None  # 3 or more annotators
    alpha: float | None = None  # Krippendorff's, nominal, on tokens
    unitizing_alpha: float | None = None  # alpha-u, on characters

    def to_json(self) -> dict:
        return dict(zip(self._fields, self))


class PairScores(NamedTuple):
    annotators: tuple[str, str]
    documents: int
    spans: tuple[int, int]  # each annotator's spans in those documents
    exact_matched: int
    overlap_matched: int
    exact_f1: float | None
    overlap_f1: float | None
    cohen_kappa: float | None

    def to_json(self) -> dict:
        return {"annotators": list(self.annotators), "documents": self.documents,
                "spans": list(self.spans), "exact_matched": self.exact_matched,
                "overlap_matched": self.overlap_matched, "exact_f1": self.exact_f1,
                "overlap_f1": self.overlap_f1, "cohen_kappa": self.cohen_kappa}


class PairResult(NamedTuple):
    overall: PairScores
    by_label: dict[str, PairScores]

    def to_json(self) -> dict:
        return {"overall": self.overall.to_json(),
                "by_label": {label: s.to_json() for label, s in self.by_label.items()}}


def pair_results(tally: Tally, names: list[str]) -> list[PairResult]:
    out = []
    for pair in sorted(tally.pair_documents):
        table = pair_ratings(tally.ratings, *pair)
        kappa, kappas = cohen_kappas(table, tally.labels)
        exact, exact_by_label = matches(tally.span_counts[pair], tally.labels, "exact")
        overlap, overlap_by_label = matches(tally.span_counts[pair], tally.labels, "overlap")
        common = ((names[pair[0]], names[pair[1]]), tally.pair_documents[pair])
        by_label = {label: _pair_scores(common, exact_by_label[label], overlap_by_label[label],
                                        kappas[label])
                    for label in tally.labels}
        out.append(PairResult(_pair_scores(common, exact, overlap, kappa), by_label))
    return out


def _pair_scores(common: tuple[tuple[str, str], int], exact: Matches, overlap: Matches,
                 kappa: float | None) -> PairScores:
    return PairScores(*common, (exact.first, exact.second), exact.matched, overlap.matched,
                      exact.f1, overlap.f1, kappa)


def scope_scores(tally: Tally, pairs: list[PairResult]) -> tuple[Scores, dict[str, Scores]]:
    """The overall figures and the figures per label."""
    labels = tally.labels
    fleiss, fleiss_by_label = (fleiss_kappas(complete_ratings(tally.ratings), labels)
                               if tally.annotators >= 3 else (None, {}))
    alpha, alpha_by_label = nominal_alphas(tally.ratings, labels)
    unitizing, unitizing_by_label = (unitizing_alphas(tally.unitizing) if tally.unitizing
                                     else (None, {}))
    overall_scores = Scores(
        exact_f1=_mean(p.overall.exact_f1 for p in pairs),
        overlap_f1=_mean(p.overall.overlap_f1 for p in pairs),
        cohen_kappa=_mean(p.overall.cohen_kappa for p in pairs),
        fleiss_kappa=fleiss,
        alpha=alpha,
        unitizing_alpha=unitizing)
    by_label = {}
    for label in labels:
        by_label[label] = Scores(
            exact_f1=_mean(p.by_label[label].exact_f1 for p in pairs),
            overlap_f1=_mean(p.by_label[label].overlap_f1 for p in pairs),
            cohen_kappa=_mean(p.by_label[label].cohen_kappa for p in pairs),
            fleiss_kappa=fleiss_by_label.get(label),
            alpha=alpha_by_label[label],
            unitizing_alpha=unitizing_by_label.get(label))
    return overall_scores, by_label


def _mean(values) -> float | None:
    defined = [v for v in values if v is not None]
    return fmean(defined) if defined else None
