"""An AgreementReport as plain-text tables for a terminal."""
from __future__ import annotations

from ..core.selection import shortened
from .report import AgreementReport, ScopeResult
from .scores import Scores

NOT_DEFINED = "n/a"
COVERAGE_WORDS = {
    "all": "each annotated by every one of them",
    "some": "each annotated by at least two of them",
    "any": "each annotated by at least one of them; no span there counts as nothing found",
}
FIGURES = (("exact F1", "exact_f1"), ("overlap F1", "overlap_f1"), ("Cohen κ", "cohen_kappa"),
           ("Fleiss κ", "fleiss_kappa"), ("α tokens", "alpha"), ("α_u chars", "unitizing_alpha"))


def format_table(report: AgreementReport, per_document: bool = False) -> str:
    corpus = report.corpus
    names = ", ".join(report.annotators)
    statuses = ", ".join(report.statuses) if report.statuses else "any"
    documents = "1 document" if corpus.documents == 1 else f"{corpus.documents:,} documents"
    lines = [(f"Agreement of {names}: {documents} "
              f"({COVERAGE_WORDS[report.coverage]}), {corpus.tokens:,} tokens, "
              f"{corpus.characters:,} characters; statuses: {statuses}")]
    if len(report.annotators) > 2:
        lines.append(f"Span F1 and Cohen's κ are the mean over the {len(corpus.pairs)} pairs; "
                     "Fleiss' κ and α take all annotators at once.")
    figures = _figures(report)
    rows = [[label, *_values(scores, figures)] for label, scores in corpus.by_label.items()]
    rows.append(["overall", *_values(corpus.overall, figures)])
    lines += ["", *_grid(["label", *(title for title, _ in figures)], rows)]
    lines += ["", *_pairs(corpus)]
    lines += ["", _disagreement_line(corpus)]
    if per_document:
        lines += ["", *_documents(report, figures)]
    return "\n".join(lines) + "\n"


def _figures(report: AgreementReport):
    if len(report.annotators) > 2:
        return FIGURES
    return tuple(f for f in FIGURES if f[1] != "fleiss_kappa")  # Cohen's is the pair's own


def _values(scores: Scores, figures) -> list[str]:
    return [number(getattr(scores, key)) for _, key in figures]


def number(value: float | None) -> str:
    return NOT_DEFINED if value is None else f"{value:.3f}"


def _pairs(corpus: ScopeResult) -> list[str]:
    rows = []
    for pair in corpus.pairs:
        o = pair.overall
        rows.append([" – ".join(o.annotators), f"{o.documents:,}",
                     f"{o.spans[0]:,} / {o.spans[1]:,}", f"{o.exact_matched:,}",
                     f"{o.overlap_matched:,}", number(o.exact_f1), number(o.overlap_f1),
                     number(o.cohen_kappa)])
    header = ["pair", "documents", "spans", "exact", "overlapping", "exact F1", "overlap F1",
              "Cohen κ"]
    return _grid(header, rows) if rows else ["no two annotators share a document"]


def _disagreement_line(scope: ScopeResult) -> str:
    total = sum(scope.disagreements.values())
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in scope.disagreements.items())
    return f"Disagreements: {total:,} ({kinds}); --format json lists each one."


def _documents(report: AgreementReport, figures) -> list[str]:
    rows = []
    for document in report.documents:
        scores = document.figures.overall
        rows.append([str(document.document_id), _short(document.title),
                     *_values(scores, figures), f"{sum(document.figures.disagreements.values())}"])
    header = ["document", "title", *(title for title, _ in figures), "disagreements"]
    return _grid(header, rows) if rows else ["no documents compared"]


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell; text left, numbers right."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    out = []
    for number_of_row, row in enumerate([header, *rows]):
        cells = [cell.ljust(width) if i == 0 or (i == 1 and header[1] == "title")
                 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths))]
        out.append("  ".join(cells).rstrip())
        if number_of_row == 0:
            out.append("  ".join("-" * width for width in widths))
    return out


def _short(title: str, limit: int = 40) -> str:
    return shortened(" ".join(title.split()), limit)
