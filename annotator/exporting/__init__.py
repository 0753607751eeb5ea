"""Export a project's documents and spans as datasets other tools load as they are.

    select (filters) → check every span's offsets → split (optional) → write each part
    with the format's writer under a temporary name → manifest → rename into place
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Callable

from ..core.gc_pause import cyclic_gc_paused
from ..core.layers import GOLD
from ..core.offsets import CODEPOINT, UNITS
from ..formats import writers
from ..formats.export_base import WriteError, WriterOptions
from ..store import Project
from . import manifest
from .check import check_offsets
from .files import MANIFEST, staged
from .gold_review import GoldReview
from .progress import ProgressCounter, watched
from .selection import ExportError, ExportFilter, parse_list, parse_statuses, select
from .splits import SplitPlan, achieved, parse_split, split

FORMATS = writers.FORMATS

__all__ = ["ExportError", "ExportFilter", "ExportRequest", "ExportResult", "FORMATS", "export",
           "parse_list", "parse_split", "parse_statuses", "SplitPlan", "WriterOptions"]


@dataclass
class ExportRequest:
    out: Path
    fmt: str = "jsonl"
    filters: ExportFilter = field(default_factory=ExportFilter)
    options: WriterOptions = field(default_factory=WriterOptions)
    split: SplitPlan | None = None


@dataclass
class ExportResult:
    path: Path
    manifest_path: Path
    documents: int = 0
    spans: int = 0
    by_label: Counter = field(default_factory=Counter)
    counts: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    adjudication: dict | None = None  # a gold layer export: what it left out, what is unsettled


def export(project: Project, request: ExportRequest,
           progress: Callable[[int, int], None] | None = None) -> ExportResult:
    # holding 100,000 spans alive, a quarter of the time went to the cycle collector
    with cyclic_gc_paused():
        return _export(project, request, progress)


def _export(project: Project, request: ExportRequest,
            progress: Callable[[int, int], None] | None) -> ExportResult:
    writer = _writer(request)
    review = GoldReview(project.rejected_regions(),
                        gold_layer=request.filters.annotators == [GOLD])
    docs = select(project, request.filters, review)
    check_offsets(docs, request.options.offset_unit)
    parts = split(docs, request.split) if request.split else {"all": docs}
    result = ExportResult(Path(request.out), Path(request.out))
    result.documents = len(docs)
    result.by_label = _labels_counted(docs)
    result.spans = sum(result.by_label.values())
    result.counts = achieved(parts)
    result.notes += review.summary_notes()
    result.adjudication = review.counts()
    chosen = request.filters.annotators
    if chosen and not result.spans:  # e.g. the gold layer before any adjudication
        result.notes.append(f"no spans by {', '.join(chosen)} in the documents exported: "
                            "they are written without spans")
    try:
        if request.split:
            _write_split(writer, parts, request, result, project, progress)
        else:
            _write_single(writer, docs, request, result, project, progress)
    except WriteError as error:
        raise ExportError(f"export stopped, nothing was written: {error}") from None
    return result


def _labels_counted(docs) -> Counter:
    counts: Counter = Counter()
    label_of = attrgetter("label")
    for doc in docs:
        counts.update(map(label_of, doc.spans))  # counted in C, not a generator per span
    return counts


def _writer(request: ExportRequest):
    if request.fmt not in FORMATS:
        raise ExportError(f"unknown format {request.fmt!r}; use one of {', '.join(FORMATS)}")
    unit = request.options.offset_unit
    if unit not in UNITS:
        raise ExportError(f"unknown offset unit {unit!r}; use one of {', '.join(UNITS)}")
    if unit != CODEPOINT and request.fmt not in writers.UNIT_AWARE:
        raise ExportError(f"{request.fmt} files cannot say which unit their offsets count; "
                          f"--offset-unit applies to {', '.join(writers.UNIT_AWARE)} only")
    try:
        return writers.writer(request.fmt)
    except ImportError as error:
        if (error.name or "").startswith("annotator"):
            raise  # our own module missing: a bug, not the user's doing
        raise ExportError(f"the {request.fmt} export needs a package that is not installed "
                          f"({error.name}): {_how_to_add(request.fmt)}") from None


def _how_to_add(extra: str) -> str:
    if getattr(sys, "frozen", False):  # the standalone bundle: nothing can be added to it
        return (f"the standalone bundle leaves it out; install annotator with pip "
                f"(pip install 'annotator[{extra}]', see the README) for this export")
    return f"pip install 'annotator[{extra}]'"


def _write_single(writer, docs, request, result, project, progress) -> None:
    out = Path(request.out)
    folder = writer.SUFFIX == "" and out.suffix != ".zip"
    counter = ProgressCounter(len(docs), progress)
    with staged(out, folder=folder) as temp:
        result.notes += writer.write(watched(docs, counter), temp, request.options)
        files = manifest.files_of(temp)
        if folder:
            _write_manifest(temp / MANIFEST, request, project, result, files)
    result.manifest_path = out / MANIFEST if folder else out.with_name(out.name + ".manifest.json")
    if not folder:
        with staged(result.manifest_path, folder=False) as temp:
            _write_manifest(temp, request, project, result, files)


def _write_split(writer, parts, request, result, project, progress) -> None:
    out = Path(request.out)
    counter = ProgressCounter(sum(len(members) for members in parts.values()), progress)
    with staged(out, folder=True) as temp:
        written = 0
        for name, members in parts.items():
            target = temp / f"{name}{writer.SUFFIX}"
            notes = writer.write(watched(members, counter, written), target, request.options)
            result.notes += [f"{name}: {note}" for note in notes]
            written += len(members)
        _write_manifest(temp / MANIFEST, request, project, result, manifest.files_of(temp))
    result.manifest_path = out / MANIFEST


def _write_manifest(path, request, project, result, files) -> None:
    plan = request.split
    split_info = None if plan is None else {
        "requested": dict(zip(plan.names, (round(r, 4) for r in plan.ratios))),
        "seed": plan.seed, "group_by": plan.group_by,
        "achieved": {name: c["ratio"] for name, c in result.counts.items()}}
    manifest.write(path, manifest.build(
        request.fmt, request.options.offset_unit, project.label_names(),
        request.filters.describe(), result.counts, split_info, files, result.notes,
        result.adjudication))
