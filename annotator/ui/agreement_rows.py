"""What the agreement window's tables say, as plain strings and numbers: which
figures are shown, what each means in one line, the documents worst first and the
disagreements of one document. No Qt here, so it is tested with plain values."""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from ..agreement.disagreements import Disagreement
from ..agreement.report import AgreementReport, DocumentResult
from ..agreement.scores import Scores
from ..agreement.table import FIGURES, number
from .plain_text import one_line

# One line per figure, for the column headers' tooltips. Per label the token measures
# are one-vs-rest (a token has the label or it has not).
MEANINGS = {
    "exact_f1": "Spans with the same start, end and label, as an F1 score between two "
                "annotators.",
    "overlap_f1": "Spans with the same label sharing at least one character, paired one "
                  "to one, as an F1 score.",
    "cohen_kappa": "Cohen's kappa: token by token agreement of two annotators, corrected "
                   "for chance.",
    "fleiss_kappa": "Fleiss' kappa: token by token agreement of all annotators at once, "
                    "corrected for chance.",
    "alpha": "Krippendorff's alpha (nominal) on tokens: disagreement observed over "
             "disagreement expected by chance.",
    "unitizing_alpha": "Krippendorff's unitizing alpha on character positions: where spans "
                       "begin and end counts.",
}
MEAN_OF_PAIRS = ("exact_f1", "overlap_f1", "cohen_kappa")
OVERALL = "overall"
NOTHING = "—"  # the other side of a "missing" disagreement


class Figure(NamedTuple):
    key: str  # a field of Scores
    title: str  # the column header
    meaning: str  # the header's tooltip
    short: str  # the header where room is short (the tooltip still says "mean")


def figures(annotators: int) -> list[Figure]:
    """The columns for this many annotators: with two, Fleiss' kappa is Cohen's and is
    left out; with more, the pairwise figures are the mean over the pairs."""
    shown = []
    for short, key in FIGURES:
        if key == "fleiss_kappa" and annotators < 3:
            continue
        title, meaning = short, MEANINGS[key]
        if annotators >= 3 and key in MEAN_OF_PAIRS:
            title += " (mean)"
            meaning += f" The mean over the {annotators * (annotators - 1) // 2} pairs."
        shown.append(Figure(key, title, meaning, short))
    return shown


def values(scores: Scores, shown: list[Figure]) -> list[float | None]:
    return [getattr(scores, figure.key) for figure in shown]


def texts(scores: Scores, shown: list[Figure]) -> list[str]:
    """Each figure to three decimals, "n/a" where it is not defined."""
    return [number(value) for value in values(scores, shown)]


def scope_rows(report: AgreementReport) -> list[tuple[str, Scores]]:
    """The rows of the figures table: overall first, then each label."""
    corpus = report.corpus
    return [(OVERALL, corpus.overall), *corpus.by_label.items()]


def document_name(document: DocumentResult) -> str:
    return one_line(document.title.strip()) or f"document {document.document_id}"


def disagreement_count(document: DocumentResult) -> int:
    return sum(document.figures.disagreements.values())


def worst_first(documents: list[DocumentResult]) -> list[DocumentResult]:
    """Documents by exact F1, lowest first (the one figure every kind of disagreement
    lowers: missing spans, other labels, other boundaries), then overlap F1, then the
    most disagreements; documents where neither is defined (no spans of the compared
    labels) last, and otherwise in the project's order."""
    def key(document: DocumentResult):
        overall = document.figures.overall
        return (_undefined_last(overall.exact_f1), _undefined_last(overall.overlap_f1),
                -disagreement_count(document))
    return sorted(documents, key=key)  # stable: ties keep the project's order


def _undefined_last(value: float | None) -> float:
    return float("inf") if value is None else value


def by_document(found: list[Disagreement]) -> dict[int | None, list[Disagreement]]:
    """Each document's disagreements in text order (the report lists them pair by pair)."""
    grouped: dict[int | None, list[Disagreement]] = defaultdict(list)
    for disagreement in found:
        grouped[disagreement.document_id].append(disagreement)
    for items in grouped.values():
        items.sort(key=lambda d: (d.span.start, d.span.end, d.annotator, d.other_annotator))
    return dict(grouped)


def disagreement_cells(item: Disagreement) -> list[str]:
    """kind, annotator, label, span text, other annotator, their label, their span text."""
    other = item.other
    return [item.kind, item.annotator, item.span.label, one_line(item.span.text),
            item.other_annotator, other.label if other is not None else NOTHING,
            one_line(other.text) if other is not None else NOTHING]


def disagreement_tooltip(item: Disagreement) -> str:
    """The whole story of one disagreement, as plain text."""
    mine = f"{item.annotator}: {item.span.label} [{item.span.start}, {item.span.end})\n" \
           f"  {item.span.text}"
    if item.other is None:
        theirs = f"{item.other_annotator}: nothing here"
    else:
        theirs = (f"{item.other_annotator}: {item.other.label} "
                  f"[{item.other.start}, {item.other.end})\n  {item.other.text}")
    why = {"missing": "only one of them marked this",
           "label": "they gave the same words different labels",
           "boundary": "same label, different start or end"}[item.kind]
    return f"{item.kind}: {why}\n{mine}\n{theirs}\nDouble-click to open it in the main window."


def summary(report: AgreementReport) -> str:
    """One line under the controls: what was compared and how many disagreements."""
    corpus = report.corpus
    documents = "1 document" if corpus.documents == 1 else f"{corpus.documents:,} documents"
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in corpus.disagreements.items())
    total = sum(corpus.disagreements.values())
    return (f"{', '.join(report.annotators)}: {documents}, {corpus.tokens:,} tokens, "
            f"{corpus.characters:,} characters; {total:,} disagreements ({kinds}).")
