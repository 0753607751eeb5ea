"""Which documents and spans an export takes: filters over status, label, annotator,
source and date."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import STATUSES
from ..formats.export_base import ExportDoc
from ..store import Project
from .gold_review import GoldReview


class ExportError(Exception):
    """The export cannot be made; nothing was written. The message is for users."""


@dataclass
class ExportFilter:
    statuses: list[str] | None = field(default_factory=lambda: ["done"])  # None: any status
    labels: list[str] | None = None  # only spans with these labels
    annotators: list[str] | None = None  # only spans by these annotators
    sources: list[str] | None = None  # only documents from these sources
    since: str | None = None  # only documents published on or after (ISO date)
    until: str | None = None  # ... on or before

    def describe(self) -> dict:
        return {"status": self.statuses or "any", "labels": self.labels or "all",
                "annotators": self.annotators or "all", "sources": self.sources or "all",
                "since": self.since, "until": self.until}


def parse_statuses(value: str) -> list[str] | None:
    """'done', 'done,in-progress' or 'any' (None: every status)."""
    names = [part.strip() for part in value.split(",") if part.strip()]
    if not names or "any" in names:
        return None
    unknown = [name for name in names if name not in STATUSES]
    if unknown:
        raise ExportError(f"unknown status {unknown[0]!r}; use one of {', '.join(STATUSES)} or any")
    return names


def parse_list(value: str | None) -> list[str] | None:
    names = [part.strip() for part in (value or "").split(",") if part.strip()]
    return names or None


def parse_layer(value: str) -> list[str] | None:
    """--layer: "all" (every span, each keeping its annotator; None: no filter), "gold"
    (the adjudicated layer) or one annotator's name."""
    name = value.strip()
    if not name:
        raise ExportError("--layer needs gold, all or an annotator's name")
    return None if name == "all" else [name]


def select(project: Project, chosen: ExportFilter,
           review: GoldReview | None = None) -> list[ExportDoc]:
    """The documents and spans ``chosen``; ``review`` sees each with all its spans, and
    may leave it out (the gold layer leaves out what nobody adjudicated)."""
    _check_labels(project, chosen.labels)
    docs = []
    for document, spans in project.documents_with_spans(chosen.statuses):
        if not _document_wanted(document, chosen):
            continue
        exported = spans
        if chosen.labels is not None or chosen.annotators is not None:
            exported = [s for s in spans if _span_wanted(s, chosen)]
        if review is None or review.see(document, spans, exported):
            docs.append(ExportDoc(document, exported))
    if not docs and review is not None and review.left_out:
        raise ExportError(review.nothing_adjudicated())
    if not docs:
        raise ExportError(_nothing_selected(project, chosen))
    return docs


def _check_labels(project: Project, labels: list[str] | None) -> None:
    unknown = sorted(set(labels or ()) - set(project.label_names()))
    if unknown:
        raise ExportError(f"unknown label {unknown[0]!r}; this project has "
                          f"{', '.join(project.label_names())}")


def _document_wanted(document, chosen: ExportFilter) -> bool:
    if chosen.sources is not None and document.source not in chosen.sources:
        return False
    published = document.published[:10]
    if chosen.since and (not published or published < chosen.since):
        return False
    if chosen.until and (not published or published > chosen.until):
        return False
    return True


def _span_wanted(span, chosen: ExportFilter) -> bool:
    return ((chosen.labels is None or span.label in chosen.labels)
            and (chosen.annotators is None or span.annotator in chosen.annotators))


def _nothing_selected(project: Project, chosen: ExportFilter) -> str:
    statuses = chosen.statuses
    described = "any status" if statuses is None else "status " + ", ".join(statuses)
    message = f"no documents with {described} match the filters in {project.path}; nothing was written"
    hint = None if statuses is None else _status_hint(project.counts_by_status(), statuses)
    return f"{message}. {hint}" if hint else message


def _status_hint(counts: dict[str, int], asked: list[str]) -> str | None:
    """Where the documents are, naming only statuses that hold some and were not asked
    for (a hint to ask for the status just asked for helps nobody)."""
    if not any(counts.values()):
        return "The project has no documents yet"
    elsewhere = [status for status in STATUSES if counts.get(status) and status not in asked]
    if not elsewhere:  # the statuses asked hold documents: other filters left them out
        return None
    where = ", ".join(f"{status} ({counts[status]})" for status in elsewhere)
    return (f"The project's other documents are marked {where}: use --status "
            f"{','.join(elsewhere)} or --status any to export them")
